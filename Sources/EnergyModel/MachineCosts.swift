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
  /// Energy of one power-of-two scale applied (an exponent add), pJ.
  public var exponentAdd: Double
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
    // Only QINS machines have a LUT ALU; the others compute in FP32 with converters.
    aluLookup = m.storageFormat.isQINS ? lookup(m.alu.tables) : t["fp32", "add"]
    let qinsAccumulator = m.accumulatorFormat != .fp32
    // A table that prices the machine's kind of PE (the synthesized one does) is used as it
    // is; otherwise the estimate from the table's arithmetic.
    peMultiplyAccumulate =
      m.peKind.flatMap { t.value($0.name, "mac") } ?? Self.multiplyAccumulate(m, t, lookup: lookup)
    fp32Add = t["fp32", "add"]
    fp32Multiply = t["fp32", "mul"]
    exponentAdd = t["int8", "add"]
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
    switch (m.storageFormat.isQINS, m.alu.tables) {
    case (false, _), (_, .rom): aluTableBytes = 0
    case (_, .privateSRAM): aluTableBytes = m.alu.lanes * Self.qins8TableSetBytes
    case (_, .sharedSRAM): aluTableBytes = Self.qins8TableSetBytes
    }
    let peTables = qinsAccumulator ? 3 : 1  // MUL, and ADD and SUB for a QINS accumulator
    // The `exact` product as a table has 32-bit entries; `decoded` needs no PE table.
    let peTableBytes =
      m.array.product == .exact && !qinsAccumulator ? 65_536 * 4 : Self.qins8TableBytes
    let arrayTableBytes: Int
    switch (m.storageFormat.isQINS, m.array.tables) {
    case (false, _), (_, .rom): arrayTableBytes = 0
    case _ where m.array.product == .decoded && !qinsAccumulator: arrayTableBytes = 0
    case (_, .privateSRAM): arrayTableBytes = pes * peTables * peTableBytes
    case (_, .sharedSRAM): arrayTableBytes = m.array.rows * peTables * peTableBytes
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
      Double(pes) * (m.peKind.flatMap { t.value($0.name, "area") } ?? Self.peArea(m, t))
    if m.storageFormat == .q8 && m.array.product == .decoded {
      // The edge decoders: one per row and per column, as synthesized logic where the table
      // prices one, else a 256-entry ROM each.
      let rom =
        256 * Double(m.array.decodedFractionBits + 5) / 8 / Double(1 << 20) * t["sram", "area"]
      area["array_edge_decoders"] =
        Double(m.array.rows + m.array.cols) * (t.value("qins_edge_decoder", "area") ?? rom)
    }
    leakageMilliwatts = leakage
    areaSquareMillimetres = area
  }

  /// One PE multiply-accumulate, pJ, by operand format and product path.
  ///
  /// - FP32: an FP32 multiply and add (Horowitz).
  /// - QINS8 with a QINS8 or FPINS accumulator: the MUL table, then the ADD or SUB table.
  /// - QINS8 `table8` into FP32: the MUL table, a conversion of its code, an FP32 add.
  /// - QINS8 `exact`: a 65,536-entry table with 32-bit entries where the array's tables are
  ///   SRAM (its read energy by size); in logic, a 24 x 24 significand multiply, estimated as
  ///   (24/8)^2 = 9 int8 multiplies, plus an exponent add; then an FP32 add.
  /// - QINS8 `decoded` with f fraction bits, FP8 and BF16: a (f+1) x (f+1) significand multiply,
  ///   estimated as ((f+1)/8)^2 int8 multiplies, an exponent add (an int8 add), and an FP32 add.
  ///   E4M3 has f = 3, E5M2 f = 2, BF16 f = 7. (The edge decode of QINS8 is a 256-entry ROM
  ///   read per operand entering the array, shared by a whole row or column: not charged per
  ///   multiply-accumulate.)
  /// - INT8: an int8 multiply and an int32 add.
  static func multiplyAccumulate(
    _ m: MachineDescription, _ t: EnergyTable,
    lookup: (MachineDescription.TableImplementation) -> Double
  ) -> Double {
    func significandProduct(_ fractionBits: Int) -> Double {
      let w = Double(fractionBits + 1) / 8
      return w * w * t["int8", "mul"] + t["int8", "add"] + t["fp32", "add"]
    }
    switch m.storageFormat {
    case .fp32: return t["fp32", "mul"] + t["fp32", "add"]
    case .int8: return t["int8", "mul"] + t["int32", "add"]
    case .fp8e4m3: return significandProduct(3)
    case .fp8e5m2: return significandProduct(2)
    case .bf16: return significandProduct(7)
    case .fpins(let l):
      if m.accumulatorFormat != .fp32 { return 2 * lookup(m.array.tables) }
      // FPINS(L >= 1) operands: the seed's table path (the product paths are QINS8's).
      switch l > 0 ? .table8 : m.array.product {
      case .table8: return lookup(m.array.tables) + t["fp32", "convert"] + t["fp32", "add"]
      case .exact:
        let product =
          m.array.tables == .rom
          ? 9 * t["int8", "mul"] + t["int8", "add"] : t.sramRead64(bytes: 65_536 * 4)
        return product + t["fp32", "add"]
      case .decoded: return significandProduct(m.array.decodedFractionBits)
      }
    }
  }

  /// One PE's area, mm^2: the FP32 PE's for FP32; the 8-bit PE's for INT8 and for QINS8 into
  /// a QINS accumulator; otherwise an 8-bit PE plus an FP32 adder, plus the significand
  /// multiplier scaled from the FP32 PE's by the square of its width (estimates; see
  /// Docs/energy-model.md).
  static func peArea(_ m: MachineDescription, _ t: EnergyTable) -> Double {
    let base = t["pe", "area"]
    let fp32 = t["pe_fp32", "area"]
    let adder = t["pe_fp32_adder", "area"]
    func withMultiplier(_ fractionBits: Int) -> Double {
      let w = Double(fractionBits + 1) / 24
      return base + adder + w * w * (fp32 - adder)
    }
    switch m.storageFormat {
    case .fp32: return fp32
    case .int8: return base
    case .fp8e4m3: return withMultiplier(3)
    case .fp8e5m2: return withMultiplier(2)
    case .bf16: return withMultiplier(7)
    case .fpins(let l):
      if m.accumulatorFormat != .fp32 { return base }
      switch l > 0 ? .table8 : m.array.product {
      case .table8: return base + adder
      case .exact: return m.array.tables == .rom ? withMultiplier(23) : base + adder
      case .decoded: return withMultiplier(m.array.decodedFractionBits)
      }
    }
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
