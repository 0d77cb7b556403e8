import FPINSISA
import Foundation
import MachineDescription
import QINSNumbers
import QINSSupport
import SystolicArray

/// The actual product of a GEMM on fixed-seed data, in the machine's formats, by the fast or
/// the PE-level model, and its error against an FP32 product of the same data.
public enum GemmFunctional {
  public struct Result: Encodable, Sendable {
    public var model: String
    public var format: String
    public var cycles: Int?
    public var peSteps: Int?
    public var maxAbsError: Double
    public var relativeRmsError: Double
    public var cosine: Double
    public var overflowingProducts: Int
    /// Wall time of the model's multiply alone (the only figure that varies between runs).
    public var modelSeconds: Double
  }

  public static func run(
    gemm g: GEMMShape, rows: Int, cols: Int, dataflow: Dataflow, machine: MachineDescription,
    peModel: Bool
  ) throws(WorkloadError) -> Result {
    var ga = SeededGenerator(seed: 1)
    var gb = SeededGenerator(seed: 2)
    let a = ga.normalFloats(count: g.m * g.k)
    let b = gb.normalFloats(count: g.k * g.n)
    // The FP32 product, in the same dataflow's order.
    let reference = FastArrayModel.multiply(
      FP32Arithmetic(), a: a, b: b, gemm: g, rows: rows, dataflow: dataflow)
    var product: [Float]
    var cycles: Int?
    var steps: Int?
    var overflows = 0
    let format: String
    /// A and B in QINS8 with their tables and the products' exponent.
    func qins8Operands() throws(WorkloadError) -> (QINS8Tables, [QINS8], [QINS8], Int) {
      let qa: QINS8Tensor
      let qb: QINS8Tensor
      do {
        (qa, _) = try QINS8Tensor.encode(a, mode: machine.rounding)
        (qb, _) = try QINS8Tensor.encode(b, mode: machine.rounding)
      } catch { throw WorkloadError("\(machine.name): \(error)") }
      return (
        QINS8Tables(rounding: machine.rounding), (0..<qa.count).map { qa[$0] },
        (0..<qb.count).map { qb[$0] }, qa.scaleExponent + qb.scaleExponent
      )
    }
    var modelSeconds = 0.0
    func timed<T>(_ body: () -> T) -> T {
      let start = DispatchTime.now().uptimeNanoseconds
      let r = body()
      modelSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      return r
    }
    // This path models the seed's PEs: the MUL table and one exponent per operand.
    if machine.usesElementScales
      || (machine.storageFormat == .q8 && machine.array.product != .table8)
    {
      throw WorkloadError(
        "--functional and --model pe model the seed's PEs (the MUL table, one exponent per tensor); \(machine.name) uses the \(machine.array.product.rawValue) product path or scales per row and channel: run Programs/gemm.qasm with qinssim run --machine \(machine.name), or use --machine qins-seed"
      )
    }
    /// The product by the PE-level model (counting its cycles and steps) or the fast one.
    func multiply<P: PEArithmetic>(_ p: P, _ a: [P.Operand], _ b: [P.Operand]) -> [P.Accumulator] {
      guard peModel else {
        return timed {
          FastArrayModel.multiply(p, a: a, b: b, gemm: g, rows: rows, dataflow: dataflow)
        }
      }
      var model = PEArrayModel(p, rows: rows, cols: cols)
      let r = timed { model.run(a: a, b: b, gemm: g, dataflow: dataflow) }
      cycles = r.cycles
      steps = model.peSteps
      return r.c
    }
    switch (machine.storageFormat, machine.accumulatorFormat) {
    case (.fp32, _):
      format = "fp32"
      product = multiply(FP32Arithmetic(), a, b)
    case (.fpins(0), let acc) where acc == .fp32 || acc == .q8:
      let (tables, ea, eb, exponent) = try qins8Operands()
      overflows = saturated(ea, eb, g, tables)
      if acc == .fp32 {
        format = "q8 operands, fp32 accumulator"
        product = multiply(QINS8HybridArithmetic(tables: tables, productExponent: exponent), ea, eb)
      } else {
        format = "q8 operands, q8 accumulator"
        product = multiply(QINS8PureArithmetic(tables: tables), ea, eb).map {
          QINS8Codec.decode($0, scaleExponent: exponent)
        }
      }
    case (.fpins(0), .fpins(let depth)):
      format = "q8 operands, fpins\(depth) accumulator"
      let (tables, ea, eb, exponent) = try qins8Operands()
      overflows = saturated(ea, eb, g, tables)
      let p = QINS8FPINSArithmetic(
        tables: tables, depth: depth, headroom: QINS8FPINSArithmetic.headroom(k: g.k))
      let scale = Double(sign: .plus, exponent: exponent, significand: 1)
      product = multiply(p, ea, eb).map { Float(p.value($0) * scale) }
    default:
      throw WorkloadError(
        "--functional and --model pe support q8 or fp32 storage with fp32, q8 or fpinsL accumulators; this machine stores \(machine.storageFormat) and accumulates in \(machine.accumulatorFormat)"
      )
    }
    let error = ErrorMetrics(product, reference)
    return Result(
      model: peModel ? "pe" : "fast", format: format, cycles: cycles, peSteps: steps,
      maxAbsError: error.maxAbs, relativeRmsError: error.relRms, cosine: error.cosine,
      overflowingProducts: overflows, modelSeconds: modelSeconds)
  }

  /// How many of the M x K x N products saturate the MUL table.
  static func saturated(_ a: [QINS8], _ b: [QINS8], _ g: GEMMShape, _ tables: QINS8Tables) -> Int {
    var n = 0
    for i in 0..<g.m {
      for k in 0..<g.k {
        for j in 0..<g.n
        where tables.multiply(a[i * g.k + k], b[k * g.n + j]).flags.contains(.overflow) {
          n += 1
        }
      }
    }
    return n
  }
}
