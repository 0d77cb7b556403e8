import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a built command as a fuzzed case: in a working directory, under an address-space
/// cap (`prlimit --as`), killed at a time limit, standard output discarded, standard error
/// kept for the verdict.
public struct FuzzCommandRunner: Sendable {
  /// The directory holding `qinssim` and `qinsasm`.
  public var products: String
  /// Seconds before a command counts as hung.
  public var timeoutSeconds: Double
  /// Bytes of address space a command may map.
  public var memoryCapBytes: Int

  public init(products: String, timeoutSeconds: Double, memoryCapBytes: Int) {
    self.products = products
    self.timeoutSeconds = timeoutSeconds
    self.memoryCapBytes = memoryCapBytes
  }

  /// Runs `command` (its first word a product name) in `directory`; returns the outcome and
  /// the end of its standard error. Standard output is discarded, or written to the file
  /// `output` names in `directory`.
  public func run(_ command: [String], in directory: String, output: String? = nil) -> (
    CommandOutcome, String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
    process.arguments =
      ["--as=\(memoryCapBytes)", "--", products + "/" + command[0]] + command.dropFirst()
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let errorPath = directory + "/.stderr"
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    guard let errorFile = FileHandle(forWritingAtPath: errorPath) else {
      return (.exited(0), "")
    }
    var outputFile: FileHandle?
    if let output {
      _ = FileManager.default.createFile(atPath: directory + "/" + output, contents: nil)
      outputFile = FileHandle(forWritingAtPath: directory + "/" + output)
    }
    defer { try? outputFile?.close() }
    process.standardOutput = outputFile ?? FileHandle.nullDevice
    process.standardError = errorFile
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return (.unexpectedStatus(-1), "cannot start: \(error)") }
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    var hung = false
    while process.isRunning {
      if Date() > deadline {
        hung = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(2000)
    }
    process.waitUntilExit()
    try? errorFile.close()
    let data = FileManager.default.contents(atPath: errorPath) ?? Data()
    let stderr = String(decoding: data.suffix(4000), as: UTF8.self)
    if hung { return (.hung, stderr) }
    let status = process.terminationStatus
    if process.terminationReason == .uncaughtSignal {
      let allocation =
        stderr.contains("failed to allocate") || stderr.contains("Cannot allocate memory")
        || stderr.contains("out of memory")
      return (allocation || status == SIGKILL ? .blewUp : .crashed(signal: status), stderr)
    }
    switch status {
    case 0: return (.exited(0), stderr)
    case 1, 64:
      return (
        stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
          ? .silentFailure(status) : .exited(status), stderr
      )
    default: return (.unexpectedStatus(status), stderr)
    }
  }
}
