import FPINSISA
import QINSNumbers

/// A machine: every block of the processor and its parameters, with units in the names.
///
/// Read from a JSON file (``init(json:)``) or taken from a preset (``Presets``). Every field
/// has a default, the `qins-default` machine's value, so a file names only what it changes.
/// Docs/machine.md describes every field.
public struct MachineDescription: Hashable, Sendable {
  public var name = "qins-default"
  /// The clock, in MHz.
  public var clockMHz = 1000.0
  /// How values are stored in memory: `q8` (the seed's two-byte QINS8), `fpinsL`, or `fp32`.
  public var storageFormat = ValueFormat.q8
  /// The array's accumulator and the `acc` tensors' format.
  public var accumulatorFormat = ValueFormat.fp32
  /// Rounding of QINS8 results.
  public var rounding = RoundingMode.nearest
  /// How weights and activations get their scales.
  public var quantization = Quantization()
  /// How QINS8 values are laid out in memory.
  public var qinsStorage = QINSStorage.signCode

  /// The layout of a stored QINS value.
  public enum QINSStorage: String, CaseIterable, Hashable, Sendable {
    /// The seed's: a sign byte and a code byte, 2 bytes; every QINS8 value.
    case signCode = "sign_code"
    /// One byte: a sign bit and a 7-bit code; the magnitudes 256/s for even s from 4 to 256
    /// (1 to 64) and zero. Half the bytes, half the codes.
    case signBit = "sign_bit"
  }

  /// The storage format's name, with the QINS layout when it is not the seed's.
  public var storageName: String {
    storageFormat == .q8 && qinsStorage == .signBit ? "q8_sign_bit" : storageFormat.description
  }

  /// Bytes a value in the storage format takes.
  public var storageBytesPerValue: Int {
    storageFormat == .q8 && qinsStorage == .signBit ? 1 : storageFormat.bytesPerValue
  }

  /// The unit-scale grid of the storage format (nil for FP32 and FPINS(L >= 1)).
  public var storageElementFormat: ElementFormat? {
    if storageFormat == .q8 && qinsStorage == .signBit { return .qins7(rounding) }
    return storageFormat.elementFormat(rounding: rounding)
  }
  public var control = Control()
  public var alu = ALU()
  public var array = SystolicArray()
  public var sfu = SFU()
  public var dma = DMA()
  public var spad = Memory(capacityBytes: 8 << 20, banks: 32, bytesPerCycle: 256, latencyCycles: 2)
  public var lbuf = Memory(capacityBytes: 512 << 10, banks: 8, bytesPerCycle: 512, latencyCycles: 1)
  public var acc = Memory(capacityBytes: 2 << 20, banks: 16, bytesPerCycle: 512, latencyCycles: 1)
  public var dram = DRAM()
  /// `default` for the built-in action-energy table, or a path to a table file (a relative
  /// path in a description file is read from the directory of that file).
  public var energyTable = "default"
  /// The energy tables built into the tool, named by `energy_table` without a file:
  /// `default` (published figures and assumptions) and `synthesized` (the circuit flow's).
  public static let builtInEnergyTables: Set<String> = ["default", "synthesized"]

  public init() {}

  /// A value format a machine resolves `storage` and `acc` to.
  public enum ValueFormat: Hashable, Sendable, CustomStringConvertible {
    case fp32
    /// FPINS(L); FPINS(0) is QINS8.
    case fpins(Int)
    /// Symmetric 8-bit integers (-127...127) times a scale; 1 byte a value.
    case int8
    /// OCP FP8 E4M3 times a scale; 1 byte a value.
    case fp8e4m3
    /// OCP FP8 E5M2 times a scale; 1 byte a value.
    case fp8e5m2
    /// bfloat16; 2 bytes a value.
    case bf16

    public static let q8 = ValueFormat.fpins(0)
    /// The deepest FPINS a machine may store.
    public static let maxDepth = 6

    public init?(name: String) {
      switch name {
      case "int8": self = .int8
      case "fp8_e4m3": self = .fp8e4m3
      case "fp8_e5m2": self = .fp8e5m2
      case "bf16": self = .bf16
      default:
        switch TensorFormat(name: name) {
        case .fp32?: self = .fp32
        case .fpins(let l)? where l <= Self.maxDepth: self = .fpins(l)
        default: return nil
        }
      }
    }

    public var description: String {
      switch self {
      case .fp32: "fp32"
      case .fpins(let l): TensorFormat.fpins(l).name
      case .int8: "int8"
      case .fp8e4m3: "fp8_e4m3"
      case .fp8e5m2: "fp8_e5m2"
      case .bf16: "bf16"
      }
    }
    var depthOrZero: Int { if case .fpins(let l) = self { l } else { 0 } }

    /// Bytes per value: 4 for FP32, L + 2 for FPINS(L) (level bytes plus the sign byte),
    /// 1 for INT8 and FP8, 2 for BF16.
    public var bytesPerValue: Int {
      switch self {
      case .fp32: 4
      case .fpins(let l): l + 2
      case .int8, .fp8e4m3, .fp8e5m2: 1
      case .bf16: 2
      }
    }

    /// The unit-scale grid of an 8- or 16-bit format (QINS8 and the rivals); nil for FP32 and
    /// FPINS(L >= 1).
    public func elementFormat(rounding: RoundingMode) -> ElementFormat? {
      switch self {
      case .fp32, .fpins: self == .q8 ? .qins8(rounding) : nil
      case .int8: .int8
      case .fp8e4m3: .fp8e4m3
      case .fp8e5m2: .fp8e5m2
      case .bf16: .bf16
      }
    }

    /// Whether QINS8 or FPINS(L).
    public var isQINS: Bool { if case .fpins = self { true } else { false } }

    static let names =
      ["fp32", "q8"] + (1...maxDepth).map { "fpins\($0)" } + [
        "int8", "fp8_e4m3", "fp8_e5m2", "bf16",
      ]
  }

  /// What reaches a QINS PE's accumulator from two QINS8 codes.
  public enum ProductPath: String, CaseIterable, Hashable, Sendable {
    /// The seed's MUL table: the product rounded to the nearest QINS8 code (saturating at 256)
    /// at the sum of the operands' exponents.
    case table8
    /// mu_a x mu_b = 65536 / (s_a s_b), correctly rounded once to FP32: a 65,536-entry table
    /// with wide entries, or in logic a 24 x 24 multiply of edge-decoded operands.
    case exact
    /// Each operand decoded at the array edge to a float with `decoded_fraction_bits`
    /// (a 256-entry ROM per row and column), multiplied exactly in the PE.
    case decoded
  }

  /// How stored tensors get their scales.
  public struct Quantization: Hashable, Sendable {
    /// Scales of bound tensors (weights): one per tensor, or one per row (in PyTorch's
    /// [out, in] layout a row is an output channel).
    public enum WeightScales: String, CaseIterable, Hashable, Sendable {
      case tensor, channel
    }
    /// Scales of values a unit writes (activations).
    public enum ActivationScales: String, CaseIterable, Hashable, Sendable {
      /// One scale per tensor, chosen by its first write and kept (the seed's rule: later tiles
      /// saturate if their values are larger).
      case firstWrite = "first_write"
      /// One scale per tile written.
      case tile
      /// One scale per row of each tile written (per token, for activations).
      case row
    }
    public var weights = WeightScales.channel
    public var activations = ActivationScales.row
    public var scaleType = ScaleType.fp32
    /// Weights are calibrated once, before the run: the search costs nothing at run time.
    public var weightCalibration = Calibration.mse
    /// Activations are calibrated as they are written, by the writing unit, at a cost.
    public var activationCalibration = Calibration.mse
    /// With `max` activation calibration: octaves between the largest magnitude and the grid's
    /// largest (-8...8).
    public var activationMaxShiftOctaves = 0
    /// The scale unit at the output of the ALU and of the SFU, which chooses each activation
    /// scale as the values are written: elements it reads a cycle, in the pass for the largest
    /// magnitude and in each pass over the sampled elements for candidate scales.
    public var scaleUnitLanes = 64
    /// Candidate scales the scale unit tries at once on each sampled element (`mse`): the
    /// candidates of a stage take ceil(candidates / this) passes over the sample.
    public var scaleUnitCandidates = 4

    public init() {}

    /// The seed's rule: per-tensor power-of-two exponents, the first write's.
    public static let seed: Quantization = {
      var q = Quantization()
      q.weights = .tensor
      q.activations = .firstWrite
      q.scaleType = .powerOfTwo
      q.weightCalibration = .mse
      q.activationCalibration = .mse
      return q
    }()
  }

  /// Whether tensors in the storage format carry a scale per element group (rows, channels,
  /// tiles) rather than the one power-of-two exponent per tensor of the seed's design. Always
  /// for INT8, FP8 and BF16; for QINS8 unless the quantization is the seed's.
  public var usesElementScales: Bool {
    switch storageFormat {
    case .fp32: false
    case .fpins(let l): l == 0 && (quantization != .seed || qinsStorage == .signBit)
    case .int8, .fp8e4m3, .fp8e5m2, .bf16: true
    }
  }

  /// Why this combination of fields cannot be simulated, or nil when it can: element scales
  /// (per row, channel or tile) need FP32 accumulators, since the array factors the scales out
  /// of FP32 sums. Commands check it before running anything; the simulator refuses it too.
  public var configurationProblem: String? {
    guard usesElementScales && accumulatorFormat != .fp32 else { return nil }
    return
      "\(name): scales per row, channel or tile (quantization) need FP32 accumulators; accumulator_format is \(accumulatorFormat)"
  }

  /// The control core: in-order, single issue, with a scoreboard.
  public struct Control: Hashable, Sendable {
    /// Cycles from issue until a scalar result can be read.
    public var scalarLatencyCycles = 1
    /// Extra cycles a taken branch costs.
    public var takenBranchPenaltyCycles = 1
  }

  /// How lookup tables are built.
  public enum TableImplementation: String, Hashable, Sendable, CaseIterable {
    /// A private SRAM copy of each table per lane or PE: no conflicts, most area.
    case privateSRAM = "private_sram"
    /// One SRAM copy shared by all lanes (ALU) or by a row of PEs (array), with K ports:
    /// more than K look-ups in a cycle stall.
    case sharedSRAM = "shared_sram"
    /// Synthesised logic or ROM computing the table's function: no SRAM, no conflicts.
    case rom
  }

  /// The LUT vector ALU.
  public struct ALU: Hashable, Sendable {
    public var lanes = 64
    public var latencyCycles = 4
    public var convertLatencyCycles = 6
    public var tables = TableImplementation.sharedSRAM
    /// Read ports of a shared table SRAM.
    public var tablePorts = 8
  }

  /// The systolic array of QINS processing elements.
  public struct SystolicArray: Hashable, Sendable {
    public var rows = 128
    public var cols = 128
    public var dataflow = Dataflow.ws
    public var tables = TableImplementation.rom
    /// Read ports of a table SRAM shared by one row of PEs.
    public var tablePorts = 16
    /// Load the next fold's stationary operand while the current fold streams: a shadow copy
    /// of the PEs' stationary registers and a weight FIFO that stages the next operand from
    /// memory beside the array (the TPU's design; on in every preset).
    public var doubleBufferedStationary = true
    /// Start the next fold's stream behind the current one instead of after its drain, within
    /// a GEMM and from one `sa.matmul` to the next (on in every preset).
    public var overlapFolds = true
    /// What a QINS8 PE's multiply delivers to its accumulator.
    public var product = ProductPath.decoded
    /// Fraction bits of the edge-decoded operands (`decoded` product path), 1...11.
    public var decodedFractionBits = 7
  }

  /// The FP32 special function unit.
  public struct SFU: Hashable, Sendable {
    public var lanes = 16
    public var elementwiseLatencyCycles = 4
    public var transcendentalLatencyCycles = 16
    public var reductionLatencyCycles = 24
  }

  /// The DMA engine.
  public struct DMA: Hashable, Sendable {
    /// Transfers that may be queued before `dma.copy` stalls issue.
    public var queueDepth = 8
  }

  /// An on-chip memory level.
  public struct Memory: Hashable, Sendable {
    public var capacityBytes: Int
    public var banks: Int
    public var bytesPerCycle: Int
    public var latencyCycles: Int

    public init(capacityBytes: Int, banks: Int, bytesPerCycle: Int, latencyCycles: Int) {
      self.capacityBytes = capacityBytes
      self.banks = banks
      self.bytesPerCycle = bytesPerCycle
      self.latencyCycles = latencyCycles
    }
  }

  /// DRAM or HBM.
  public struct DRAM: Hashable, Sendable {
    public var capacityBytes = 16 << 30
    public var bandwidthGBPerSecond = 200.0
    public var latencyNanoseconds = 100.0
  }

  /// The QINS8 PEs' product path with its parameter.
  public var productPath: QINS8ProductPath {
    switch array.product {
    case .table8: .table8
    case .exact: .exact
    case .decoded: .decoded(fractionBits: array.decodedFractionBits)
    }
  }

  /// The on-chip memory of a level (nil for DRAM).
  public func memory(_ space: MemorySpace) -> Memory? {
    switch space {
    case .spad: spad
    case .lbuf: lbuf
    case .acc: acc
    case .dram: nil
    }
  }

  /// DRAM bytes per cycle at the clock.
  public var dramBytesPerCycle: Double { dram.bandwidthGBPerSecond * 1e9 / (clockMHz * 1e6) }

  /// DRAM latency in cycles, rounded up.
  public var dramLatencyCycles: Int {
    Int((dram.latencyNanoseconds * clockMHz / 1000).rounded(.up))
  }

  /// Multiply-accumulates per second at full utilisation, counted as two operations each,
  /// the convention behind published TOPS figures.
  public var peakOperationsPerSecond: Double {
    2 * Double(array.rows * array.cols) * clockMHz * 1e6
  }

  /// Bytes a value of a declared format takes on this machine.
  public func bytesPerValue(_ format: TensorFormat) -> Int {
    switch format {
    case .storage: storageBytesPerValue
    case .accumulator: accumulatorFormat.bytesPerValue
    default: format.bytesPerValue!
    }
  }
}
