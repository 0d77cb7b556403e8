import Foundation

/// The tools' version: one number for `qinssim` and `qinsasm`, and the commit each was built
/// from (embedded at build time by `EmbedFilesPlugin`).
public enum ToolVersion {
  /// The release this source tree is.
  public static let number = "0.3.0-dev"

  /// What `--version` prints: the number and the commit (`unknown` when the tool was built
  /// outside a git checkout; `-modified` when tracked files differed from the commit).
  public static func line(tool: String, commit: String) -> String {
    let trimmed = commit.trimmingCharacters(in: .whitespacesAndNewlines)
    return "\(tool) \(number) (commit \(trimmed.isEmpty ? "unknown" : trimmed))"
  }
}
