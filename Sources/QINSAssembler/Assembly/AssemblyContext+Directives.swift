import FPINSISA
import QBinary

extension AssemblyContext {
  func directive(_ name: String, _ args: [Token], line: SourceLine, column: Int) {
    let location = line.location(column)
    switch name {
    case "include": includeDirective(args, line: line, location: location)
    case "const": constDirective(args, line: line, location: location)
    case "tensor": tensorDirective(args, line: line, location: location)
    case "macro": macroDirective(args, line: line, location: location)
    case "endm": error(location, ".endm without .macro")
    case "loc": locDirective(args, line: line, location: location)
    case "operator": operatorDirective(args, line: line, location: location)
    default: error(location, "unknown directive '.\(name)'")
    }
  }

  /// `.include "file"`
  func includeDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    guard args.count == 1, case .string(let name) = args[0].kind else {
      error(location, ".include takes one quoted file name")
      return
    }
    let (path, searched) = resolveInclude(name, from: line.file)
    guard let path else {
      error(
        line.location(args[0].column),
        "include file '\(name)' not found (searched \(searched.joined(separator: ", ")))")
      return
    }
    include(path: path, from: line.location(args[0].column))
  }

  /// `.const NAME = expression`; a `-D NAME=...` overrides the expression.
  func constDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    guard args.count >= 3, let name = args[0].identifier, args[1].isPunctuation("=") else {
      error(location, ".const takes NAME = expression")
      return
    }
    let nameLocation = line.location(args[0].column)
    guard checkNewName(name, nameLocation) else { return }
    let value: ExpressionValue
    if let d = defines[name] {
      value = d
      usedDefines.insert(name)
    } else {
      guard let v = evaluate(Array(args.dropFirst(2)), line: line, labels: false) else { return }
      value = v
    }
    constants[name] = (value, nameLocation)
    constantOrder.append(name)
  }

  /// `.macro NAME p1, p2, ...`
  func macroDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    guard let name = args.first?.identifier else {
      error(location, ".macro takes a name and parameter names")
      return
    }
    let nameLocation = line.location(args[0].column)
    var parameters: [String] = []
    var ok = checkNewName(name, nameLocation)
    for group in OperandParser.splitOperands(Array(args.dropFirst()))
    where !args.dropFirst().isEmpty {
      guard group.count == 1, let p = group[0].identifier, !p.contains("\\@") else {
        error(
          line.location(group.first?.column ?? location.column),
          "macro parameters must be plain names")
        ok = false
        continue
      }
      if parameters.contains(p) {
        error(line.location(group[0].column), "macro parameter '\(p)' appears twice")
        ok = false
      }
      parameters.append(p)
    }
    // The body is collected even after an error, so that .endm does not cascade.
    defining = (
      ok ? name : "\\invalid", Macro(parameters: parameters, body: [], location: nameLocation)
    )
  }

  /// `.operator NAME`: a named operator of the program begins at the next instruction and runs
  /// to the next `.operator` (or the end). The simulator reports cycles, bytes, energy and
  /// bounds per operator. Operator names are apart from other names; each names one operator,
  /// and an operator holds at least one instruction.
  func operatorDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    guard args.count == 1, let name = args[0].identifier else {
      error(location, ".operator takes one name")
      return
    }
    let nameLocation = line.location(args[0].column)
    if name.contains("\\@") {
      error(nameLocation, "'\\@' (the expansion counter) can only be used inside a macro body")
      return
    }
    if let problem = reservedNameProblem(name) {
      error(nameLocation, problem)
      return
    }
    if let previous = operators[name] {
      error(nameLocation, "operator '\(name)' is already defined at \(previous.location)")
      return
    }
    if let (other, o) = operators.first(where: { $0.value.index == instructions.count }) {
      error(
        nameLocation,
        "operator '\(other)' (\(o.location)) holds no instructions: '\(name)' begins at the same place"
      )
      return
    }
    operators[name] = (instructions.count, nameLocation)
  }

  /// `.loc "file" line column`: the position recorded for the next instruction.
  func locDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    guard args.count == 3, case .string(let file) = args[0].kind,
      case .integer(let l) = args[1].kind, case .integer(let c) = args[2].kind,
      l >= 0, c >= 0, l <= Int64(UInt32.max), c <= Int64(UInt32.max)
    else {
      error(location, ".loc takes a quoted file name, a line and a column")
      return
    }
    pendingLoc = SourceLocation(file: file, line: Int(l), column: Int(c))
  }

  /// `.tensor NAME LEVEL [d0, d1, ...] FORMAT [align N] [bind ["name"]] [= v0, v1, ...]`
  func tensorDirective(_ args: [Token], line: SourceLine, location: SourceLocation) {
    var i = 0
    func fail(_ message: String) {
      error(line.location(i < args.count ? args[i].column : line.text.utf8.count + 1), message)
    }
    guard let name = args.first?.identifier else { return fail(".tensor takes a name first") }
    let nameLocation = line.location(args[0].column)
    i = 1
    guard i < args.count, let spaceName = args[i].identifier,
      let space = MemorySpace(rawValue: spaceName)
    else {
      return fail(
        "expected a memory level (\(MemorySpace.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    i += 1
    guard i < args.count, args[i].isPunctuation("[") else {
      return fail("expected '[' and the shape")
    }
    guard let close = args[i...].firstIndex(where: { $0.isPunctuation("]") }) else {
      return fail("expected ']' after the shape")
    }
    var shape: [Int] = []
    for group in OperandParser.splitOperands(Array(args[(i + 1)..<close])) {
      guard let v = evaluate(group, line: line, labels: false) else { return }
      guard case .integer(let d) = v, d >= 1, d <= Int64(BinaryFormat.maxElements) else {
        error(
          line.location(group.first?.column ?? args[i].column),
          "a dimension must be an integer from 1 to 2^40, not \(v.sourceText)")
        return
      }
      shape.append(Int(d))
    }
    guard !shape.isEmpty, shape.count <= BinaryFormat.maxRank else {
      return fail("a tensor has 1 to \(BinaryFormat.maxRank) dimensions")
    }
    guard
      shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 })
        <= BinaryFormat.maxElements
    else {
      return fail("the tensor has more than 2^40 elements")
    }
    i = close + 1
    guard i < args.count, let formatName = args[i].identifier,
      let format = TensorFormat(name: formatName)
    else {
      return fail("expected a number format (storage, acc, fp32, q8, fpins1...fpins15)")
    }
    i += 1
    var alignment = 64
    var binding: String?
    var data: [Float]?
    while i < args.count {
      if args[i].identifier == "align" {
        i += 1
        let end =
          args[i...].firstIndex(where: { $0.identifier == "bind" || $0.isPunctuation("=") })
          ?? args.count
        guard let v = evaluate(Array(args[i..<end]), line: line, labels: false) else { return }
        guard case .integer(let a) = v, a > 0, a & (a - 1) == 0,
          a <= Int64(BinaryFormat.maxAlignment)
        else {
          return fail("alignment must be a power of two up to \(BinaryFormat.maxAlignment)")
        }
        alignment = Int(a)
        i = end
      } else if args[i].identifier == "bind" {
        i += 1
        if i < args.count, case .string(let b) = args[i].kind {
          guard !b.isEmpty else { return fail("a binding name cannot be empty") }
          binding = b
          i += 1
        } else {
          binding = name
        }
      } else if args[i].isPunctuation("=") {
        i += 1
        var values: [Float] = []
        let count = shape.reduce(1, *)
        guard count <= 1 << 20 else {
          return fail("initial data is limited to 2^20 values; bind a file instead")
        }
        for group in OperandParser.splitOperands(Array(args[i...])) {
          guard let v = evaluate(group, line: line, labels: false) else { return }
          let f = Float(v.asDouble)
          if v.asDouble.isFinite && f.isInfinite {
            error(
              line.location(group.first?.column ?? 1),
              "\(v.sourceText) is out of range for a 32-bit float")
            return
          }
          values.append(f)
        }
        guard values.count == count else {
          return fail(
            "the tensor has \(count) elements but \(values.count) initial value\(values.count == 1 ? " is" : "s are") given"
          )
        }
        data = values
        i = args.count
      } else {
        return fail("unexpected '\(args[i].text)' in .tensor (expected align, bind or =)")
      }
    }
    guard checkNewName(name, nameLocation) else { return }
    guard tensors.count < BinaryFormat.maxTensors else {
      error(nameLocation, "more than \(BinaryFormat.maxTensors) tensors")
      return
    }
    tensorIndex[name] = tensors.count
    tensors.append(
      TensorDeclaration(
        name: name, space: space, format: format, shape: shape, alignment: alignment,
        binding: binding, initialData: data))
    tensorLocations.append(nameLocation)
  }

  /// Evaluates an expression; constants (and, in pass two, labels) are visible.
  func evaluate(_ tokens: [Token], line: SourceLine, labels useLabels: Bool, trail: [String]? = nil)
    -> ExpressionValue?
  {
    let end = line.text.utf8.count + 1
    guard !tokens.isEmpty else {
      error(line.location(end), "expected an expression", trail: trail)
      return nil
    }
    let result = ExpressionParser.evaluate(tokens, endColumn: end) { [self] name in
      if let c = constants[name] { return c.value }
      if useLabels, let l = labels[name] { return .integer(Int64(l.index)) }
      return nil
    }
    switch result {
    case .success(let v): return v
    case .failure(let f):
      var message = f.message
      if !useLabels, message.hasPrefix("undefined name"),
        case .identifier(let n)? = tokens.first(where: { $0.column == f.column })?.kind,
        labels[n] != nil || tensorIndex[n] != nil
      {
        message += " (only constants can be used here)"
      }
      error(line.location(f.column), message, trail: trail)
      return nil
    }
  }
}
