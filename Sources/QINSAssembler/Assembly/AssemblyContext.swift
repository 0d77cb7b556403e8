import FPINSISA
import Foundation
import QBinary
import QINSSupport

/// The state of one assembly: pass one's tables and pass two's output.
final class AssemblyContext {
  let options: AssemblyOptions
  var diagnostics = Diagnostics()

  // Names, one namespace: constants, labels, tensors, macros.
  var constants: [String: (value: ExpressionValue, location: SourceLocation)] = [:]
  var constantOrder: [String] = []
  var labels: [String: (index: Int, location: SourceLocation)] = [:]
  var tensors: [TensorDeclaration] = []
  var tensorIndex: [String: Int] = [:]
  var tensorLocations: [SourceLocation] = []
  var macros: [String: Macro] = [:]
  /// Operators (`.operator NAME`), a namespace of their own: where each begins.
  var operators: [String: (index: Int, location: SourceLocation)] = [:]

  var defines: [String: ExpressionValue] = [:]
  var usedDefines = Set<String>()

  var instructions: [PendingInstruction] = []
  var includeStack: [String] = []
  var macroTrail: [String] = []
  var expansionCounter = 0
  var expandedLines = 0
  var pendingLoc: SourceLocation?

  /// Macro definition in progress.
  var defining: (name: String, macro: Macro)?

  static let maxMacroDepth = 64
  /// Lines read from files and produced by macros together: a bound on the work a source
  /// can ask for, however its includes and macros fan out.
  static let maxExpandedLines = 2_000_000
  /// `.include` directives followed, in all.
  static let maxIncludes = 10_000
  var includesFollowed = 0
  static let commandLine = "<command line>"

  init(options: AssemblyOptions) { self.options = options }

  // MARK: Diagnostics with the macro trail

  func error(_ location: SourceLocation, _ message: String, trail: [String]? = nil) {
    let t = trail ?? macroTrail
    diagnostics.error(
      location,
      t.isEmpty ? message : message + " (in macro \(t.reversed().joined(separator: " <- ")))")
  }

  // MARK: -D

  func defineFromCommandLine() {
    for (i, d) in options.defines.enumerated() {
      let loc = SourceLocation(file: Self.commandLine, line: 1, column: i + 1)
      guard BinaryReader.isIdentifierName(d.name) else {
        diagnostics.error(loc, "-D \(d.name): not a valid name")
        continue
      }
      switch Lexer.tokens(of: d.value) {
      case .failure(let f): diagnostics.error(loc, "-D \(d.name)=\(d.value): \(f.message)")
      case .success(let tokens):
        switch ExpressionParser.evaluate(
          tokens, endColumn: d.value.utf8.count + 1, lookup: { _ in nil })
        {
        case .success(let v): defines[d.name] = v
        case .failure(let f): diagnostics.error(loc, "-D \(d.name)=\(d.value): \(f.message)")
        }
      }
    }
  }

  // MARK: Files

  /// Reads and processes a file; `site` is the `.include` that named it, if any.
  func include(path: String, from site: SourceLocation?) {
    let canonical = (path as NSString).standardizingPath
    if includeStack.contains(canonical) {
      error(
        site ?? SourceLocation(file: path, line: 1, column: 1), "recursive include of '\(path)'")
      return
    }
    if let site {
      includesFollowed += 1
      guard includesFollowed <= Self.maxIncludes else {
        if includesFollowed == Self.maxIncludes + 1 {
          error(site, "more than \(Self.maxIncludes) .include directives followed in all")
        }
        return
      }
    }
    guard let bytes = options.readFile(path) else {
      let loc = site ?? SourceLocation(file: path, line: 1, column: 1)
      error(
        loc,
        (site == nil ? "cannot read '\(path)'" : "cannot read included file '\(path)'")
          + " (\(InputFile.whyUnreadable(path)))")
      return
    }
    let fileLocation = SourceLocation(file: path, line: 1, column: 1)
    if bytes.contains(0) {
      error(fileLocation, "not a text file (it contains NUL bytes)")
      return
    }
    // A UTF-8 byte-order mark (as some Windows editors write) is not part of the text.
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    guard let text = String(validating: body, as: UTF8.self) else {
      error(fileLocation, "not a text file (it is not valid UTF-8)")
      return
    }
    includeStack.append(canonical)
    defer { includeStack.removeLast() }
    var lineNumber = 0
    // Lines end in LF or CRLF (a Character "\r\n" is one grapheme: split the scalars).
    for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    {
      lineNumber += 1
      if diagnostics.isFull { return }
      expandedLines += 1
      guard expandedLines <= Self.maxExpandedLines else {
        if expandedLines == Self.maxExpandedLines + 1 {
          error(
            SourceLocation(file: path, line: lineNumber, column: 1),
            "the source reads more than \(Self.maxExpandedLines) lines (files, includes and macro expansions together)"
          )
        }
        return
      }
      let line = String(rawLine)
      switch Lexer.tokens(of: line) {
      case .failure(let f):
        error(SourceLocation(file: path, line: lineNumber, column: f.column), f.message)
      case .success(let tokens):
        process(SourceLine(tokens: tokens, file: path, line: lineNumber, text: line))
      }
    }
    if let d = defining, includeStack.count == 1 {
      error(d.macro.location, "macro '\(d.name)' has no .endm")
      defining = nil
    }
  }

  /// Resolves an include name: the including file's directory first, then each -I path.
  func resolveInclude(_ name: String, from file: String) -> (path: String?, searched: [String]) {
    var candidates: [String] = []
    if name.hasPrefix("/") {
      candidates = [name]
    } else {
      let dir = (file as NSString).deletingLastPathComponent
      candidates.append(dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name))
      for p in options.includePaths {
        candidates.append((p as NSString).appendingPathComponent(name))
      }
    }
    return (candidates.first(where: options.fileExists), candidates)
  }

  // MARK: Statements

  func process(_ line: SourceLine) {
    var tokens = line.tokens
    if tokens.isEmpty { return }
    // Inside a macro definition every line is body, until .endm.
    if var d = defining {
      if case .directive("endm") = tokens[0].kind {
        if tokens.count > 1 {
          error(line.location(tokens[1].column), "unexpected '\(tokens[1].text)' after .endm")
        }
        macros[d.name] = d.macro
        defining = nil
      } else if case .directive("macro") = tokens[0].kind {
        error(
          line.location(tokens[0].column),
          "a macro cannot be defined inside another (missing .endm for '\(d.name)'?)")
      } else {
        d.macro.body.append(line)
        defining = d
      }
      return
    }
    // Labels.
    while tokens.count >= 2, let name = tokens[0].identifier, tokens[1].isPunctuation(":") {
      defineLabel(name, line.location(tokens[0].column))
      tokens.removeFirst(2)
    }
    guard let first = tokens.first else { return }
    switch first.kind {
    case .directive(let name):
      directive(name, Array(tokens.dropFirst()), line: line, column: first.column)
    case .identifier(let name):
      if let macro = macros[name] {
        expand(
          macro, name: name, arguments: Array(tokens.dropFirst()), line: line, column: first.column)
      } else if let spec = InstructionSet.byMnemonic[name] {
        collect(spec, Array(tokens.dropFirst()), line: line, column: first.column)
      } else {
        error(line.location(first.column), "unknown mnemonic '\(name)'")
      }
    default:
      error(
        line.location(first.column),
        "expected a label, an instruction or a directive, found '\(first.text)'")
    }
  }

  /// Registers, mnemonics and float names cannot name things.
  func reservedNameProblem(_ name: String) -> String? { ReservedNames.problem(with: name) }

  /// Where a name is already defined, if it is.
  func existingDefinition(_ name: String) -> SourceLocation? {
    if let c = constants[name] { return c.location }
    if let l = labels[name] { return l.location }
    if let t = tensorIndex[name] { return tensorLocations[t] }
    if let m = macros[name] { return m.location }
    return nil
  }

  func checkNewName(_ name: String, _ location: SourceLocation) -> Bool {
    if name.contains("\\@") {
      error(location, "'\\@' (the expansion counter) can only be used inside a macro body")
      return false
    }
    if let problem = reservedNameProblem(name) {
      error(location, problem)
      return false
    }
    if let previous = existingDefinition(name) {
      error(location, "'\(name)' is already defined at \(previous)")
      return false
    }
    return true
  }

  func defineLabel(_ name: String, _ location: SourceLocation) {
    guard checkNewName(name, location) else { return }
    labels[name] = (instructions.count, location)
  }

  func collect(_ spec: InstructionSpec, _ operandTokens: [Token], line: SourceLine, column: Int) {
    guard instructions.count < BinaryFormat.maxInstructions else {
      if instructions.count == BinaryFormat.maxInstructions {
        error(line.location(column), "more than \(BinaryFormat.maxInstructions) instructions")
      }
      return
    }
    let location = line.location(column)
    instructions.append(
      PendingInstruction(
        spec: spec, operands: OperandParser.splitOperands(operandTokens), location: location,
        recordedPosition: pendingLoc ?? location, text: line.text,
        endColumn: line.text.utf8.count + 1, macroTrail: macroTrail))
    pendingLoc = nil
  }

  // MARK: Macros

  func expand(_ macro: Macro, name: String, arguments: [Token], line: SourceLine, column: Int) {
    let location = line.location(column)
    guard macroTrail.count < Self.maxMacroDepth else {
      error(
        location,
        "macro expansion nested more than \(Self.maxMacroDepth) deep (does '\(name)' call itself?)")
      return
    }
    let args = arguments.isEmpty ? [] : OperandParser.splitOperands(arguments)
    guard args.count == macro.parameters.count else {
      error(
        location,
        "macro '\(name)' takes \(macro.parameters.count) argument\(macro.parameters.count == 1 ? "" : "s"), got \(args.count)"
      )
      return
    }
    if let empty = args.firstIndex(where: \.isEmpty) {
      error(location, "argument \(empty + 1) of macro '\(name)' is empty")
      return
    }
    expansionCounter += 1
    let suffix = "_\(expansionCounter)"
    var bindings: [String: [Token]] = [:]
    for (p, a) in zip(macro.parameters, args) { bindings[p] = a }
    macroTrail.append(name)
    defer { macroTrail.removeLast() }
    for bodyLine in macro.body {
      expandedLines += 1
      guard expandedLines <= Self.maxExpandedLines else {
        if expandedLines == Self.maxExpandedLines + 1 {
          error(
            location,
            "the source reads more than \(Self.maxExpandedLines) lines (files, includes and macro expansions together)"
          )
        }
        return
      }
      var tokens: [Token] = []
      for t in bodyLine.tokens {
        if case .identifier(let id) = t.kind {
          if let replacement = bindings[id] {
            tokens += replacement.map { Token(kind: $0.kind, column: column) }
            continue
          }
          if id.contains("\\@") {
            tokens.append(
              Token(
                kind: .identifier(id.replacingOccurrences(of: "\\@", with: suffix)), column: column)
            )
            continue
          }
        }
        tokens.append(Token(kind: t.kind, column: column))
      }
      process(SourceLine(tokens: tokens, file: line.file, line: line.line, text: line.text))
      if diagnostics.isFull { return }
    }
  }
}

extension BinaryReader {
  /// Whether `s` is a valid name: letters, digits, `_`, `.`, not starting with a digit.
  static func isIdentifierName(_ s: String) -> Bool { isIdentifier(s) && !s.isEmpty }
}
