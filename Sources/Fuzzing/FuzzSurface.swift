/// A part of the tool that takes input from outside, fuzzed on its own.
public enum FuzzSurface: String, CaseIterable, Sendable, Codable, Comparable {
  // In the fuzzer's own process: the readers, thousands of cases a second.
  /// The assembler on mutated and random source text (assembly only).
  case assemblerSource = "assembler-source"
  /// The `.qbin` reader on mutated binaries.
  case qbinReader = "qbin-reader"
  /// The `.npy` reader on mutated files.
  case npyReader = "npy-reader"
  /// The safetensors reader (header and every tensor) on mutated files.
  case safetensorsReader = "safetensors-reader"
  /// The GGUF reader (header, metadata, every tensor dequantized) on mutated files.
  case ggufReader = "gguf-reader"
  /// The machine-description reader on mutated JSON.
  case machineReader = "machine-reader"

  // Through the built commands, each case a process under a memory cap and a time limit.
  /// Mutated programs assembled by `qinsasm` and run by `qinssim run` on a random preset.
  case programs
  /// Mutated `.qbin` files run by `qinssim run` and disassembled by `qinsasm`.
  case binaries
  /// Mutated `.npy` files bound to a program's input.
  case tensorFiles = "tensor-files"
  /// Mutated machine descriptions given to `run`, `gemm`, `machine show` and `machine costs`.
  case machines
  /// Hostile values for the options of every command.
  case commandLines = "command-lines"

  // In process again, added later (a surface's place in this list seeds its cases, so new
  // surfaces go last and earlier findings replay unchanged).
  /// The machine-description reader on mutated TOML (`machine show --toml` of every preset).
  case machineTOMLReader = "machine-toml-reader"
  /// The sweep-spec reader on mutated TOML specs.
  case sweepSpecReader = "sweep-spec-reader"
  /// Tiny Llama models (``TinyLlamaModel``) with hostile metadata, tokens and tensors: read,
  /// tokenized and run for a few tokens on the FP32 reference in this process.
  case ggufModels = "gguf-models"
  /// The same models given to `qinssim generate` and `qinssim perplexity` on a random machine.
  case models
  /// Mutated report inputs (statistics, traces, GEMM and transformer JSON, sweep folders) given
  /// to `qinssim report` and `qinssim sweep merge`.
  case reports

  /// Whether the surface runs in the fuzzer's process rather than through the commands.
  public var inProcess: Bool {
    switch self {
    case .assemblerSource, .qbinReader, .npyReader, .safetensorsReader, .ggufReader,
      .machineReader, .machineTOMLReader, .sweepSpecReader, .ggufModels:
      true
    case .programs, .binaries, .tensorFiles, .machines, .commandLines, .models, .reports: false
    }
  }

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
