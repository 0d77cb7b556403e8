import MachineDescription
import QINSNumbers
import SystolicArray

extension PEKind {
  /// The PE's multiply-accumulate circuit.
  public var circuit: Circuit {
    switch self {
    case .fp32: Circuit(name, "mac_float", role: "FP32 PE")
    case .bf16: Circuit(name, "mac_float", CircuitCatalog.bf16, role: "BF16 PE")
    case .fp8E4M3: Circuit(name, "mac_float", CircuitCatalog.e4m3, role: "FP8 E4M3 PE")
    case .fp8E5M2: Circuit(name, "mac_float", CircuitCatalog.e5m2, role: "FP8 E5M2 PE")
    case .int8: Circuit(name, "mac_int8", role: "INT8 PE")
    case .qinsTable8(let nearest):
      Circuit(name, "mac_qins_table8", ["NEAREST": nearest ? 1 : 0], role: "QINS8 seed PE")
    case .qinsDecoded(let f):
      Circuit(name, "mac_qins_decoded", ["FRAC_BITS": f], role: "QINS8 decoded-operand PE")
    case .qinsExact: Circuit(name, "mac_qins_exact", role: "QINS8 exact-product PE")
    }
  }

  /// The storage format a random operand is drawn in.
  var format: MachineDescription.ValueFormat {
    switch self {
    case .fp32: .fp32
    case .bf16: .bf16
    case .fp8E4M3: .fp8e4m3
    case .fp8E5M2: .fp8e5m2
    case .int8: .int8
    default: .q8
    }
  }

  /// The port word of a unit-grid value (FP32 bits, BF16's top half, the FP8 byte, the INT8
  /// byte). The value must be on the kind's grid.
  func word(unit x: Float) -> UInt64 {
    switch self {
    case .fp32: return UInt64(x.bitPattern)
    case .bf16: return UInt64(x.bitPattern >> 16)
    case .fp8E4M3: return UInt64(FP8Codes.e4m3[x.bitPattern] ?? 0)
    case .fp8E5M2: return UInt64(FP8Codes.e5m2[x.bitPattern] ?? 0)
    case .int8: return UInt64(UInt8(bitPattern: Int8(x)))
    default: preconditionFailure("a QINS PE takes QINS8 operands")
    }
  }

  /// The port word of a QINS8 operand: {zero, negative, code}, or for the decoded PE the
  /// edge decoder's {zero, negative, exponent (4 bits), fraction} of `256 / s` rounded to the
  /// fraction bits.
  func word(qins x: QINS8) -> UInt64 {
    let flags: UInt64 = (x.sign == 0 ? 2 : 0) | (x.sign < 0 ? 1 : 0)
    guard case .qinsDecoded(let f) = self else { return flags << 8 | UInt64(x.code) }
    let magnitude = QINS8ProductTable.decode(code: Int(x.code), fractionBits: f)
    let exponent = UInt64(Int(magnitude.exponent))
    let fraction = UInt64(magnitude.significandBitPattern >> UInt32(23 - f))
    return flags << UInt64(f + 4) | exponent << UInt64(f) | fraction
  }
}

/// FP8 bytes by the binary32 pattern of their values (NaNs and E5M2's infinities left out:
/// the machine's quantizer never stores them).
enum FP8Codes {
  static let e4m3 = table { FP8Bits.decodeE4M3($0) }
  static let e5m2 = table { FP8Bits.decodeE5M2($0) }

  static func table(_ decode: (UInt8) -> Float?) -> [UInt32: UInt8] {
    var out: [UInt32: UInt8] = [:]
    for byte in 0...255 {
      if let v = decode(UInt8(byte)), v.isFinite { out[v.bitPattern] = UInt8(byte) }
    }
    return out
  }
}
