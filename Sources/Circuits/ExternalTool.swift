import Foundation

/// A program of the host that the circuit flow drives (Icarus Verilog, Yosys), found on the
/// `PATH` as a user's shell would find it.
public struct ExternalTool: Sendable {
  /// The command's name (`iverilog`).
  public let name: String
  /// Where it is.
  public let url: URL

  /// The tool named `name` on the `PATH`, or nil when it is not installed.
  public static func find(_ name: String) -> ExternalTool? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return ExternalTool(name: name, url: candidate)
      }
    }
    return nil
  }

  /// Runs the tool with `arguments` in `directory`; returns its standard output, or throws
  /// ``CircuitError/toolFailed(_:status:output:)`` with what it printed when it fails.
  @discardableResult
  public func run(_ arguments: [String], in directory: URL) throws -> String {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // Both streams go to one file, so a verbose tool cannot fill a pipe and block.
    let log = directory.appendingPathComponent(".\(name)-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    defer {
      try? handle.close()
      try? FileManager.default.removeItem(at: log)
    }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
      throw CircuitError.toolFailed(name, status: process.terminationStatus, output: output)
    }
    return output
  }
}
