/// Text from a user's input made safe to print: control and format characters (an escape
/// sequence, a carriage return, a bidirectional override) would act on the terminal instead of
/// showing, so they are shown as `\u{1B}`.
public enum PrintableText {
  /// Whether `c` acts on a terminal instead of showing: a control or format character, or a
  /// line or paragraph separator.
  public static func isUnprintable(_ c: Unicode.Scalar) -> Bool {
    let category = c.properties.generalCategory
    return category == .control || category == .format || c == "\u{2028}" || c == "\u{2029}"
  }

  public static func escaped(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      if isUnprintable(c) {
        out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
