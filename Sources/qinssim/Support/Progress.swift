import Foundation

/// A one-line progress display on standard error, shown only on a terminal and refreshed at
/// most four times a second.
final class Progress: @unchecked Sendable {
  let enabled: Bool
  private var last = Date.distantPast
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  /// Called by the simulator with the cycle and the instruction count.
  func update(cycle: Int, instructions: Int) {
    guard enabled, Date().timeIntervalSince(last) > 0.25 else { return }
    last = Date()
    shown = true
    FileHandle.standardError.write(
      Data("\r\u{1B}[2K  cycle \(cycle), \(instructions) instructions".utf8))
  }

  /// Shows what is being done now.
  func note(_ text: String) {
    guard enabled else { return }
    shown = true
    FileHandle.standardError.write(Data("\r\u{1B}[2K  \(text)".utf8))
  }

  func clear() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }
}
