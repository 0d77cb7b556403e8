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
  public var control = Control()
  public var alu = ALU()
  public var array = SystolicArray()
  public var sfu = SFU()
  public var dma = DMA()
  public var spad = Memory(capacityBytes: 8 << 20, banks: 32, bytesPerCycle: 256, latencyCycles: 2)
  public var lbuf = Memory(capacityBytes: 512 << 10, banks: 8, bytesPerCycle: 512, latencyCycles: 1)
  public var acc = Memory(capacityBytes: 2 << 20, banks: 16, bytesPerCycle: 512, latencyCycles: 1)
  public var dram = DRAM()
  /// `default` for the built-in action-energy table, or a path to a table file.
  public var energyTable = "default"

  public init() {}

  /// A value format a machine resolves `storage` and `acc` to.
  public enum ValueFormat: Hashable, Sendable, CustomStringConvertible {
    case fp32
    /// FPINS(L); FPINS(0) is QINS8.
    case fpins(Int)

    public static let q8 = ValueFormat.fpins(0)
    /// The deepest FPINS a machine may store.
    public static let maxDepth = 6

    public init?(name: String) {
      switch TensorFormat(name: name) {
      case .fp32?: self = .fp32
      case .fpins(let l)? where l <= Self.maxDepth: self = .fpins(l)
      default: return nil
      }
    }

    public var description: String { self == .fp32 ? "fp32" : TensorFormat.fpins(depthOrZero).name }
    var depthOrZero: Int { if case .fpins(let l) = self { l } else { 0 } }

    /// Bytes per value: 4 for FP32, L + 2 for FPINS(L) (level bytes plus the sign byte).
    public var bytesPerValue: Int { self == .fp32 ? 4 : depthOrZero + 2 }

    static let names = ["fp32", "q8"] + (1...maxDepth).map { "fpins\($0)" }
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
    /// Load the next fold's stationary operand while the current fold streams.
    public var doubleBufferedStationary = false
    /// Start the next fold's stream behind the current one instead of after its drain.
    public var overlapFolds = false
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
    case .storage: storageFormat.bytesPerValue
    case .accumulator: accumulatorFormat.bytesPerValue
    default: format.bytesPerValue!
    }
  }
}
