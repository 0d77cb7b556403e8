import FPINSISA
import QBinary

/// Reading operands from tokens.
enum OperandParser {
  /// Splits tokens at commas outside brackets and parentheses.
  static func splitOperands(_ tokens: [Token]) -> [[Token]] {
    guard !tokens.isEmpty else { return [] }
    var groups: [[Token]] = [[]]
    var depth = 0
    for t in tokens {
      if case .punctuation(let p) = t.kind {
        if p == "(" || p == "[" { depth += 1 }
        if p == ")" || p == "]" { depth = max(0, depth - 1) }
        if p == "," && depth == 0 {
          groups.append([])
          continue
        }
      }
      groups[groups.count - 1].append(t)
    }
    return groups
  }

  /// `x0`...`x31`, or `zero` for `x0`.
  static func register(named name: String) -> UInt8? { ReservedNames.registerNumber(name) }
}
