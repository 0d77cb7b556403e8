import FPINSISA
import QBinary

extension AssemblyContext {
  /// Pass two: encodes every collected instruction and builds the image.
  func finish() -> AssemblyResult {
    for (name, _) in options.defines where defines[name] != nil && !usedDefines.contains(name) {
      diagnostics.warning(
        SourceLocation(file: Self.commandLine, line: 1, column: 1),
        "-D \(name) is not used: the program declares no .const \(name)")
    }
    var code: [UInt64] = []
    var positions: [SourceLocation] = []
    var texts: [String] = []
    for pending in instructions {
      if diagnostics.isFull { break }
      if let instruction = encode(pending) {
        code.append(instruction.word)
      } else {
        code.append(0)
      }
      positions.append(pending.recordedPosition)
      texts.append(pending.text)
    }
    for (name, o) in operators.sorted(by: { $0.value.index < $1.value.index })
    where o.index >= code.count {
      error(o.location, "operator '\(name)' holds no instructions: no instruction follows it")
    }
    guard !diagnostics.hasErrors else {
      return AssemblyResult(image: nil, diagnostics: diagnostics.all, sourceLines: texts)
    }
    // Files in order of first reference.
    var files: [String] = []
    var fileIndex: [String: Int] = [:]
    let lines = positions.map { p -> SourcePosition in
      let f =
        fileIndex[p.file]
        ?? {
          files.append(p.file)
          fileIndex[p.file] = files.count - 1
          return files.count - 1
        }()
      return SourcePosition(file: f, line: p.line, column: p.column)
    }
    var symbols: [Symbol] = labels.map {
      Symbol(name: $0.key, kind: .label, value: UInt64($0.value.index))
    }
    for (name, o) in operators {
      symbols.append(Symbol(name: name, kind: .operator, value: UInt64(o.index)))
    }
    for (name, c) in constants {
      switch c.value {
      case .integer(let v):
        symbols.append(Symbol(name: name, kind: .integer, value: UInt64(bitPattern: v)))
      case .float(let v): symbols.append(Symbol(name: name, kind: .float, value: v.bitPattern))
      }
    }
    symbols.sort { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    let image = ProgramImage(
      code: code, tensors: tensors, symbols: symbols, files: files, lines: lines)
    return AssemblyResult(image: image, diagnostics: diagnostics.all, sourceLines: texts)
  }

  func encode(_ p: PendingInstruction) -> Instruction? {
    let spec = p.spec
    let line = SourceLine(tokens: [], file: p.location.file, line: p.location.line, text: p.text)
    func fail(_ column: Int, _ message: String) -> Instruction? {
      error(line.location(column), message, trail: p.macroTrail)
      return nil
    }
    guard p.operands.count == spec.operands.count else {
      let expected =
        spec.operands.isEmpty
        ? "no operands"
        : "\(spec.operands.count) operand\(spec.operands.count == 1 ? "" : "s") (\(spec.operands.map(\.name).joined(separator: ", ")))"
      return fail(p.location.column, "\(spec.mnemonic) takes \(expected), got \(p.operands.count)")
    }
    var values: [OperandValue] = []
    var ok = true
    for (op, tokens) in zip(spec.operands, p.operands) {
      let column = tokens.first?.column ?? p.endColumn
      guard !tokens.isEmpty else {
        _ = fail(column, "operand \(op.name) of \(spec.mnemonic) is empty")
        ok = false
        continue
      }
      if let v = operand(op, tokens, spec: spec, line: line, trail: p.macroTrail) {
        values.append(v)
      } else {
        ok = false
      }
    }
    return ok ? Instruction(spec, values) : nil
  }

  func operand(
    _ op: OperandSpec, _ tokens: [Token], spec: InstructionSpec, line: SourceLine, trail: [String]
  ) -> OperandValue? {
    let column = tokens[0].column
    func fail(_ message: String) -> OperandValue? {
      error(line.location(column), message, trail: trail)
      return nil
    }
    func integer(_ range: ClosedRange<Int64>) -> Int64? {
      guard let v = evaluate(tokens, line: line, labels: true, trail: trail) else { return nil }
      guard case .integer(let i) = v else {
        error(
          line.location(column),
          "operand \(op.name) of \(spec.mnemonic) must be an integer, not \(v.sourceText)",
          trail: trail)
        return nil
      }
      guard range.contains(i) else {
        error(
          line.location(column),
          "immediate \(i) is out of range for \(op.name) of \(spec.mnemonic) (\(range.lowerBound)...\(range.upperBound))",
          trail: trail)
        return nil
      }
      return i
    }
    switch op.kind {
    case .register:
      guard tokens.count == 1, let name = tokens[0].identifier,
        let r = OperandParser.register(named: name)
      else {
        return fail(
          "operand \(op.name) of \(spec.mnemonic) must be a register x0...x31, not '\(tokens.map(\.text).joined(separator: " "))'"
        )
      }
      return .register(r)
    case .tensor:
      guard tokens.count == 1, let name = tokens[0].identifier, let t = tensorIndex[name] else {
        return fail(
          "operand \(op.name) of \(spec.mnemonic) must be a declared tensor, not '\(tokens.map(\.text).joined(separator: " "))'"
        )
      }
      return .tensor(UInt16(t))
    case .memory:
      guard let name = tokens[0].identifier, let t = tensorIndex[name] else {
        return fail(
          "operand \(op.name) of \(spec.mnemonic) must be a declared tensor with an optional [xN] offset, not '\(tokens.map(\.text).joined(separator: " "))'"
        )
      }
      if tokens.count == 1 { return .memory(tensor: UInt16(t), offset: 0) }
      guard tokens.count == 4, tokens[1].isPunctuation("["), tokens[3].isPunctuation("]"),
        let rn = tokens[2].identifier, let r = OperandParser.register(named: rn)
      else {
        return fail("the offset of a memory operand is a register in brackets, as in \(name)[x3]")
      }
      return .memory(tensor: UInt16(t), offset: r)
    case .immediate:
      return integer(Int64(Int32.min)...Int64(Int32.max)).map { .immediate(Int32($0)) }
    case .float:
      guard let v = evaluate(tokens, line: line, labels: false, trail: trail) else { return nil }
      let f = Float(v.asDouble)
      if v.asDouble.isFinite && f.isInfinite {
        return fail("\(v.sourceText) is out of range for a 32-bit float")
      }
      if case .float(let d) = v, d.isNaN { return .float(Float(d).bitPattern) }
      return .float(f.bitPattern)
    case .target:
      if tokens.count == 1, let name = tokens[0].identifier {
        guard let l = labels[name] else { return fail("undefined label '\(name)'") }
        guard l.index < instructions.count else {
          return fail("label '\(name)' is at the end of the program, past the last instruction")
        }
        return .target(UInt32(l.index))
      }
      guard tokens[0].isPunctuation("@") else {
        return fail("a branch target is a label or @N (an instruction index)")
      }
      let rest = Array(tokens.dropFirst())
      guard let v = evaluate(rest, line: line, labels: true, trail: trail) else { return nil }
      guard case .integer(let i) = v, i >= 0, i < Int64(instructions.count) else {
        return fail(
          "target @\(v.sourceText) is not an instruction index (0...\(instructions.count - 1))")
      }
      return .target(UInt32(i))
    case .tag:
      return integer(0...15).map { .tag(UInt8($0)) }
    case .dataflow, .accumulate, .units, .scaling:
      guard tokens.count == 1, let name = tokens[0].identifier,
        let k = op.kind.keywords.firstIndex(of: name)
      else {
        return fail(
          "operand \(op.name) of \(spec.mnemonic) must be one of \(op.kind.keywords.joined(separator: ", "))"
        )
      }
      return .keyword(UInt8(k))
    }
  }
}
