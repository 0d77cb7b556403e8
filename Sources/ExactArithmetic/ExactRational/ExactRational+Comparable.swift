import CGMP

extension ExactRational: Comparable, Equatable {
  public static func == (a: ExactRational, b: ExactRational) -> Bool {
    __gmpq_equal(a.raw, b.raw) != 0
  }

  public static func < (a: ExactRational, b: ExactRational) -> Bool {
    __gmpq_cmp(a.raw, b.raw) < 0
  }
}

extension ExactRational: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(description)
  }
}
