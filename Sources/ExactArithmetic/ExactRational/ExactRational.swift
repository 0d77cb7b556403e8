import CGMP

/// An exact rational number, backed by GMP's `mpq_t` and always in lowest terms with a
/// positive denominator.
///
/// Instances are immutable: every operation returns a new value. Each instance owns one
/// `mpq_t`, initialised in `init` and cleared in `deinit`.
public final class ExactRational: @unchecked Sendable {
  /// The GMP rational this instance owns.
  let raw: UnsafeMutablePointer<__mpq_struct>

  /// Creates zero; `body` may then set the value, which must be left canonical.
  init(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void = { _ in }) {
    _ = GMPMemory.installed
    raw = .allocate(capacity: 1)
    __gmpq_init(raw)
    body(raw)
  }

  deinit {
    __gmpq_clear(raw)
    raw.deallocate()
  }

  /// Creates `numerator / denominator` in lowest terms. Traps on a zero denominator.
  public convenience init(_ numerator: Int, _ denominator: Int = 1) {
    precondition(denominator != 0, "zero denominator")
    self.init { q in
      __gmpz_set_si(cgmp_mpq_numref(q), numerator)
      __gmpz_set_si(cgmp_mpq_denref(q), denominator)
      __gmpq_canonicalize(q)
    }
  }

  /// Creates `numerator / denominator` in lowest terms. Traps on a zero denominator.
  public convenience init(_ numerator: ExactInteger, _ denominator: ExactInteger) {
    precondition(denominator.signum != 0, "zero denominator")
    self.init { q in
      __gmpz_set(cgmp_mpq_numref(q), numerator.raw)
      __gmpz_set(cgmp_mpq_denref(q), denominator.raw)
      __gmpq_canonicalize(q)
    }
  }

  /// The exact value of a finite `Double` (every finite binary float is a rational).
  /// Returns nil for NaN and the infinities.
  public convenience init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    self.init { __gmpq_set_d($0, value) }
  }

  /// The exact value of a finite `Float`. Returns nil for NaN and the infinities.
  public convenience init?(exactly value: Float) {
    self.init(exactly: Double(value))
  }

  /// The numerator in lowest terms (carries the sign).
  public var numerator: ExactInteger {
    ExactInteger { __gmpz_set($0, cgmp_mpq_numref(raw)) }
  }

  /// The denominator in lowest terms (always positive).
  public var denominator: ExactInteger {
    ExactInteger { __gmpz_set($0, cgmp_mpq_denref(raw)) }
  }

  /// -1, 0 or +1.
  public var signum: Int { Int(cgmp_mpq_sgn(raw)) }

  /// Whether the value is an integer.
  public var isInteger: Bool { __gmpz_cmp_ui(cgmp_mpq_denref(raw), 1) == 0 }
}
