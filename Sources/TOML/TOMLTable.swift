/// A TOML table: keys in the order the document gave them, each with its value.
public struct TOMLTable: Hashable, Sendable {
  /// The keys in document order.
  public private(set) var keys: [String] = []
  private var values: [String: TOMLValue] = [:]

  public init() {}

  /// The value at `key`, or nil.
  public subscript(key: String) -> TOMLValue? { values[key] }

  public var isEmpty: Bool { keys.isEmpty }
  public var count: Int { keys.count }

  /// Sets `key` (appended to the keys when new).
  public mutating func set(_ key: String, _ value: TOMLValue) {
    if values.updateValue(value, forKey: key) == nil { keys.append(key) }
  }

  public static func == (a: Self, b: Self) -> Bool { a.values == b.values }
  public func hash(into h: inout Hasher) { h.combine(values) }
}
