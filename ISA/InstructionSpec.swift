/// One operand of an instruction: its name in the reference and its kind.
public struct OperandSpec: Hashable, Sendable {
  public let name: String
  public let kind: OperandKind
}

/// One instruction of the FPINS ISA: everything the assembler, disassembler, simulator
/// decoder and reference documentation need to know about it.
public struct InstructionSpec: Hashable, Sendable {
  /// The opcode, bits 0...7 of the instruction word.
  public let opcode: UInt8
  /// What it does (its mnemonic is the raw value).
  public let operation: InstructionOperation
  /// The assembly mnemonic, lower case.
  public var mnemonic: String { operation.rawValue }
  /// Operands in assembly order, which is also encoding order.
  public let operands: [OperandSpec]
  /// The unit that executes it.
  public let unit: FunctionalUnit
  /// How its time is computed.
  public let latency: LatencyClass
  /// One line of meaning.
  public let summary: String
  /// The section of the reference it belongs to.
  public let group: InstructionGroup

  /// `operands` is written `name:kind name:kind ...`, for example `xd:register xa:register`.
  init(
    _ opcode: UInt8, _ operation: InstructionOperation, _ operands: String, _ unit: FunctionalUnit,
    _ latency: LatencyClass, _ summary: String, group: InstructionGroup
  ) {
    self.opcode = opcode
    self.operation = operation
    self.operands = operands.split(separator: " ").map { field in
      let parts = field.split(separator: ":")
      guard parts.count == 2, let kind = OperandKind(rawValue: String(parts[1])) else {
        preconditionFailure("bad operand '\(field)' in the definition of \(operation.rawValue)")
      }
      return OperandSpec(name: String(parts[0]), kind: kind)
    }
    self.unit = unit
    self.latency = latency
    self.summary = summary
    self.group = group
  }

  /// Bits the operands use above the opcode byte.
  public var operandBits: Int { operands.reduce(0) { $0 + $1.kind.bitWidth } }

  /// The assembly form, for example `add xd, xa, xb`.
  public var syntax: String {
    operands.isEmpty
      ? mnemonic
      : mnemonic + " "
        + operands.map { op in
          op.kind == .memory ? "\(op.name)[xN]" : op.name
        }.joined(separator: ", ")
  }
}
