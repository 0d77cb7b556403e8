import Foundation
import MachineDescription

/// The commands and options the tools themselves declare, read from their
/// `--experimental-dump-help` (swift-argument-parser's description of every command), so that
/// the command-line cases follow the commands: a renamed or new option changes the cases.
public struct CommandCatalog: Sendable {
  /// One argument of a command.
  public struct Argument: Sendable, Equatable {
    public enum Kind: String, Sendable { case flag, option, positional }
    public var kind: Kind
    /// The spelling used (`--name` or `-n`), empty for a positional.
    public var spelling: String
    /// The value's name in the help (`file`, `machine`, `n`).
    public var valueName: String
    /// The values an enumerated option takes, if the help lists them.
    public var allValues: [String]
    public var isOptional: Bool
  }

  /// A command that runs (not a group): its words and arguments.
  public struct Command: Sendable {
    public var words: [String]
    public var arguments: [Argument]
  }

  public var commands: [Command]

  /// Commands the command-line surface leaves out, and why: `qinssim circuits synthesize` and
  /// `energy` run Yosys on the circuits of Sources/RTL, minutes per call, beyond any fuzz
  /// case's time limit (their options are checked by CircuitsCommandTests; the model files
  /// `energy` reads are read by the same loaders as `sentences` and `generate`, which are
  /// fuzzed).
  public static let notFuzzed: Set<[String]> = [
    ["qinssim", "circuits", "synthesize"], ["qinssim", "circuits", "energy"],
  ]

  /// Reads the catalog of the tools in `products` (qinssim and qinsasm); nil when a tool
  /// cannot describe itself.
  public static func read(products: String) -> CommandCatalog? {
    var commands: [Command] = []
    for tool in ["qinssim", "qinsasm"] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: products + "/" + tool)
      p.arguments = ["--experimental-dump-help"]
      let out = Pipe()
      p.standardOutput = out
      p.standardError = FileHandle.nullDevice
      guard (try? p.run()) != nil else { return nil }
      let data = out.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      guard p.terminationStatus == 0,
        let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        let command = root["command"] as? [String: Any]
      else { return nil }
      collect(command, words: [tool], into: &commands)
    }
    return commands.isEmpty ? nil : CommandCatalog(commands: commands)
  }

  static func collect(_ c: [String: Any], words: [String], into out: inout [Command]) {
    // Every command has an automatic `help` subcommand; it is not a command of the tool's.
    let subcommands = ((c["subcommands"] as? [[String: Any]]) ?? []).filter {
      $0["commandName"] as? String != "help"
    }
    for s in subcommands {
      guard let name = s["commandName"] as? String else { continue }
      collect(s, words: words + [name], into: &out)
    }
    guard subcommands.isEmpty, !notFuzzed.contains(words) else { return }
    var arguments: [Argument] = []
    for a in (c["arguments"] as? [[String: Any]]) ?? [] {
      guard let kind = Argument.Kind(rawValue: a["kind"] as? String ?? "") else { continue }
      let names = (a["names"] as? [[String: Any]]) ?? []
      let preferred =
        names.first { $0["kind"] as? String == "long" } ?? names.first
      var spelling = ""
      if let n = preferred?["name"] as? String {
        spelling = (preferred?["kind"] as? String == "long" ? "--" : "-") + n
      }
      if ["--help", "-h", "--version", "--experimental-dump-help"].contains(spelling) { continue }
      arguments.append(
        Argument(
          kind: kind, spelling: spelling, valueName: a["valueName"] as? String ?? "",
          allValues: a["allValues"] as? [String] ?? [],
          isOptional: a["isOptional"] as? Bool ?? true))
    }
    out.append(Command(words: words, arguments: arguments))
  }

  /// Good values for an option or positional, by its value name; empty when none is known
  /// (the case then gives a hostile one).
  static func goodValues(_ a: Argument) -> [String] {
    if !a.allValues.isEmpty { return a.allValues }
    let presets = Presets.names
    switch a.valueName {
    case "machine": return presets
    case "list": return ["qins-default,int8", "bf16"]
    case "program": return ["p.qasm"]
    case "name=file": return ["x=x.npy", "Y=y.npy"]
    case "name=value": return ["N=8"]
    case "dir": return ["."]
    case "file", "weights", "input", "inputs", "spec", "text": return ["x.npy", "p.qasm"]
    case "file.csv": return ["r.csv"]
    case "file.html": return ["r.html"]
    case "json", "stats", "output", "trace": return ["r.json", "t.vcd"]
    case "size": return ["1G", "100M"]
    case "layers": return ["0", "0-1", "all"]
    case "I/N": return ["1/2"]
    case "n", "m", "k", "seq", "rows", "cols", "tokens", "threads", "hidden", "heads",
      "head-dim", "intermediate", "samples", "seed", "max-depth", "depth", "context",
      "max-tokens", "max-cycles", "max-trace-bytes":
      return ["1", "16", "64"]
    case "sigma": return ["0.02", "1"]
    case "value", "byte": return ["0.1", "85", "255"]
    case "prompt", "sentences": return ["hi", "the cat"]
    default: return []
    }
  }
}
