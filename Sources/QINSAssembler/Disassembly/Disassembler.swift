import FPINSISA
import QBinary

/// Turns a ``ProgramImage`` back into assembly text that assembles to the same bytes.
///
/// Constants and tensors are declared first, then every instruction with the labels that
/// point at it, the operator that begins there, and a `.loc` line that reproduces its
/// line-table entry.
public enum Disassembler {
  public static func text(of image: ProgramImage, source: String) -> String {
    var out = "; Disassembled from \(source) by qinsasm --disassemble.\n"
    out += "; Assembling this text gives the same bytes.\n\n"
    let constants = image.symbols.filter { $0.kind == .integer || $0.kind == .float }
    for s in constants {
      let value: ExpressionValue =
        s.kind == .integer
        ? .integer(Int64(bitPattern: s.value)) : .float(Double(bitPattern: s.value))
      out += ".const \(s.name) = \(literal(value))\n"
    }
    if !constants.isEmpty { out += "\n" }
    for t in image.tensors {
      var line =
        ".tensor \(t.name) \(t.space.rawValue) [\(t.shape.map(String.init).joined(separator: ", "))] \(t.format.name)"
      if t.alignment != 64 { line += " align \(t.alignment)" }
      if let b = t.binding { line += " bind \(Token.quoted(b))" }
      if let data = t.initialData { line += " = " + data.map(floatLiteral).joined(separator: ", ") }
      out += line + "\n"
    }
    if !image.tensors.isEmpty { out += "\n" }
    var labelsAt: [Int: [String]] = [:]
    for s in image.symbols where s.kind == .label {
      labelsAt[Int(s.value), default: []].append(s.name)
    }
    let targetName = labelsAt.mapValues { $0.sorted()[0] }
    var operatorAt: [Int: String] = [:]
    for s in image.symbols where s.kind == .operator { operatorAt[Int(s.value)] = s.name }
    for (i, word) in image.code.enumerated() {
      if let o = operatorAt[i] { out += ".operator \(o)\n" }
      for l in (labelsAt[i] ?? []).sorted() { out += "\(l):\n" }
      let p = image.lines[i]
      out += "    .loc \(Token.quoted(image.files[p.file])) \(p.line) \(p.column)\n"
      out +=
        "    " + render(try! Instruction(word: word), image: image, targetName: targetName) + "\n"
    }
    for l in (labelsAt[image.code.count] ?? []).sorted() { out += "\(l):\n" }
    return out
  }

  /// One instruction as assembly.
  public static func render(
    _ instruction: Instruction, image: ProgramImage, targetName: [Int: String] = [:]
  ) -> String {
    let operands = zip(instruction.spec.operands, instruction.operands).map { op, value -> String in
      switch value {
      case .register(let r): return "x\(r)"
      case .tensor(let t): return image.tensors[Int(t)].name
      case .memory(let t, let r): return image.tensors[Int(t)].name + (r == 0 ? "" : "[x\(r)]")
      case .immediate(let v): return String(v)
      case .float(let bits): return floatLiteral(Float(bitPattern: bits))
      case .target(let t): return targetName[Int(t)] ?? "@\(t)"
      case .tag(let t): return String(t)
      case .keyword(let k): return op.kind.keywords[Int(k)]
      }
    }
    return operands.isEmpty
      ? instruction.spec.mnemonic
      : instruction.spec.mnemonic + " " + operands.joined(separator: ", ")
  }

  /// A float written so that the assembler reads back exactly its bits: the `Double` with
  /// the same value (exact, so no double rounding), or `f32bits(...)` for NaNs.
  static func floatLiteral(_ f: Float) -> String {
    if f.isNaN { return "f32bits(\(f.bitPattern))" }
    return literal(.float(Double(f)))
  }

  static func literal(_ v: ExpressionValue) -> String {
    if case .integer(let i) = v, i == .min { return "(-9223372036854775807 - 1)" }
    return v.sourceText
  }
}
