extension Dictionary where Value: AdditiveArithmetic {
  /// These counts with `other`'s added key by key (a key in one only keeps its count).
  func plus(_ other: Self) -> Self { merging(other, uniquingKeysWith: +) }

  /// These counts less `other`'s, key by key.
  func minus(_ other: Self) -> Self {
    merging(other.mapValues { .zero - $0 }, uniquingKeysWith: +)
  }
}

extension Roofline {
  /// The roofline of two runs one after the other, nil unless both have one.
  static func sum(_ a: Roofline?, _ b: Roofline?) -> Roofline? {
    guard var r = a, let o = b else { return nil }
    r.add(o)
    return r
  }
}
