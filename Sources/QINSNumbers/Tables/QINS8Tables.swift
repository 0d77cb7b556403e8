/// The QINS8 lookup-table ALU: ADD, SUB, MUL and RCP, built for one rounding mode.
///
/// The seed counted three tables in 129 KiB (ADD and MUL at 64 KiB, a 1 KiB "reciprocal"
/// that is really 256 float32 magnitudes used for decoding). A machine that subtracts needs
/// a fourth 64 KiB table, and honest hardware also stores the flag bit beside each code:
/// see ``hardwareBits``.
public struct QINS8Tables: Sendable {
  public let rounding: RoundingMode
  public let add: LookupTable
  public let sub: LookupTable
  public let mul: LookupTable
  public let rcp: LookupTable

  public init(rounding: RoundingMode) {
    self.rounding = rounding
    add = LookupTable(.add, rounding: rounding)
    sub = LookupTable(.sub, rounding: rounding)
    mul = LookupTable(.mul, rounding: rounding)
    rcp = LookupTable(.rcp, rounding: rounding)
  }

  /// The tables of `rounding`, built once per process (a run of the simulator needs them, and
  /// a command may start thousands of runs).
  public static func shared(_ rounding: RoundingMode) -> QINS8Tables {
    switch rounding {
    case .nearest: nearest
    case .seed: seed
    }
  }

  private static let nearest = QINS8Tables(rounding: .nearest)
  private static let seed = QINS8Tables(rounding: .seed)

  /// The table for an operation.
  public subscript(operation: TableOperation) -> LookupTable {
    switch operation {
    case .add: add
    case .sub: sub
    case .mul: mul
    case .rcp: rcp
    }
  }

  /// All four, in ``TableOperation`` order.
  public var all: [LookupTable] { TableOperation.allCases.map { self[$0] } }

  /// Bytes of the four code planes: 3 x 65,536 + 256 = 196,864.
  public var codeBytes: Int { all.reduce(0) { $0 + $1.codeBytes } }

  /// Bits of the four tables with the flag bits hardware needs.
  public var hardwareBits: Int { all.reduce(0) { $0 + $1.hardwareBits } }

  // MARK: Signed operations through the tables

  /// `a + b` through the ADD and SUB tables: what a PE's adder does.
  @inlinable
  public func add(_ a: QINS8, _ b: QINS8) -> QINS8.Outcome {
    if a.isZero { return (b, b.isZero ? .zero : []) }
    if b.isZero { return (a, []) }
    if a.sign == b.sign { return QINS8.make(sign: a.sign, add.lookup(a.code, b.code)) }
    let sign = a.code >= b.code ? a.sign : b.sign
    return QINS8.make(sign: sign, sub.lookup(a.code, b.code))
  }

  /// `a * b` through the MUL table.
  @inlinable
  public func multiply(_ a: QINS8, _ b: QINS8) -> QINS8.Outcome {
    if a.isZero || b.isZero { return (.zero, .zero) }
    return QINS8.make(sign: a.sign * b.sign, mul.lookup(a.code, b.code))
  }

  /// `256 / a` through the RCP table.
  @inlinable
  public func reciprocal(_ a: QINS8) -> QINS8.Outcome {
    if a.isZero { return (.zero, [.zero, .invalid]) }
    return QINS8.make(sign: a.sign, rcp.lookup(a.code))
  }
}
