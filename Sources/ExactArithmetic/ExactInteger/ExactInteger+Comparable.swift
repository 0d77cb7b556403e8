import CGMP

extension ExactInteger: Comparable, Equatable {
  public static func == (a: ExactInteger, b: ExactInteger) -> Bool {
    __gmpz_cmp(a.raw, b.raw) == 0
  }

  public static func < (a: ExactInteger, b: ExactInteger) -> Bool {
    __gmpz_cmp(a.raw, b.raw) < 0
  }
}

extension ExactInteger: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(description)
  }
}
