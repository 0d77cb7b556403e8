/// Values that break code which trusts its input: the edges of integer and floating-point
/// ranges, sizes just past a power of two, non-finite numbers, empty and odd strings.
public enum HostileValues {
  /// Integers at and around the edges that overflow arithmetic, allocation and indexing.
  public static let integers: [Int64] = [
    0, 1, -1, 2, 7, 16, 255, 256, 65_535, 65_536, -65_536, 1 << 20, (1 << 31) - 1, 1 << 31,
    -(1 << 31), 1 << 32, 4_000_000_000, 1 << 40, (1 << 40) + 1, 1 << 53, (1 << 53) + 1,
    10_000_000_000, 1_000_000_000_000, 1 << 62, .max, .max - 1, .min, .min + 1,
  ]

  /// Numbers as text: non-finite values, the edges of Float and Double, negative zero.
  public static let numbers: [String] = [
    "nan", "-nan", "inf", "-inf", "1e300", "-1e300", "1e-300", "4.9e-324", "-0", "0.0",
    "3.4028235e38", "3.5e38", "1e39", "1.17549435e-38", "1e-45", "0.5", "-0.25", "65504",
    "1e308", "2.5", "NaN", "Infinity", "0x1p63", "",
  ]

  /// Strings for names, paths and keys.
  public static let strings: [String] = [
    "", " ", "-", "--", "-1", "=", "x=", "=x", "/", ".", "..", "/dev/null", "/dev/full",
    "/nonexistent/dir/file", "\u{FEFF}bom", "a\u{0301}", "\u{1F600}", "\r\n", "\t",
    String(repeating: "a", count: 5000), "%s%n", "../../../../etc/passwd",
  ]

  /// Every integer as text, and as the numbers' texts, for command-line values.
  public static var argumentTexts: [String] {
    integers.map(String.init) + numbers + ["1e10", "-5", "0x10", "1_000", "+3", " 3"]
  }
}
