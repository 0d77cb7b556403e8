import Foundation
import MachineDescription

/// A machine with some of its description's fields replaced, each named by its path in the
/// description (`array.rows`, `memories.spad.capacity_bytes`, `storage_format`). The result
/// is read back through the description's own parser, so a wrong type or an out-of-range
/// value gets the same message naming the field as in a machine file.
enum MachineFields {
  static func apply(
    _ assignments: [(field: String, value: SweepValue)], to base: MachineDescription,
    name: String
  ) throws(SweepError) -> MachineDescription {
    guard !assignments.isEmpty else {
      var m = base
      m.name = name
      return m
    }
    var root: [String: Any]
    do {
      root = try JSONSerialization.jsonObject(with: Data(base.json.utf8)) as! [String: Any]
    } catch { throw SweepError("internal error: a machine's JSON does not read back (\(error))") }
    for (field, value) in assignments {
      try set(&root, path: field.split(separator: ".").map(String.init), value, field: field)
    }
    root["name"] = name
    do {
      let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
      return try MachineDescription(json: data)
    } catch let e as DescriptionError {
      throw SweepError(
        "machine fields \(assignments.map { "\($0.field)=\($0.value)" }.joined(separator: ", ")): \(e)"
      )
    } catch {
      throw SweepError("machine fields: \(error)")
    }
  }

  /// Sets `path` in a JSON object; every step must exist (the full description has them all).
  private static func set(
    _ object: inout [String: Any], path: [String], _ value: SweepValue, field: String
  ) throws(SweepError) {
    guard let key = path.first, object[key] != nil else {
      let known = object.keys.sorted().joined(separator: ", ")
      throw SweepError(
        "unknown field \(field): '\(path.first ?? "")' is not one of \(known)")
    }
    if path.count == 1 {
      guard !(object[key] is [String: Any]) else {
        throw SweepError("\(field) is a group of fields, not one; name one of its fields")
      }
      object[key] = value.jsonObject
      return
    }
    guard var inner = object[key] as? [String: Any] else {
      throw SweepError("unknown field \(field): \(key) has no fields")
    }
    try set(&inner, path: Array(path.dropFirst()), value, field: field)
    object[key] = inner
  }
}
