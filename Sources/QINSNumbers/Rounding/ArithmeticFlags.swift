/// Exceptions raised by a QINS/FPINS operation, for the simulator to count.
public struct ArithmeticFlags: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The exact magnitude exceeded the largest representable one and was saturated.
  public static let overflow = ArithmeticFlags(rawValue: 1 << 0)
  /// A non-zero exact result was rounded to zero.
  public static let underflow = ArithmeticFlags(rawValue: 1 << 1)
  /// The result differs from the exact result.
  public static let inexact = ArithmeticFlags(rawValue: 1 << 2)
  /// The result is zero (carried in table flag planes, whose code byte cannot say zero).
  public static let zero = ArithmeticFlags(rawValue: 1 << 3)
  /// The operation has no value (the reciprocal of zero); the result is zero.
  public static let invalid = ArithmeticFlags(rawValue: 1 << 4)
}
