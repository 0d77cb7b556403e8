/// One QINS8 lookup table: a plane of result codes and a plane of flags, indexed by
/// `a * 256 + b` (row-major by code byte) or by `a` for the reciprocal.
public struct LookupTable: Hashable, Sendable {
  /// The operation the table implements.
  public let operation: TableOperation
  /// The rounding mode its entries were built with.
  public let rounding: RoundingMode
  /// Result code bytes. For a zero result (flag ``ArithmeticFlags/zero``) the code is 0.
  public let codes: [UInt8]
  /// ``ArithmeticFlags`` raw values, one per entry.
  public let flags: [UInt8]

  /// Builds every entry from ``QINS8Kernels``.
  public init(_ operation: TableOperation, rounding: RoundingMode) {
    self.operation = operation
    self.rounding = rounding
    var codes = [UInt8](repeating: 0, count: operation.entryCount)
    var flags = [UInt8](repeating: 0, count: operation.entryCount)
    if operation == .rcp {
      for a in 0...255 {
        let r = operation.evaluate(UInt8(a), 0, mode: rounding)
        codes[a] = r.isZero ? 0 : r.code
        flags[a] = r.flags.rawValue
      }
    } else {
      for a in 0...255 {
        for b in 0...255 {
          let r = operation.evaluate(UInt8(a), UInt8(b), mode: rounding)
          codes[a << 8 | b] = r.isZero ? 0 : r.code
          flags[a << 8 | b] = r.flags.rawValue
        }
      }
    }
    self.codes = codes
    self.flags = flags
  }

  /// The entry for operands `a` and `b` (binary tables).
  @inlinable
  public func lookup(_ a: UInt8, _ b: UInt8) -> MagnitudeRounding.Result {
    let i = Int(a) << 8 | Int(b)
    let f = ArithmeticFlags(rawValue: flags[i])
    return MagnitudeRounding.Result(isZero: f.contains(.zero), code: codes[i], flags: f)
  }

  /// The entry for operand `a` (the reciprocal table).
  @inlinable
  public func lookup(_ a: UInt8) -> MagnitudeRounding.Result {
    let f = ArithmeticFlags(rawValue: flags[Int(a)])
    return MagnitudeRounding.Result(isZero: f.contains(.zero), code: codes[Int(a)], flags: f)
  }

  /// Bytes of the code plane, as exported (one byte an entry).
  public var codeBytes: Int { codes.count }

  /// Bits a hardware table needs: 8 code bits plus the operation's flag bits, per entry.
  public var hardwareBits: Int { operation.entryCount * (8 + operation.hardwareFlagBits) }
}
