import FPINSISA

/// The kind of processing element a machine's array has: what its multiply-accumulate
/// computes, named as energy tables and the circuits name it (`pe_int8`,
/// `pe_qins_decoded_f7`). `MachineCosts` prices a machine's PE by this name when its energy
/// table has an entry for it; the circuit flow (`Sources/Circuits`) synthesizes one per kind.
public enum PEKind: Hashable, Sendable {
  case fp32
  case bf16
  case fp8E4M3
  case fp8E5M2
  case int8
  /// The seed's PE: the MUL table (rounding to nearest, or the seed's truncation), the code's
  /// value, the product exponent, an FP32 add.
  case qinsTable8(nearest: Bool)
  /// Operands decoded at the array's edge to `fractionBits`, multiplied exactly.
  case qinsDecoded(fractionBits: Int)
  /// `65536 / (s_a s_b)` correctly rounded.
  case qinsExact

  /// The PE of `machine`'s array, or nil where no circuit models it (QINS8 or FPINS
  /// accumulators, FPINS(L >= 1) operands, a `table8` or `exact` product read from tables in
  /// SRAM).
  public init?(machine m: MachineDescription) {
    switch m.storageFormat {
    case .fp32: self = .fp32
    case .bf16: self = .bf16
    case .fp8e4m3: self = .fp8E4M3
    case .fp8e5m2: self = .fp8E5M2
    case .int8: self = .int8
    case .fpins(0) where m.accumulatorFormat == .fp32:
      // A product read from a table in SRAM is a memory access, not this logic.
      switch m.array.product {
      case .table8 where m.array.tables == .rom: self = .qinsTable8(nearest: m.rounding == .nearest)
      case .decoded: self = .qinsDecoded(fractionBits: m.array.decodedFractionBits)
      case .exact where m.array.tables == .rom: self = .qinsExact
      default: return nil
      }
    case .fpins: return nil
    }
  }

  /// A name for tables (`pe_int8`, `pe_qins_decoded_f7`).
  public var name: String {
    switch self {
    case .fp32: "pe_fp32"
    case .bf16: "pe_bf16"
    case .fp8E4M3: "pe_fp8_e4m3"
    case .fp8E5M2: "pe_fp8_e5m2"
    case .int8: "pe_int8"
    case .qinsTable8(let nearest): nearest ? "pe_qins_table8" : "pe_qins_table8_seed_rounding"
    case .qinsDecoded(let f): "pe_qins_decoded_f\(f)"
    case .qinsExact: "pe_qins_exact"
    }
  }

  /// Whether operands are QINS8 codes (else unit-grid values).
  public var isQINS: Bool {
    switch self {
    case .qinsTable8, .qinsDecoded, .qinsExact: true
    default: false
    }
  }
}

extension MachineDescription {
  /// The kind of PE of the array, or nil where none models it (``PEKind/init(machine:)``).
  public var peKind: PEKind? { PEKind(machine: self) }
}
