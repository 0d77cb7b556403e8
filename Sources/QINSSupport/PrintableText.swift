/// Text from a user's input made safe to print: control and format characters (an escape
/// sequence, a carriage return, a bidirectional override) would act on the terminal instead of
/// showing, so they are shown as `\u{1B}`.
public enum PrintableText {
  public static func escaped(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      let category = c.properties.generalCategory
      if category == .control || category == .format || c == "\u{2028}" || c == "\u{2029}" {
        out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
