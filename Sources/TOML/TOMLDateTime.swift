/// A TOML date, time or date-time, as written (`T`, `t` or a space between date and time;
/// any fraction of a second; `Z`, `z` or an offset), its fields checked: months 1-12, days
/// within the month (leap years counted), hours 0-23, minutes and seconds 0-59, offsets
/// within a day.
public struct TOMLDateTime: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case offsetDateTime = "datetime"
    case localDateTime = "datetime-local"
    case localDate = "date-local"
    case localTime = "time-local"

    /// The kind as messages use it.
    public var name: String {
      switch self {
      case .offsetDateTime: "an offset date-time"
      case .localDateTime: "a local date-time"
      case .localDate: "a local date"
      case .localTime: "a local time"
      }
    }
  }

  public var kind: Kind
  /// The text as the document wrote it.
  public var text: String

  public init(kind: Kind, text: String) {
    self.kind = kind
    self.text = text
  }
}
