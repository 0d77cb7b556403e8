import Foundation

/// The vendored charting library (Vendor/README.md says what and why), compiled into the
/// tools at build time by `EmbedFilesPlugin`.
enum ReportAssets {
  /// Chart.js's minified source.
  static func chartLibrary() throws(ReportError) -> String {
    guard let bytes = EmbeddedAssets.contents(of: "chart.min.js") else {
      throw ReportError("this build of the tool has no charting library (chart.min.js)")
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Why a report cannot be made: a message naming the input.
public struct ReportError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
