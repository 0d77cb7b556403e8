import QINSNumbers

/// What a processing element computes with: its operand and accumulator formats, its multiply
/// and its add. Both array models use the same arithmetic in the same order, so their results
/// agree bit for bit.
public protocol PEArithmetic {
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
/// The product's decoding is a 256-entry table of `QINS8Codec.decode` at the product exponent
/// (negation is exact, so the sign is applied after): the same bits as decoding each product,
/// without a division per multiply-accumulate.
public struct QINS8HybridArithmetic: PEArithmetic {
  @usableFromInline let codes: [UInt8]
  @usableFromInline let decoded: [Float]
  /// The products' scale exponent, the sum of the operands'.
  @usableFromInline let productExponent: Int
  public init(tables: QINS8Tables, productExponent: Int) {
    codes = tables.mul.codes
    self.productExponent = productExponent
    decoded = (0...255).map {
      QINS8Codec.decode(QINS8(sign: 1, code: UInt8($0)), scaleExponent: productExponent)
    }
  }
  @inlinable public var zero: Float { 0 }
  @inlinable @inline(__always) public func multiply(_ a: QINS8, _ b: QINS8) -> Float {
    let sign = a.sign * b.sign
    if sign == 0 { return 0 }
    let m = decoded[Int(codes[Int(a.code) << 8 | Int(b.code)])]
    return sign < 0 ? -m : m
  }
  @inlinable @inline(__always) public func add(_ x: Float, _ y: Float) -> Float { x + y }
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
