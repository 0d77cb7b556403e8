import CGMP

extension ExactRational {
  public static func + (a: ExactRational, b: ExactRational) -> ExactRational {
    ExactRational { __gmpq_add($0, a.raw, b.raw) }
  }

  public static func - (a: ExactRational, b: ExactRational) -> ExactRational {
    ExactRational { __gmpq_sub($0, a.raw, b.raw) }
  }

  public static func * (a: ExactRational, b: ExactRational) -> ExactRational {
    ExactRational { __gmpq_mul($0, a.raw, b.raw) }
  }

  /// Exact quotient. Traps on a zero divisor.
  public static func / (a: ExactRational, b: ExactRational) -> ExactRational {
    precondition(b.signum != 0, "division by zero")
    return ExactRational { __gmpq_div($0, a.raw, b.raw) }
  }

  public static prefix func - (a: ExactRational) -> ExactRational {
    ExactRational { __gmpq_neg($0, a.raw) }
  }

  /// The absolute value.
  public var magnitude: ExactRational { ExactRational { __gmpq_abs($0, raw) } }

  /// 1 / self. Traps on zero.
  public var reciprocal: ExactRational {
    precondition(signum != 0, "reciprocal of zero")
    return ExactRational { __gmpq_inv($0, raw) }
  }

  /// The greatest integer not above the value.
  public var floor: ExactInteger {
    ExactInteger { __gmpz_fdiv_q($0, cgmp_mpq_numref(raw), cgmp_mpq_denref(raw)) }
  }

  /// The least integer not below the value.
  public var ceiling: ExactInteger {
    ExactInteger { __gmpz_cdiv_q($0, cgmp_mpq_numref(raw), cgmp_mpq_denref(raw)) }
  }

  /// `self * 2^exponent`, exactly.
  public func timesPowerOfTwo(_ exponent: Int) -> ExactRational {
    ExactRational { q in
      if exponent >= 0 {
        __gmpq_mul_2exp(q, raw, UInt(exponent))
      } else {
        __gmpq_div_2exp(q, raw, UInt(-exponent))
      }
    }
  }
}
