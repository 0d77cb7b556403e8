import FPINSISA
import Foundation

/// The instruction set reference in Markdown, generated from ``InstructionSet``: the part of
/// Docs/isa.md between its `BEGIN GENERATED` and `END GENERATED` markers.
public enum ISAReference {
  public static var markdown: String {
    var out = "## Encoding\n\n"
    out +=
      "Every instruction is one 64-bit little-endian word: the opcode in bits 0-7, the operands "
    out += "packed upward from bit 8 in the order the syntax lists them, every higher bit zero.\n\n"
    out += "| operand kind | bits | written as |\n|---|---:|---|\n"
    for k in OperandKind.allCases {
      out += "| \(k.rawValue) | \(k.bitWidth) | `\(cell(k.syntax))` |\n"
    }
    for (group, title) in InstructionSet.groups {
      out += "\n## \(title)\n\n"
      out +=
        "| opcode | syntax | unit | latency class | operand bits | meaning |\n|---:|---|---|---|---:|---|\n"
      for spec in InstructionSet.all where spec.group.rawValue == group {
        let opcode =
          "0x" + (spec.opcode < 16 ? "0" : "") + String(spec.opcode, radix: 16, uppercase: true)
        out +=
          "| \(opcode) | `\(cell(spec.syntax))` | \(spec.unit.rawValue) | \(spec.latency.rawValue) | \(spec.operandBits) | \(spec.summary) |\n"
      }
    }
    out += "\n\(InstructionSet.all.count) instructions.\n"
    return out
  }

  /// Escapes `|` so a cell cannot split a Markdown table row.
  static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

  public static let beginMarker = "<!-- BEGIN GENERATED: qinsasm --isa-reference -->"
  public static let endMarker = "<!-- END GENERATED -->"
}
