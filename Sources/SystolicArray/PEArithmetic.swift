import QINSNumbers
import QINSSupport

/// What a processing element computes with: its operand and accumulator formats, its multiply
/// and its add. Both array models use the same arithmetic in the same order, so their results
/// agree bit for bit.
public protocol PEArithmetic: Sendable {
  associatedtype Operand
  associatedtype Accumulator: Equatable
  /// The partial sum that enters the top of a column.
  var zero: Accumulator { get }
  func multiply(_ a: Operand, _ b: Operand) -> Accumulator
  func add(_ x: Accumulator, _ y: Accumulator) -> Accumulator
}

/// FP32 operands and accumulator: the reference machine's PEs (a multiply, then an add, each
/// rounded; no fused multiply-add).
public struct FP32Arithmetic: PEArithmetic {
  public init() {}
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: Float, _ b: Float) -> Float { a * b }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
}

/// QINS8 operands multiplied through the MUL table, products decoded to FP32 and summed in
/// FP32: the hybrid PE.
///
/// The MUL table and the decoding are fused into one 256 x 256 table of product magnitudes
/// (`QINS8Codec.decode` of each MUL entry at the product exponent); the sign is applied as a
/// multiply by -1, 0 or +1, which is exact. The same bits as decoding each product, with one
/// look-up per multiply-accumulate.
public struct QINS8HybridArithmetic: PEArithmetic {
  @usableFromInline let table: ProductMagnitudes
  /// The table's entries, read without touching the object (no reference counting per MAC);
  /// the object, kept by `table`, never changes them after it is made.
  @usableFromInline let magnitudes: SharedPointer<Float>
  /// The products' scale exponent, the sum of the operands'.
  @usableFromInline let productExponent: Int
  public init(tables: QINS8Tables, productExponent: Int) {
    self.productExponent = productExponent
    table = ProductMagnitudes(tables: tables, productExponent: productExponent)
    magnitudes = SharedPointer(table.magnitudes)
  }
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: QINS8, _ b: QINS8) -> Float {
    Float(a.sign * b.sign) * magnitudes[Int(a.code) << 8 | Int(b.code)]
  }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
}

/// The decoded magnitudes of every MUL table entry, in memory this object owns.
///
/// `@unchecked Sendable`: the memory is written only in `init` and read-only afterwards, so
/// threads share it freely.
public final class ProductMagnitudes: @unchecked Sendable {
  @usableFromInline let magnitudes: UnsafeMutablePointer<Float>

  init(tables: QINS8Tables, productExponent: Int) {
    magnitudes = .allocate(capacity: 65_536)
    let decoded = (0...255).map {
      QINS8Codec.decode(QINS8(sign: 1, code: UInt8($0)), scaleExponent: productExponent)
    }
    for i in 0..<65_536 { magnitudes[i] = decoded[Int(tables.mul.codes[i])] }
  }

  deinit { magnitudes.deallocate() }
}

/// QINS8 operands and accumulator: MUL table, then ADD/SUB tables (the seed's pure Pattern A).
public struct QINS8PureArithmetic: PEArithmetic {
  @usableFromInline let tables: QINS8Tables
  public init(tables: QINS8Tables) { self.tables = tables }
  @inlinable public var zero: QINS8 { .zero }
  @inlinable @inline(__always) public func multiply(_ a: QINS8, _ b: QINS8) -> QINS8 {
    tables.multiply(a, b).value
  }
  @inlinable @inline(__always) public func add(_ x: QINS8, _ y: QINS8) -> QINS8 {
    tables.add(x, y).value
  }
}

/// QINS8 operands through the MUL table, summed in an FPINS(L) accumulator: every partial sum
/// is rounded to the nearest FPINS(L) value (the optimal encoder). The accumulator's exponent
/// is the products' plus `headroom` (``headroom(k:)``: enough that K products of up to 256 stay
/// below FPINS's largest magnitude, 256). Correct and slow (an encoding per
/// multiply-accumulate): for small GEMMs and for checks.
public struct QINS8FPINSArithmetic: PEArithmetic {
  @usableFromInline let table: ProductMagnitudes
  @usableFromInline let depth: Int
  /// Stored accumulator values are real values x 2^-(product exponent + headroom).
  public let headroom: Int

  public init(tables: QINS8Tables, depth: Int, headroom: Int) {
    table = ProductMagnitudes(tables: tables, productExponent: 0)
    self.depth = depth
    self.headroom = headroom
  }

  /// 8 + ceil(log2 K): K products of magnitude up to 256 sum to at most 256 x 2^headroom.
  public static func headroom(k: Int) -> Int {
    8 + (k <= 1 ? 0 : Int.bitWidth - (k - 1).leadingZeroBitCount)
  }

  public var zero: FPINSValue { .zero(depth: depth) }

  /// The product as FPINS(L) at the accumulator's exponent: the MUL table's magnitude 256 / s
  /// scaled by 2^-headroom (exact in `Double`) and encoded to the nearest FPINS(L) value.
  public func multiply(_ a: QINS8, _ b: QINS8) -> FPINSValue {
    let sign = a.sign * b.sign
    if sign == 0 { return zero }
    return round(Double(sign) * Double(table.magnitudes[Int(a.code) << 8 | Int(b.code)]))
  }

  public func add(_ x: FPINSValue, _ y: FPINSValue) -> FPINSValue {
    FPINSOptimalEncoder.encode(stored(x) + stored(y), depth: depth)
  }

  /// The stored value (at the accumulator's exponent).
  func stored(_ x: FPINSValue) -> Double { Double(x.sign) * x.approximateMagnitude }

  /// The value at the products' exponent.
  public func value(_ x: FPINSValue) -> Double {
    stored(x) * Double(sign: .plus, exponent: headroom, significand: 1)
  }

  func round(_ productValue: Double) -> FPINSValue {
    FPINSOptimalEncoder.encode(
      productValue * Double(sign: .plus, exponent: -headroom, significand: 1), depth: depth)
  }
}
