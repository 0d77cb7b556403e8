import FPINSISA

extension BinaryReader {
  /// Section CODE: 64-bit instruction words.
  static func code(_ sections: SectionTable) throws(BinaryFormatError) -> [UInt64] {
    let codeRange = sections.range(.code)
    guard codeRange.count % 8 == 0 else {
      throw BinaryFormatError("section CODE: size is not a multiple of 8")
    }
    var cursor = sections.cursor(.code)
    var code: [UInt64] = []
    code.reserveCapacity(codeRange.count / 8)
    for _ in 0..<(codeRange.count / 8) { code.append(try cursor.u64()) }
    guard code.count <= BinaryFormat.maxInstructions else {
      throw BinaryFormatError("section CODE: too many instructions")
    }
    return code
  }

  /// Every instruction decodes and refers to declared tensors and to code that exists.
  static func checkInstructions(_ code: [UInt64], tensorCount: Int) throws(BinaryFormatError) {
    for (i, word) in code.enumerated() {
      let instruction: Instruction
      do {
        instruction = try Instruction(word: word)
      } catch {
        throw BinaryFormatError("instruction \(i): \(error)")
      }
      for value in instruction.operands {
        switch value {
        case .tensor(let t), .memory(let t, _):
          guard Int(t) < tensorCount else {
            throw BinaryFormatError(
              "instruction \(i) (\(instruction.spec.mnemonic)): tensor \(t) is not declared")
          }
        case .target(let t):
          guard Int(t) < code.count else {
            throw BinaryFormatError(
              "instruction \(i) (\(instruction.spec.mnemonic)): target \(t) is beyond the code")
          }
        default: break
        }
      }
    }
  }
}
