import FPINSISA
import QINSMachine
import QINSSupport

/// What `qinssim transformer` reports, as text and as JSON: every machine side by side, with
/// its costs and its error against the FP32 numerical reference per layer.
public struct TransformerReport: Encodable, Sendable {
  public struct LayerError: Encodable, Sendable {
    public var layer: Int
    /// The output hidden states against the reference's.
    public var output: ErrorMetrics
    /// The layer's update (output minus its input) against the reference's update: the
    /// residual stream, carried in FP32, does not hide the error of the layer's own work.
    public var update: ErrorMetrics
  }

  /// One layer's run against the machine's bounds, and split among the program's operators.
  public struct LayerRoofline: Encodable, Sendable {
    public var layer: Int
    public var roofline: Roofline
    /// The layer's operators (``OperatorStatistics``), each with its own bounds.
    public var operators: [OperatorStatistics]
  }

  public struct MachineFigures: Encodable, Sendable {
    public var name: String
    public var storageFormat = ""
    public var cycles = 0
    public var seconds = 0.0
    public var energyPj = 0.0
    public var avgPowerW = 0.0
    public var dramBytes = 0
    public var weightBytes = 0
    public var multiplyAccumulates = 0
    /// Absent in a timing-only run.
    public var saturatedProducts: Int? = 0
    /// One PE multiply-accumulate's energy on this machine, pJ.
    public var peMultiplyAccumulatePj = 0.0
    public var areaMm2 = 0.0
    /// Where this machine is other hardware than `fp32-reference` (the built-in FP32 machine
    /// every comparison runs), apart from its number formats
    /// (``MachineDescription/platformDifferences(from:)``); nil when it is the same.
    public var fp32ReferenceDiffersIn: [String]?
    public var energyByComponentPj: [String: Double] = [:]
    /// The last layer's output error.
    public var error: ErrorMetrics?
    public var perLayer: [LayerError] = []
    /// The layers' runs against the machine's bounds, summed (``Roofline``), and layer by
    /// layer.
    public var roofline = Roofline()
    public var perLayerRoofline: [LayerRoofline] = []
    /// The layers' operators, summed over the layers by name.
    public var operators: [OperatorStatistics] = []
    /// The layers' run statistics, summed (``RunStatistics/adding(_:)``): what
    /// `transformer --stats` writes. Not part of the report's JSON.
    public var statistics: RunStatistics?

    public init(name: String) { self.name = name }

    enum CodingKeys: String, CodingKey {
      case name, storageFormat, cycles, seconds, energyPj, avgPowerW, dramBytes, weightBytes
      case multiplyAccumulates, saturatedProducts, peMultiplyAccumulatePj, areaMm2
      case fp32ReferenceDiffersIn
      case energyByComponentPj, error, perLayer, roofline, perLayerRoofline, operators
    }

    /// Every figure.
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(storageFormat, forKey: .storageFormat)
      try c.encode(weightBytes, forKey: .weightBytes)
      try c.encode(cycles, forKey: .cycles)
      try c.encode(seconds, forKey: .seconds)
      try c.encode(energyPj, forKey: .energyPj)
      try c.encode(avgPowerW, forKey: .avgPowerW)
      try c.encode(dramBytes, forKey: .dramBytes)
      try c.encode(multiplyAccumulates, forKey: .multiplyAccumulates)
      try c.encodeIfPresent(saturatedProducts, forKey: .saturatedProducts)
      try c.encode(peMultiplyAccumulatePj, forKey: .peMultiplyAccumulatePj)
      try c.encode(areaMm2, forKey: .areaMm2)
      try c.encodeIfPresent(fp32ReferenceDiffersIn, forKey: .fp32ReferenceDiffersIn)
      try c.encode(energyByComponentPj, forKey: .energyByComponentPj)
      try c.encodeIfPresent(error, forKey: .error)
      try c.encode(perLayer, forKey: .perLayer)
      try c.encode(roofline, forKey: .roofline)
      try c.encode(perLayerRoofline, forKey: .perLayerRoofline)
      try c.encode(operators, forKey: .operators)
    }

    /// Adds a run of layer `layer`.
    public mutating func add(_ s: RunStatistics, layer: Int, weightBytes w: Int) {
      if let r = s.roofline {
        roofline.add(r)
        // Several runs of one layer (one per sentence) add up in its entry.
        let ops = s.operators ?? []
        if let i = perLayerRoofline.firstIndex(where: { $0.layer == layer }) {
          perLayerRoofline[i].roofline.add(r)
          perLayerRoofline[i].operators = perLayerRoofline[i].operators.adding(ops)
        } else {
          perLayerRoofline.append(LayerRoofline(layer: layer, roofline: r, operators: ops))
        }
      }
      operators = operators.adding(s.operators ?? [])
      cycles += s.cycles
      seconds += s.seconds
      energyPj += s.energy.totalPj
      avgPowerW = seconds == 0 ? 0 : energyPj * 1e-12 / seconds
      dramBytes += s.bytesMoved(.dram)
      weightBytes += w
      multiplyAccumulates += s.multiplyAccumulates
      saturatedProducts = s.overflows.map { (saturatedProducts ?? 0) + $0 }
      areaMm2 = s.totalAreaMm2
      for (k, v) in s.energy.byComponentPj { energyByComponentPj[k, default: 0] += v }
      statistics = statistics.map { $0.adding(s) } ?? s
    }
  }

  public var model: String
  public var weights: String
  public var seq: Int
  public var layers: String
  public var hidden: Int
  public var heads: Int
  public var headDim: Int
  public var intermediate: Int
  /// The machines in the order given, the FP32 machine last.
  public var machineOrder: [String]
  public var machines: [String: MachineFigures]
  /// True for `--timing-only` (no values, no error; left out of the JSON otherwise).
  public var timingOnly: Bool?

  /// The machines in the order given.
  public var ordered: [MachineFigures] { machineOrder.map { machines[$0]! } }
}
