import Foundation

/// Parses and evaluates a constant expression over tokens.
///
/// Integers stay integers (`/` truncates, overflow is an error); any float operand makes the
/// result a float. Operators, loosest first: `|`, `^`, `&`, `<< >>`, `+ -`, `* / %`, unary
/// `- + ~`. Functions: `sqrt`, `log2`, `floor`, `ceil`, `abs`, `min`, `max`, `cdiv` (ceiling
/// division of integers), `f32bits` and `f64bits` (a float from its bit pattern). Names
/// `inf` and `nan` are floats.
///
/// Nesting (parentheses, function arguments, unary operators) is limited to
/// ``maximumDepth`` levels, so that a hostile expression is an error rather than a stack
/// overflow.
struct ExpressionParser {
  /// The deepest nesting of parentheses, arguments and unary operators accepted.
  static let maximumDepth = 200

  struct Failure: Error {
    var column: Int
    var message: String
  }

  let tokens: [Token]
  var index = 0
  /// How deeply the expression is nested at the current token.
  var depth = 0
  /// Looks up a name; nil if it is undefined.
  let lookup: (String) -> ExpressionValue?
  /// The column to blame when the expression ends early.
  let endColumn: Int

  init(tokens: [Token], endColumn: Int, lookup: @escaping (String) -> ExpressionValue?) {
    self.tokens = tokens
    self.endColumn = endColumn
    self.lookup = lookup
  }

  /// Evaluates all of `tokens` as one expression.
  static func evaluate(
    _ tokens: [Token], endColumn: Int, lookup: @escaping (String) -> ExpressionValue?
  ) -> Result<ExpressionValue, Failure> {
    var p = ExpressionParser(tokens: tokens, endColumn: endColumn, lookup: lookup)
    do {
      let v = try p.binary(0)
      if p.index < tokens.count {
        throw Failure(
          column: tokens[p.index].column,
          message: "unexpected '\(tokens[p.index].text)' in expression")
      }
      return .success(v)
    } catch let f as Failure {
      return .failure(f)
    } catch {
      return .failure(Failure(column: endColumn, message: "\(error)"))
    }
  }

  private static let levels: [[String]] = [
    ["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
  ]

  private var current: Token? { index < tokens.count ? tokens[index] : nil }

  /// Runs `body` one nesting level deeper, failing beyond ``maximumDepth``.
  private mutating func nested(
    at column: Int, _ body: (inout ExpressionParser) throws -> ExpressionValue
  ) throws -> ExpressionValue {
    guard depth < Self.maximumDepth else {
      throw Failure(
        column: column,
        message: "expression nested more than \(Self.maximumDepth) levels deep")
    }
    depth += 1
    defer { depth -= 1 }
    return try body(&self)
  }
  private var column: Int { current?.column ?? endColumn }

  private mutating func binary(_ level: Int) throws -> ExpressionValue {
    if level == Self.levels.count { return try unary() }
    var left = try binary(level + 1)
    while let t = current, case .punctuation(let op) = t.kind, Self.levels[level].contains(op) {
      index += 1
      let right = try binary(level + 1)
      left = try apply(op, left, right, column: t.column)
    }
    return left
  }

  private mutating func unary() throws -> ExpressionValue {
    guard let t = current else { throw Failure(column: column, message: "expected an expression") }
    if case .punctuation(let op) = t.kind, op == "-" || op == "+" || op == "~" {
      index += 1
      let v = try nested(at: t.column) { try $0.unary() }
      switch (op, v) {
      case ("+", _): return v
      case ("-", .integer(let i)):
        guard i != .min else { throw Failure(column: t.column, message: "integer overflow") }
        return .integer(-i)
      case ("-", .float(let f)): return .float(-f)
      case ("~", .integer(let i)): return .integer(~i)
      default: throw Failure(column: t.column, message: "'~' needs an integer")
      }
    }
    return try primary()
  }

  private mutating func primary() throws -> ExpressionValue {
    guard let t = current else { throw Failure(column: column, message: "expected an expression") }
    index += 1
    switch t.kind {
    case .integer(let v): return .integer(v)
    case .float(let v): return .float(v)
    case .punctuation("("):
      let v = try nested(at: t.column) { try $0.binary(0) }
      guard current?.isPunctuation(")") == true else {
        throw Failure(column: column, message: "expected ')'")
      }
      index += 1
      return v
    case .identifier(let name):
      if current?.isPunctuation("(") == true {
        index += 1
        var args: [ExpressionValue] = []
        if current?.isPunctuation(")") != true {
          while true {
            args.append(try nested(at: t.column) { try $0.binary(0) })
            if current?.isPunctuation(",") == true {
              index += 1
              continue
            }
            break
          }
        }
        guard current?.isPunctuation(")") == true else {
          throw Failure(column: column, message: "expected ')' after the arguments of \(name)")
        }
        index += 1
        return try call(name, args, column: t.column)
      }
      if name == "inf" { return .float(.infinity) }
      if name == "nan" { return .float(.nan) }
      guard let v = lookup(name) else {
        throw Failure(column: t.column, message: "undefined name '\(name)'")
      }
      return v
    default:
      throw Failure(column: t.column, message: "unexpected '\(t.text)' in expression")
    }
  }

  private func call(_ name: String, _ args: [ExpressionValue], column: Int) throws
    -> ExpressionValue
  {
    func arity(_ n: Int) throws {
      guard args.count == n else {
        throw Failure(
          column: column,
          message: "\(name) takes \(n) argument\(n == 1 ? "" : "s"), not \(args.count)")
      }
    }
    func integer(_ v: ExpressionValue) throws -> Int64 {
      guard case .integer(let i) = v else {
        throw Failure(column: column, message: "\(name) needs integer arguments")
      }
      return i
    }
    switch name {
    case "sqrt":
      try arity(1)
      return .float(args[0].asDouble.squareRoot())
    case "log2":
      try arity(1)
      return .float(Foundation.log2(args[0].asDouble))
    case "floor", "ceil":
      try arity(1)
      if case .integer = args[0] { return args[0] }
      let r = name == "floor" ? args[0].asDouble.rounded(.down) : args[0].asDouble.rounded(.up)
      guard let i = Int64(exactly: r) else {
        throw Failure(column: column, message: "\(name): result out of integer range")
      }
      return .integer(i)
    case "abs":
      try arity(1)
      switch args[0] {
      case .integer(let i):
        guard i != .min else { throw Failure(column: column, message: "integer overflow") }
        return .integer(Swift.abs(i))
      case .float(let f): return .float(Swift.abs(f))
      }
    case "min", "max":
      try arity(2)
      if case .integer(let a) = args[0], case .integer(let b) = args[1] {
        return .integer(name == "min" ? Swift.min(a, b) : Swift.max(a, b))
      }
      let a = args[0].asDouble
      let b = args[1].asDouble
      return .float(name == "min" ? Swift.min(a, b) : Swift.max(a, b))
    case "cdiv":
      try arity(2)
      let a = try integer(args[0])
      let b = try integer(args[1])
      guard b > 0, a >= 0 else {
        throw Failure(column: column, message: "cdiv needs a >= 0 and b > 0")
      }
      return .integer(a / b + (a % b == 0 ? 0 : 1))
    case "f32bits":
      try arity(1)
      let bits = try integer(args[0])
      guard bits >= 0, bits <= Int64(UInt32.max) else {
        throw Failure(column: column, message: "f32bits needs a 32-bit pattern")
      }
      return .float(Double(Float(bitPattern: UInt32(bits))))
    case "f64bits":
      try arity(1)
      return .float(Double(bitPattern: UInt64(bitPattern: try integer(args[0]))))
    default:
      throw Failure(column: column, message: "unknown function '\(name)'")
    }
  }

  private func apply(_ op: String, _ a: ExpressionValue, _ b: ExpressionValue, column: Int) throws
    -> ExpressionValue
  {
    if case .integer(let x) = a, case .integer(let y) = b {
      let r: (Int64, Bool)
      switch op {
      case "+": r = x.addingReportingOverflow(y)
      case "-": r = x.subtractingReportingOverflow(y)
      case "*": r = x.multipliedReportingOverflow(by: y)
      case "/", "%":
        guard y != 0 else { throw Failure(column: column, message: "division by zero") }
        r =
          op == "/"
          ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
      case "&": r = (x & y, false)
      case "|": r = (x | y, false)
      case "^": r = (x ^ y, false)
      case "<<", ">>":
        guard y >= 0 && y < 64 else {
          throw Failure(column: column, message: "shift by \(y) is out of range 0...63")
        }
        r = op == "<<" ? (x << y, (x << y) >> y != x) : (x >> y, false)
      default: throw Failure(column: column, message: "unknown operator \(op)")
      }
      guard !r.1 else { throw Failure(column: column, message: "integer overflow in '\(op)'") }
      return .integer(r.0)
    }
    let x = a.asDouble
    let y = b.asDouble
    switch op {
    case "+": return .float(x + y)
    case "-": return .float(x - y)
    case "*": return .float(x * y)
    case "/": return .float(x / y)
    default: throw Failure(column: column, message: "'\(op)' needs integers")
    }
  }
}
