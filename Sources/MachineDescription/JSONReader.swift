import Foundation
import TOML

/// Why a machine description is not valid: the field's path and what is wrong with it.
public struct DescriptionError: Error, Equatable, CustomStringConvertible {
  /// `clock_mhz`, `memories.spad.banks`, ...; empty for the file as a whole.
  public let path: String
  public let message: String

  public init(_ path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path) \(message)" }
}

/// Reads one JSON object field by field, remembering the path for messages and refusing
/// keys nobody asked for.
struct JSONObjectReader {
  let path: String
  let object: [String: Any]
  private var consumed = Set<String>()

  init(_ value: Any?, path: String) throws(DescriptionError) {
    guard let object = value as? [String: Any] else {
      throw DescriptionError(path, "must be an object")
    }
    self.path = path
    self.object = object
  }

  func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  mutating func has(_ key: String) -> Bool {
    object[key] != nil
  }

  /// A number, or `defaultValue` when absent.
  mutating func number(_ key: String, default defaultValue: Double) throws(DescriptionError)
    -> Double
  {
    consumed.insert(key)
    guard let raw = object[key] else { return defaultValue }
    guard let n = raw as? NSNumber, !Self.isBoolean(raw) else {
      throw DescriptionError(fieldPath(key), "must be a number, found \(Self.typeName(raw))")
    }
    let v = n.doubleValue
    guard v.isFinite else { throw DescriptionError(fieldPath(key), "must be finite") }
    return v
  }

  /// A whole number, or `defaultValue` when absent.
  mutating func integer(_ key: String, default defaultValue: Int) throws(DescriptionError) -> Int {
    let v = try number(key, default: Double(defaultValue))
    guard v == v.rounded(), abs(v) < 9.0e15 else {
      throw DescriptionError(fieldPath(key), "must be a whole number, found \(v)")
    }
    return Int(v)
  }

  /// A boolean, or `defaultValue` when absent.
  mutating func boolean(_ key: String, default defaultValue: Bool) throws(DescriptionError) -> Bool
  {
    consumed.insert(key)
    guard let raw = object[key] else { return defaultValue }
    guard Self.isBoolean(raw), let b = raw as? Bool else {
      throw DescriptionError(fieldPath(key), "must be true or false, found \(Self.typeName(raw))")
    }
    return b
  }

  /// A string, or `defaultValue` when absent.
  mutating func string(_ key: String, default defaultValue: String) throws(DescriptionError)
    -> String
  {
    consumed.insert(key)
    guard let raw = object[key] else { return defaultValue }
    guard let s = raw as? String else {
      throw DescriptionError(fieldPath(key), "must be a string, found \(Self.typeName(raw))")
    }
    return s
  }

  /// A string from a fixed set.
  mutating func choice(_ key: String, _ options: [String], default defaultValue: String)
    throws(DescriptionError) -> String
  {
    let s = try string(key, default: defaultValue)
    guard options.contains(s) else {
      throw DescriptionError(
        fieldPath(key),
        "must be one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(s)\"")
    }
    return s
  }

  /// A nested object's reader, or one over an empty object when absent.
  mutating func object(_ key: String) throws(DescriptionError) -> JSONObjectReader {
    consumed.insert(key)
    return try JSONObjectReader(object[key] ?? [String: Any](), path: fieldPath(key))
  }

  /// Refuses keys that were never read: a misspelt field must not be silently ignored.
  func finish() throws(DescriptionError) {
    if let unknown = object.keys.sorted().first(where: { !consumed.contains($0) }) {
      throw DescriptionError(
        fieldPath(unknown), "is not a known field" + (path.isEmpty ? "" : " of \(path)"))
    }
  }

  /// JSON `true` and `false` arrive as a boolean subclass of NSNumber.
  static func isBoolean(_ v: Any) -> Bool {
    "\(type(of: v))".contains("Boolean") || type(of: v) == Bool.self
  }

  static func typeName(_ v: Any) -> String {
    switch v {
    case is String: "a string"
    case is [Any]: "an array"
    case is [String: Any]: "an object"
    case is NSNull: "null"
    case let d as TOMLDateTime: d.kind.name
    case _ where isBoolean(v): "a boolean"
    case is NSNumber: "a number"
    default: "\(type(of: v))"
    }
  }
}
