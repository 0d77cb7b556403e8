import Foundation
import MachineDescription
import QBinary
import QINSAssembler

/// Makes the cases of the process surfaces. Case `index` of a surface depends only on the
/// campaign's seed, the surface and the index, so any finding is replayed from those three.
public struct CaseGenerator: Sendable {
  public let seed: UInt64
  /// The seed programs assembled, for the binary surface.
  let binaries: [[UInt8]]
  /// Every preset's description as JSON, for the machine surface.
  let machines: [String]
  /// Every preset's description as commented TOML, for the machine TOML reader.
  let machineTOMLs: [String]
  /// The commands and options the tools declare (``CommandCatalog``), for the command-line
  /// cases; without it, a fixed list.
  public let catalog: CommandCatalog?
  /// What `qinssim report` reads, made by the built commands (``ReportSeeds/make(runner:work:)``),
  /// for the report cases.
  public var reportSeeds: ReportSeeds?

  public init(seed: UInt64, catalog: CommandCatalog? = nil) {
    self.seed = seed
    self.catalog = catalog
    binaries = FuzzSeeds.programs.compactMap { source in
      Assembler.assemble(source: source, name: "seed.qasm").image.map(BinaryWriter.bytes(of:))
    }
    machines = Presets.names.map { Presets.all[$0]!.json }
    machineTOMLs = Presets.names.map { Presets.all[$0]!.toml }
  }

  /// The mutator of case `index` of `surface`.
  public func mutator(_ surface: FuzzSurface, _ index: Int) -> Mutator {
    let s = UInt64(FuzzSurface.allCases.firstIndex(of: surface)!)
    return Mutator(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ s << 56 ^ UInt64(index))
  }

  public func make(_ surface: FuzzSurface, _ index: Int) -> FuzzCase {
    var m = mutator(surface, index)
    let files: [(name: String, bytes: [UInt8])]
    let commands: [[String]]
    let preset = m.pick(Presets.names)
    let limits = FuzzSeeds.runLimits
    switch surface {
    case .programs:
      let source = m.mutate(
        text: m.pick(FuzzSeeds.programs), fragments: FuzzSeeds.fragments,
        maxEdits: m.oneIn(2) ? 1 : 4)
      files = [("p.qasm", Array(source.utf8)), ("x.npy", FuzzSeeds.input)]
      var run = ["qinssim", "run", "p.qasm", "--machine", preset, "--bind", "x=x.npy"] + limits
      if m.oneIn(4) { run += ["--trace", m.oneIn(2) ? "t.json" : "t.vcd", "--stats", "s.json"] }
      if m.oneIn(4) { run += ["--timing-only"] }
      if m.oneIn(3) { run += ["-D", "N=\(m.pick(HostileValues.argumentTexts))"] }
      commands = [run, ["qinsasm", "p.qasm", "-o", "p.qbin", "--listing", "p.lst"]]
    case .binaries:
      files = [("p.qbin", Self.mutateBinary(m.pick(binaries), &m)), ("x.npy", FuzzSeeds.input)]
      commands = [
        ["qinssim", "run", "p.qbin", "--machine", preset, "--bind", "x=x.npy"] + limits,
        ["qinsasm", "--disassemble", "p.qbin"],
      ]
    case .tensorFiles:
      let npy =
        m.oneIn(3)
        ? Array(
          m.mutate(
            text: String(decoding: FuzzSeeds.input, as: UTF8.self),
            fragments: ["'shape': (1 << 62, 4),", "'descr': '<f4', 'descr': '<f8',"]
          ).utf8)
        : m.mutate(FuzzSeeds.input)
      files = [("p.qasm", Array(FuzzSeeds.programs[0].utf8)), ("x.npy", npy)]
      commands = [
        ["qinssim", "run", "p.qasm", "--machine", preset, "--bind", "x=x.npy", "--dump", "Y=y.npy"]
          + limits
      ]
    case .machines:
      files = [
        ("m.json", Array(Self.mutateJSON(m.pick(machines), &m).utf8)),
        ("p.qasm", Array(m.pick(FuzzSeeds.programs).utf8)), ("x.npy", FuzzSeeds.input),
      ]
      commands = [
        ["qinssim", "run", "p.qasm", "--machine", "m.json", "--bind", "x=x.npy"] + limits,
        ["qinssim", "gemm", "--machine", "m.json", "--m", "64", "--n", "64", "--k", "64"],
        ["qinssim", "machine", "show", "m.json"],
        ["qinssim", "machine", "costs", "m.json"],
      ]
    case .commandLines:
      files = [("p.qasm", Array(FuzzSeeds.programs[0].utf8)), ("x.npy", FuzzSeeds.input)]
      commands = [catalog.map { Self.commandLine(&m, from: $0) } ?? Self.commandLine(&m)]
    case .models:
      let model =
        m.oneIn(6)
        ? m.mutate(TinyLlamaModel.standard.bytes)
        : (m.oneIn(5) ? TinyLlamaModel.standard : TinyLlamaModel.standard.mutated(&m)).bytes
      let text = m.oneIn(3) ? m.pick(TinyLlamaModel.hostileTexts) : TinyLlamaModel.text
      // A command line cannot hold a NUL; the text file can.
      let prompt = text.contains("\u{0}") ? TinyLlamaModel.text : text
      files = [("m.gguf", model), ("t.txt", Array(text.utf8))]
      let machine = m.oneIn(2) ? "fp32-reference" : preset
      let common = ["--weights", "m.gguf", "--machine", machine, "--max-host-memory", "1G"]
      commands = [
        ["qinssim", "generate", "--prompt", prompt, "--tokens", "2"] + common,
        ["qinssim", "perplexity", "--text", "t.txt", "--context", "16", "--max-tokens", "24"]
          + common,
      ]
    case .reports:
      guard let seeds = reportSeeds else {
        preconditionFailure("the report cases need the report seeds (ReportSeeds.make)")
      }
      (files, commands) = Self.reportCase(seeds, &m)
    default:
      preconditionFailure("\(surface) runs in process")
    }
    return FuzzCase(surface: surface, index: index, files: files, commands: commands)
  }

  /// One to three report inputs, each mutated with probability 3/4 (a JSON value replaced at
  /// any depth by an extreme number, a string, null, an array or an object; a key removed; the
  /// bytes edited; a trace's lines cut or repeated; a sweep folder's manifest or a point file
  /// edited, a point removed or a stray file added), given to `qinssim report` and, for a
  /// sweep folder, to `qinssim sweep merge`.
  static func reportCase(_ seeds: ReportSeeds, _ m: inout Mutator) -> (
    files: [(name: String, bytes: [UInt8])], commands: [[String]]
  ) {
    var files: [(name: String, bytes: [UInt8])] = []
    var inputs: [String] = []
    var sweep = false
    for _ in 0..<(1 + m.below(3)) {
      if m.oneIn(4) && !sweep {
        sweep = true
        inputs.append("sw")
        var names = seeds.sweepNames
        if m.oneIn(4), names.count > 1 { names.remove(at: 1 + m.below(names.count - 1)) }
        for name in names {
          let bytes = seeds.files[name]!
          files.append((name, m.oneIn(3) ? mutateReportInput(bytes, &m) : bytes))
        }
        if m.oneIn(8) {
          files.append(
            (
              m.pick(["sw/points/point-99.json", "sw/points/point-x.json"]),
              m.mutate(Array("{}".utf8))
            ))
        }
        continue
      }
      let name = m.pick(ReportSeeds.inputNames)
      guard !inputs.contains(name) else { continue }
      inputs.append(name)
      let bytes = seeds.files[name]!
      files.append((name, m.oneIn(4) ? bytes : mutateReportInput(bytes, &m)))
    }
    var commands = [["qinssim", "report"] + inputs + ["-o", "r.html"]]
    if sweep { commands.append(["qinssim", "sweep", "merge", "sw", "-o", "merged", "--partial"]) }
    return (files, commands)
  }

  /// A report input with hostile edits: JSON values at any depth, or the bytes, or (for a
  /// trace, one event a line) whole lines.
  static func mutateReportInput(_ bytes: [UInt8], _ m: inout Mutator) -> [UInt8] {
    if bytes.first == UInt8(ascii: "["), !m.oneIn(3) {
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        .map(Array.init)
      for _ in 0..<(1 + m.below(4)) where !lines.isEmpty {
        let i = m.below(lines.count)
        switch m.below(4) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)
        case 2:
          lines[i] = Array(
            String(decoding: lines[i], as: UTF8.self).replacingOccurrences(
              of: "\"value\":", with: "\"value\":\(m.pick(extremeNumbers)),\"x\":"
            ).utf8)
        default: lines[i] = m.mutate(lines[i], maxEdits: 2)
        }
      }
      return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
    guard !m.oneIn(5),
      var root = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    else { return m.mutate(bytes) }
    for _ in 0..<(1 + m.below(3)) { root = editDeep(root, &m, depth: 0) }
    return (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])).map(
      [UInt8].init) ?? bytes
  }

  /// Numbers at the edges of what a chart or a ratio survives.
  static let extremeNumbers = [
    "1e-320", "1.7e308", "-1.7e308", "1e200", "-1", "0", "-0", "5e-324", "9007199254740993",
    "1e15", "0.5",
  ]

  /// `value` with one edit somewhere below it: a value inside an object or an array replaced,
  /// removed, or an element added.
  static func editDeep(_ value: Any, _ m: inout Mutator, depth: Int) -> Any {
    func replacement() -> Any {
      switch m.below(7) {
      case 0: return Double(m.pick(extremeNumbers))!
      case 1: return m.pick(HostileValues.strings)
      case 2: return NSNull()
      case 3: return [Double(m.pick(extremeNumbers))!]
      case 4: return ["x": 1]
      case 5: return m.oneIn(2)
      default: return m.pick(HostileValues.integers)
      }
    }
    if var object = value as? [String: Any], !object.isEmpty {
      let key = m.pick(object.keys.sorted())
      if depth < 6, !m.oneIn(3) {
        object[key] = editDeep(object[key]!, &m, depth: depth + 1)
      } else if m.oneIn(4) {
        object.removeValue(forKey: key)
      } else {
        object[key] = replacement()
      }
      return object
    }
    if var array = value as? [Any], !array.isEmpty {
      let i = m.below(array.count)
      if depth < 6, !m.oneIn(3) {
        array[i] = editDeep(array[i], &m, depth: depth + 1)
      } else if m.oneIn(3) {
        array.remove(at: i)
      } else {
        array.append(m.oneIn(2) ? array[i] : replacement())
      }
      return array
    }
    return replacement()
  }

  /// A `.qbin` with byte-level edits; three times in four its checksum is written anew, so
  /// that the edits reach the reader's later checks and the simulator.
  static func mutateBinary(_ bytes: [UInt8], _ m: inout Mutator) -> [UInt8] {
    var b =
      m.oneIn(2)
      ? m.overwrite(bytes, within: BinaryFormat.headerSize..<bytes.count)
      : m.mutate(bytes, maxEdits: m.oneIn(2) ? 2 : 8)
    let range = BinaryFormat.checksumRange
    if b.count >= range.upperBound && !m.oneIn(4) {
      let sum = FNV1a64.hash(b, zeroing: range)
      for k in 0..<8 { b[range.lowerBound + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(k))) }
    }
    return b
  }

  /// A machine description with one to three hostile edits: a field's value replaced (by a
  /// hostile number, a string, a boolean, null, an array or an object), a field removed or an
  /// unknown one added; or the text mutated byte by byte.
  static func mutateJSON(_ text: String, _ m: inout Mutator) -> String {
    guard !m.oneIn(5),
      var root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else {
      return String(decoding: m.mutate(Array(text.utf8)), as: UTF8.self)
    }
    for _ in 0..<(1 + m.below(3)) {
      edit(&root, &m)
    }
    guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    else { return text }
    return String(decoding: data, as: UTF8.self)
  }

  static func edit(_ object: inout [String: Any], _ m: inout Mutator) {
    let keys = object.keys.sorted()
    guard !keys.isEmpty else { return }
    let key = m.pick(keys)
    if var child = object[key] as? [String: Any], !m.oneIn(4) {
      edit(&child, &m)
      object[key] = child
      return
    }
    switch m.below(8) {
    case 0: object.removeValue(forKey: key)
    case 1: object["unknown_\(m.below(100))"] = 1
    case 2: object[key] = m.pick(HostileValues.strings)
    case 3: object[key] = m.oneIn(2)
    case 4: object[key] = NSNull()
    case 5: object[key] = [1, 2]
    case 6: object[key] = Double(m.pick(["1e300", "1e-300", "-1", "0.5", "1e15", "-0"]))!
    default: object[key] = m.pick(HostileValues.integers)
    }
  }

  /// A command line of one of the catalog's commands: every required argument, up to three
  /// other arguments, each value good (``CommandCatalog/goodValues(_:)``) three times in four
  /// and hostile otherwise.
  static func commandLine(_ m: inout Mutator, from catalog: CommandCatalog) -> [String] {
    commandLine(&m, catalog.commands[m.below(catalog.commands.count)])
  }

  /// A command line of `command`, as ``commandLine(_:from:)`` makes them.
  public static func commandLine(_ m: inout Mutator, _ command: CommandCatalog.Command)
    -> [String]
  {
    var line = command.words
    func value(_ a: CommandCatalog.Argument) -> String {
      let good = CommandCatalog.goodValues(a)
      if !m.oneIn(4) { return good.isEmpty ? "o\(m.below(4))-\(a.valueName).out" : m.pick(good) }
      return m.oneIn(2) ? m.pick(HostileValues.argumentTexts) : m.pick(HostileValues.strings)
    }
    let required = command.arguments.filter { !$0.isOptional }
    var others = command.arguments.filter(\.isOptional)
    for a in required {
      if a.kind != .positional { line.append(a.spelling) }
      if a.kind != .flag { line.append(value(a)) }
    }
    for _ in 0..<min(m.below(4), others.count) {
      let a = others.remove(at: m.below(others.count))
      if a.kind != .positional { line.append(a.spelling) }
      if a.kind != .flag { line.append(value(a)) }
    }
    if m.oneIn(8) { line.append(m.pick(HostileValues.strings)) }
    return line
  }

  /// A command line of one of the commands, each option given with probability 1/2 and a
  /// value that is hostile with probability 1/2.
  static func commandLine(_ m: inout Mutator) -> [String] {
    func value(_ good: [String]) -> String {
      m.oneIn(2)
        ? m.pick(good)
        : m.oneIn(2) ? m.pick(HostileValues.argumentTexts) : m.pick(HostileValues.strings)
    }
    let presets = Presets.names
    let commands: [(words: [String], options: [(String, [String])])] = [
      (
        ["qinssim", "gemm"],
        [
          ("--m", ["1", "64", "300"]), ("--n", ["1", "64", "300"]), ("--k", ["1", "64", "300"]),
          ("--rows", ["1", "8", "128"]), ("--cols", ["1", "8", "128"]),
          ("--dataflow", ["ws", "os", "is"]), ("--machine", presets),
          ("--timing", ["default", "scalesim"]), ("--model", ["fast", "pe"]),
          ("--functional", []), ("--double-buffer", []), ("--json", []),
          ("--max-host-memory", ["1G", "100M"]),
        ]
      ),
      (
        ["qinssim", "formats"],
        [
          ("--samples", ["1", "100", "20000"]), ("--sigma", ["0.02", "1"]),
          ("--seed", ["1", "2024"]), ("--max-depth", ["0", "3", "7"]), ("--json", []),
        ]
      ),
      (
        ["qinssim", "fpins", "encode"],
        [
          ("", ["0.1", "-0.25", "256"]), ("--depth", ["0", "2", "15"]),
          ("--encoder", ["greedy", "optimal"]),
        ]
      ),
      (
        ["qinssim", "fpins", "decode"], [("", ["85", "255", "1"]), ("--sign", ["1", "-1", "0"])]
      ),
      (
        ["qinssim", "run", "p.qasm"],
        [
          ("--machine", presets), ("--bind", ["x=x.npy"]), ("--max-cycles", ["1", "1000"]),
          ("--max-trace-bytes", ["1", "100000"]), ("--trace", ["t.json", "t.vcd"]),
          ("--stats", ["s.json"]), ("--dump", ["Y=y.npy"]), ("-D", ["N=8"]),
          ("--threads", ["1", "2"]), ("--timing-only", []), ("--max-host-memory", ["1G"]),
        ]
      ),
      (
        ["qinssim", "transformer", "--model", "minilm-l6"],
        [
          ("--seq", ["16", "32"]), ("--hidden", ["64", "96"]), ("--heads", ["2", "4"]),
          ("--head-dim", ["16", "32"]), ("--intermediate", ["64", "128"]),
          ("--layers", ["0", "0-1", "all"]), ("--machines", ["qins-default,int8", "bf16"]),
          ("--accumulator", ["fp32", "qins8"]), ("--timing-only", []), ("--threads", ["1", "2"]),
          ("--input", ["x.npy"]), ("--json", ["r.json"]), ("--stats", ["s.json"]),
          ("--max-host-memory", ["1G"]),
        ]
      ),
      (["qinssim", "machine", "show"], [("", presets)]),
      (["qinssim", "machine", "costs"], [("", presets), ("--json", [])]),
      (
        ["qinssim", "tables", "export"], [("--dir", ["out"]), ("--rounding", ["nearest", "seed"])]
      ),
      (["qinssim", "energy"], []),
      (
        ["qinssim", "generate"],
        [("--model", ["x.npy"]), ("--prompt", ["hi"]), ("--tokens", ["1", "4"])]
      ),
      (
        ["qinsasm", "p.qasm"],
        [("-o", ["p.qbin"]), ("--listing", ["p.lst"]), ("-D", ["N=4"]), ("-I", ["."])]
      ),
    ]
    let (words, options) = m.pick(commands)
    var line = words
    for (name, good) in options where m.oneIn(2) {
      if !name.isEmpty { line.append(name) }
      if !good.isEmpty || name.isEmpty { line.append(value(good)) }
    }
    if m.oneIn(8) { line.append(m.pick(HostileValues.strings)) }
    return line
  }
}
