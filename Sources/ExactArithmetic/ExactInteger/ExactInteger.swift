import CGMP

/// An exact integer of any size, backed by GMP's `mpz_t`.
///
/// Instances are immutable: every operation returns a new value, so an `ExactInteger` can be
/// shared between threads. Each instance owns one `mpz_t`, initialised in `init` and cleared
/// in `deinit`.
public final class ExactInteger: @unchecked Sendable {
  /// The GMP integer this instance owns.
  let raw: UnsafeMutablePointer<__mpz_struct>

  /// Creates zero; `body` may then set the value. Internal: the one place that allocates.
  init(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void = { _ in }) {
    _ = GMPMemory.installed
    raw = .allocate(capacity: 1)
    __gmpz_init(raw)
    body(raw)
  }

  deinit {
    __gmpz_clear(raw)
    raw.deallocate()
  }

  /// Creates an exact integer equal to `value`.
  public convenience init(_ value: Int) {
    self.init { __gmpz_set_si($0, value) }
  }

  /// Creates an exact integer equal to `value`.
  public convenience init(_ value: UInt64) {
    self.init { __gmpz_set_ui($0, UInt(value)) }
  }

  /// Parses a decimal (or, with `radix`, another base) integer with an optional sign.
  /// Returns nil for text GMP does not accept, including the empty string.
  public convenience init?(_ text: String, radix: Int = 10) {
    var ok = false
    self.init { z in ok = __gmpz_set_str(z, text, Int32(radix)) == 0 }
    if !ok || text.isEmpty { return nil }
  }

  /// -1, 0 or +1.
  public var signum: Int { Int(cgmp_mpz_sgn(raw)) }

  /// The value as an `Int`, or nil when it does not fit.
  public var intValue: Int? {
    guard __gmpz_fits_slong_p(raw) != 0 else { return nil }
    return __gmpz_get_si(raw)
  }

  /// The nearest `Double`, truncated toward zero as GMP's `mpz_get_d` does.
  public var doubleValueTruncated: Double { __gmpz_get_d(raw) }

  /// Number of bits in the absolute value (0 for zero).
  public var bitWidth: Int {
    signum == 0 ? 0 : Int(__gmpz_sizeinbase(raw, 2))
  }
}
