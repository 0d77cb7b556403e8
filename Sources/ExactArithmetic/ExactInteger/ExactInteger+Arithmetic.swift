import CGMP

extension ExactInteger {
  public static func + (a: ExactInteger, b: ExactInteger) -> ExactInteger {
    ExactInteger { __gmpz_add($0, a.raw, b.raw) }
  }

  public static func - (a: ExactInteger, b: ExactInteger) -> ExactInteger {
    ExactInteger { __gmpz_sub($0, a.raw, b.raw) }
  }

  public static func * (a: ExactInteger, b: ExactInteger) -> ExactInteger {
    ExactInteger { __gmpz_mul($0, a.raw, b.raw) }
  }

  public static prefix func - (a: ExactInteger) -> ExactInteger {
    ExactInteger { __gmpz_neg($0, a.raw) }
  }

  /// The absolute value.
  public var magnitude: ExactInteger { ExactInteger { __gmpz_abs($0, raw) } }

  /// `self` raised to a non-negative power.
  public func power(_ exponent: Int) -> ExactInteger {
    precondition(exponent >= 0, "negative exponent")
    return ExactInteger { __gmpz_pow_ui($0, raw, UInt(exponent)) }
  }

  /// Quotient rounded toward negative infinity. Traps on a zero divisor.
  public func floorDivided(by d: ExactInteger) -> ExactInteger {
    precondition(d.signum != 0, "division by zero")
    return ExactInteger { __gmpz_fdiv_q($0, raw, d.raw) }
  }

  /// Quotient rounded toward positive infinity. Traps on a zero divisor.
  public func ceilingDivided(by d: ExactInteger) -> ExactInteger {
    precondition(d.signum != 0, "division by zero")
    return ExactInteger { __gmpz_cdiv_q($0, raw, d.raw) }
  }

  /// The product of `factors`; 1 for an empty list.
  public static func product(_ factors: some Sequence<Int>) -> ExactInteger {
    ExactInteger { z in
      __gmpz_set_ui(z, 1)
      for f in factors { __gmpz_mul_si(z, z, f) }
    }
  }
}
