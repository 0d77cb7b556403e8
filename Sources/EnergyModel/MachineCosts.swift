import FPINSISA
import MachineDescription

/// What a machine's actions cost, derived from its description and an energy table: the
/// per-action energies the simulator charges, and the leakage and area of every block.
public struct MachineCosts: Hashable, Sendable {
  /// Bytes of one QINS8 table set as hardware stores it: ADD, SUB and MUL with 9-bit
  /// entries (code plus flag bit) and the 256-byte RCP table. See Docs/number-formats.md.
  public static let qins8TableSetBytes = 3 * 65_536 * 9 / 8 + 256
  /// Bytes of one 256 x 256 table with 9-bit entries.
  public static let qins8TableBytes = 65_536 * 9 / 8

  /// Energy of one LUT ALU table look-up, pJ.
  public var aluLookup: Double
  /// Energy of one PE multiply-accumulate (its table look-ups or its FP32 operations), pJ.
  public var peMultiplyAccumulate: Double
  /// Energy of one FP32 add and one FP32 multiply, pJ (SFU and FP32 work).
  public var fp32Add: Double
  public var fp32Multiply: Double
  /// Energy of one format conversion, pJ.
  public var convert: Double
  /// Energy of one SFU transcendental, pJ.
  public var special: Double
  /// Energy of one scalar integer operation in the control core, pJ.
  public var scalarOperation: Double
  /// Energy per byte read or written, per memory level, pJ.
  public var bytePicojoules: [MemorySpace: Double]
  /// Leakage per component, mW.
  public var leakageMilliwatts: [String: Double]
  /// Area per component, mm^2.
  public var areaSquareMillimetres: [String: Double]

  public init(machine m: MachineDescription, table t: EnergyTable) {
    let tableLookupSRAM = t.sramRead64(bytes: Self.qins8TableBytes)
    func lookup(_ implementation: MachineDescription.TableImplementation) -> Double {
      implementation == .rom ? t["qins8_logic", "lookup"] : tableLookupSRAM
    }
    aluLookup = m.storageFormat == .fp32 ? t["fp32", "add"] : lookup(m.alu.tables)
    let qinsAccumulator = m.accumulatorFormat != .fp32
    switch (m.storageFormat, qinsAccumulator) {
    case (.fp32, _):
      peMultiplyAccumulate = t["fp32", "mul"] + t["fp32", "add"]
    case (_, true):
      peMultiplyAccumulate = 2 * lookup(m.array.tables)  // MUL then ADD or SUB
    case (_, false):
      peMultiplyAccumulate = lookup(m.array.tables) + t["fp32", "convert"] + t["fp32", "add"]
    }
    fp32Add = t["fp32", "add"]
    fp32Multiply = t["fp32", "mul"]
    convert = t["fp32", "convert"]
    special = t["fp32", "special"]
    scalarOperation = t["int32", "add"]
    var perByte: [MemorySpace: Double] = [.dram: t["dram", "read64"] / 8]
    for space in [MemorySpace.spad, .lbuf, .acc] {
      let memory = m.memory(space)!
      perByte[space] = t.sramRead64(bytes: memory.capacityBytes / memory.banks) / 8
    }
    bytePicojoules = perByte

    // SRAM held by each block, bytes.
    let pes = m.array.rows * m.array.cols
    let aluTableBytes: Int
    switch (m.storageFormat, m.alu.tables) {
    case (.fp32, _), (_, .rom): aluTableBytes = 0
    case (_, .privateSRAM): aluTableBytes = m.alu.lanes * Self.qins8TableSetBytes
    case (_, .sharedSRAM): aluTableBytes = Self.qins8TableSetBytes
    }
    let peTables = qinsAccumulator ? 3 : 1  // MUL, and ADD and SUB for a QINS accumulator
    let arrayTableBytes: Int
    switch (m.storageFormat, m.array.tables) {
    case (.fp32, _), (_, .rom): arrayTableBytes = 0
    case (_, .privateSRAM): arrayTableBytes = pes * peTables * Self.qins8TableBytes
    case (_, .sharedSRAM): arrayTableBytes = m.array.rows * peTables * Self.qins8TableBytes
    }
    let sram: [String: Int] = [
      "spad": m.spad.capacityBytes, "lbuf": m.lbuf.capacityBytes, "acc": m.acc.capacityBytes,
      "alu_tables": aluTableBytes, "array_tables": arrayTableBytes,
    ]
    var leakage: [String: Double] = [:]
    var area: [String: Double] = [:]
    for (name, bytes) in sram {
      leakage[name] = Double(bytes) / 1024 * t["sram", "leakage"] / 1000
      area[name] = Double(bytes) / Double(1 << 20) * t["sram", "area"]
    }
    for unit in ["control", "alu", "sfu", "dma"] {
      leakage[unit] = t["logic", "leakage"]
      area[unit] = t["logic", "area"]
    }
    leakage["array_pes"] = Double(pes) * t["pe", "leakage"] / 1000
    area["array_pes"] =
      Double(pes) * (m.storageFormat == .fp32 ? t["pe_fp32", "area"] : t["pe", "area"])
    leakageMilliwatts = leakage
    areaSquareMillimetres = area
  }

  /// Sums in key order: a `Dictionary`'s own order changes between processes, and a
  /// floating-point sum depends on order.
  public var totalLeakageMilliwatts: Double {
    leakageMilliwatts.keys.sorted().reduce(0) { $0 + leakageMilliwatts[$1]! }
  }
  public var totalAreaSquareMillimetres: Double {
    areaSquareMillimetres.keys.sorted().reduce(0) { $0 + areaSquareMillimetres[$1]! }
  }
}
