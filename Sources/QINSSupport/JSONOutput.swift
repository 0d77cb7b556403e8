import Foundation

/// The tools' JSON: pretty-printed, keys sorted, slashes not escaped, a final newline, so
/// that the same figures always give the same bytes.
public enum JSONOutput {
  /// Encodes `value`; property names become snake_case unless `snakeCaseKeys` is false (for
  /// types that spell their keys themselves).
  public static func encode<T: Encodable>(_ value: T, snakeCaseKeys: Bool = true) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  /// ``encode(_:snakeCaseKeys:)`` as text.
  public static func string<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encode(value), as: UTF8.self)
  }
}
