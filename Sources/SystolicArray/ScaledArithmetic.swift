import Foundation
import QINSNumbers
import QINSSupport

/// A QINS8 operand of a PE with an element scale: its sign, its code, and the scale its value
/// carries (1 when the array applies the scales at its output instead).
public struct ScaledCode: Sendable {
  public var sign: Float
  public var code: UInt8
  public var scale: Float
  @inlinable public init(sign: Float, code: UInt8, scale: Float) {
    self.sign = sign
    self.code = code
    self.scale = scale
  }
}

/// A unit-grid value (INT8, FP8, BF16) with an element scale.
public struct ScaledFloat: Sendable {
  public var unit: Float
  public var scale: Float
  @inlinable public init(unit: Float, scale: Float) {
    self.unit = unit
    self.scale = scale
  }
}

/// The magnitudes a QINS8 PE's product path delivers for every pair of codes, at unit scale,
/// in memory this object owns: what reaches the FP32 accumulator from `mu_a x mu_b`.
///
/// - `table8`: the MUL table's code, decoded (the product rounded to the nearest QINS8 value,
///   saturating at 256).
/// - `exact`: `65536 / (s_a s_b)`, correctly rounded to `Float` (one IEEE division of two
///   exactly representable integers).
/// - `decoded(f)`: each operand's `256 / s` rounded to `f` fraction bits (nearest, ties to
///   even), then multiplied; exact in `Float` for `f <= 11`.
///
/// `@unchecked Sendable`: `magnitudes` is written only in `init` and read-only afterwards.
public final class QINS8ProductTable: @unchecked Sendable {
  @usableFromInline let magnitudes: UnsafeMutablePointer<Float>
  /// Per-code factors `f` with `magnitudes[a, b] == f[a] * f[b]` (the `Float` product) for
  /// every pair, where the path has them: then a PE's product is an FP32 multiply of its
  /// decoded operands, and the array's sums can run as FP32 arithmetic. `decoded(f)` has them
  /// (each operand decoded, one exact multiply); `table8` and `exact` round the product
  /// itself and have none.
  public let factors: [Float]?

  public init(_ path: QINS8ProductPath, tables: QINS8Tables) {
    magnitudes = .allocate(capacity: 65_536)
    switch path {
    case .table8:
      let decoded = (0...255).map {
        QINS8Codec.decode(QINS8(sign: 1, code: UInt8($0)), scaleExponent: 0)
      }
      for i in 0..<65_536 { magnitudes[i] = decoded[Int(tables.mul.codes[i])] }
    case .exact:
      for a in 0..<256 {
        for b in 0..<256 {
          magnitudes[a << 8 | b] = Float(65_536) / Float((256 - a) * (256 - b))
        }
      }
    case .decoded(let f):
      let d = (0..<256).map { Self.decode(code: $0, fractionBits: f) }
      for a in 0..<256 { for b in 0..<256 { magnitudes[a << 8 | b] = d[a] * d[b] } }
    }
    // Code 0 is magnitude 1, so row 0 holds the candidates; keep them only if every product
    // is theirs.
    let m = magnitudes
    let f = (0..<256).map { m[$0 << 8] }
    var separable = f[0] == 1
    for a in 0..<256 where separable {
      for b in 0..<256 where m[a << 8 | b] != f[a] * f[b] { separable = false }
    }
    factors = separable ? f : nil
  }

  deinit { magnitudes.deallocate() }

  /// One table per path and rounding for the whole process: building one takes 65,536 products
  /// and a check of each, and a command may start thousands of runs.
  public static func shared(_ path: QINS8ProductPath, tables: QINS8Tables) -> QINS8ProductTable {
    let key = "\(path) \(tables.rounding)"
    return cache.withLock { cache in
      if let t = cache[key] { return t }
      let t = QINS8ProductTable(path, tables: tables)
      cache[key] = t
      return t
    }
  }

  private static let cache = Locked<[String: QINS8ProductTable]>([:])

  /// The product magnitude of two codes.
  @inlinable public subscript(a: UInt8, b: UInt8) -> Float { magnitudes[Int(a) << 8 | Int(b)] }

  /// `256 / s` for code `256 - s`, rounded to `fractionBits` fraction bits (nearest, ties to
  /// even): what a 256-entry edge decoder ROM holds. `256.0 / s` in `Double` is close enough
  /// that rounding it again is the correct rounding of the exact quotient (the quotient is
  /// never within 2^-40 of a tie at 11 bits or fewer).
  public static func decode(code: Int, fractionBits f: Int) -> Float {
    let x = 256.0 / Double(256 - code)
    let quantum = Double(sign: .plus, exponent: Int(x.exponent) - f, significand: 1)
    return Float((x / quantum).rounded(.toNearestOrEven) * quantum)
  }
}

/// QINS8 operands through a product path into an FP32 accumulator, each product multiplied by
/// the product of its operands' scales (`(scale_a x scale_b) x product`).
public struct ScaledQINS8Arithmetic: PEArithmetic {
  @usableFromInline let table: QINS8ProductTable
  /// The table's entries, read without touching the object (no reference counting per MAC);
  /// the object, kept by `table`, never changes them after it is made.
  @usableFromInline let magnitudes: SharedPointer<Float>
  public init(table: QINS8ProductTable) {
    self.table = table
    magnitudes = SharedPointer(table.magnitudes)
  }
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: ScaledCode, _ b: ScaledCode) -> Float {
    (a.scale * b.scale) * (a.sign * b.sign * magnitudes[Int(a.code) << 8 | Int(b.code)])
  }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
}

/// QINS8 operands at unit scale through a product path into an FP32 accumulator: what the
/// PEs do when the array applies the scales at its output. The same bits as
/// ``ScaledQINS8Arithmetic`` with scales of 1, with a sixth of the operand traffic.
public struct UnitQINS8Arithmetic: PEArithmetic {
  @usableFromInline let table: QINS8ProductTable
  /// The table's entries, read without touching the object (no reference counting per MAC);
  /// the object, kept by `table`, never changes them after it is made.
  @usableFromInline let magnitudes: SharedPointer<Float>
  public init(table: QINS8ProductTable) {
    self.table = table
    magnitudes = SharedPointer(table.magnitudes)
  }
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: QINS8, _ b: QINS8) -> Float {
    Float(a.sign * b.sign) * magnitudes[Int(a.code) << 8 | Int(b.code)]
  }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
}

/// Unit-grid operands (FP8, BF16; INT8 whose scales vary along K) multiplied exactly, times the
/// product of their scales, summed in FP32.
public struct ScaledFloatArithmetic: PEArithmetic {
  public init() {}
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: ScaledFloat, _ b: ScaledFloat) -> Float {
    (a.scale * b.scale) * (a.unit * b.unit)
  }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
}

/// INT8 operands, INT32 accumulation (exact: |127 x 127 x K| < 2^31 for K below 133,000).
public struct Int8Arithmetic: PEArithmetic {
  public init() {}
  @inlinable public var zero: Int32 { 0 }
  @inlinable @inline(__always) public func multiply(_ a: Int32, _ b: Int32) -> Int32 { a * b }
  @inlinable @inline(__always) public func add(_ x: Int32, _ y: Int32) -> Int32 { x &+ y }
}
