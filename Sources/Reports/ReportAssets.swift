import Foundation
import QINSSupport

/// The vendored charting library, installed with the tools as the resource bundle
/// `qins_Reports.resources` beside the executable (Vendor/README.md says what and why).
enum ReportAssets {
  static let bundleName = "qins_Reports.resources"

  /// Chart.js's minified source, read from the bundle beside the executable or the test
  /// runner.
  static func chartLibrary() throws(ReportError) -> String {
    guard let bundle = InstalledBundle.directory(named: bundleName),
      let data = FileManager.default.contents(
        atPath: bundle.appendingPathComponent("Vendor/chart.min.js").path)
    else {
      throw ReportError(
        "the charting library (\(bundleName)) is not installed beside this executable; copy it with the executable"
      )
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Why a report cannot be made: a message naming the input.
public struct ReportError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
