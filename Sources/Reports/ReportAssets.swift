import Foundation

/// The vendored charting library, installed with the tools as the resource bundle
/// `qins_Reports.resources` beside the executable (Vendor/README.md says what and why).
enum ReportAssets {
  static let bundleName = "qins_Reports.resources"

  /// Chart.js's minified source, read from the bundle beside the executable or the test
  /// runner.
  static func chartLibrary() throws(ReportError) -> String {
    var places: [URL] = [
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        .deletingLastPathComponent()
    ]
    if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
      places.append(main)
    }
    places.append(Bundle.main.bundleURL)
    for p in places {
      let file = p.appendingPathComponent(bundleName).appendingPathComponent("Vendor/chart.min.js")
      if let data = FileManager.default.contents(atPath: file.path) {
        return String(decoding: data, as: UTF8.self)
      }
    }
    throw ReportError(
      "the charting library (\(bundleName)) is not installed beside this executable; copy it with the executable"
    )
  }
}

/// Why a report cannot be made: a message naming the input.
public struct ReportError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
