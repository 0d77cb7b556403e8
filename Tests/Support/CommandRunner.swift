import Foundation

/// Runs a built product of this package, as a user would, and captures what it prints.
public struct CommandRunner {
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
  }

  /// The directory holding the built products: the test bundle's own directory.
  public static let productsDirectory: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = testBinary.deletingLastPathComponent()
    // On Linux the test runner is `.../debug/<package>PackageTests.xctest`.
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("qinsasm").path),
      dir.path != "/"
    {
      dir = dir.deletingLastPathComponent()
    }
    return dir
  }()

  /// Runs `product` with `arguments`, optionally feeding `input` on standard input.
  public static func run(_ product: String, _ arguments: [String], input: Data? = nil) throws
    -> Result
  {
    try run(
      executable: productsDirectory.appendingPathComponent(product), arguments, input: input)
  }

  /// Runs the executable at `executable` (a copy installed elsewhere, say) with `arguments`,
  /// in `directory` when one is given, with `environment` added to this process's.
  public static func run(
    executable: URL, _ arguments: [String], input: Data? = nil, in directory: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let inPipe = Pipe()
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
  }

  /// A fresh temporary directory, removed by the caller.
  public static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// The repository's top-level folder, from this file's location.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
