/// The value of one operand of a decoded instruction.
public enum OperandValue: Hashable, Sendable {
  case register(UInt8)
  case tensor(UInt16)
  case memory(tensor: UInt16, offset: UInt8)
  case immediate(Int32)
  /// The bit pattern of an IEEE 754 binary32 value (kept as bits so that every NaN payload
  /// round-trips).
  case float(UInt32)
  case target(UInt32)
  case tag(UInt8)
  /// An enumerated operand (dataflow, accumulate, units, scaling): its index in the kind's
  /// keywords.
  case keyword(UInt8)
}

/// A decoded instruction: its definition and its operand values.
public struct Instruction: Hashable, Sendable {
  public let spec: InstructionSpec
  public let operands: [OperandValue]

  public init(_ spec: InstructionSpec, _ operands: [OperandValue]) {
    precondition(operands.count == spec.operands.count, "\(spec.mnemonic): operand count")
    self.spec = spec
    self.operands = operands
  }

  /// Why a 64-bit word is not a valid instruction.
  public enum DecodingError: Error, Equatable, CustomStringConvertible {
    case unknownOpcode(UInt8)
    case reservedBitsSet(mnemonic: String)
    case fieldOutOfRange(mnemonic: String, operand: String, value: UInt64)

    public var description: String {
      switch self {
      case .unknownOpcode(let op):
        "unknown opcode 0x\(String(op, radix: 16, uppercase: true))"
      case .reservedBitsSet(let m): "\(m): reserved bits are set"
      case .fieldOutOfRange(let m, let operand, let value):
        "\(m): operand \(operand) has the invalid value \(value)"
      }
    }
  }

  /// The 64-bit instruction word.
  public var word: UInt64 {
    var word = UInt64(spec.opcode)
    var shift: UInt64 = 8
    for (op, value) in zip(spec.operands, operands) {
      let field: UInt64
      switch value {
      case .register(let r): field = UInt64(r)
      case .tensor(let t): field = UInt64(t)
      case .memory(let t, let r): field = UInt64(t) | UInt64(r) << 10
      case .immediate(let v): field = UInt64(UInt32(bitPattern: v))
      case .float(let bits): field = UInt64(bits)
      case .target(let t): field = UInt64(t)
      case .tag(let t): field = UInt64(t)
      case .keyword(let k): field = UInt64(k)
      }
      let width = UInt64(op.kind.bitWidth)
      precondition(field < (1 << width), "\(spec.mnemonic): operand \(op.name) does not fit")
      word |= field << shift
      shift += width
    }
    return word
  }

  /// Decodes a word, rejecting unknown opcodes, out-of-range fields and set reserved bits,
  /// so that every accepted word has exactly one encoding.
  public init(word: UInt64) throws(DecodingError) {
    let opcode = UInt8(truncatingIfNeeded: word)
    guard let spec = InstructionSet.byOpcode[Int(opcode)] else { throw .unknownOpcode(opcode) }
    var shift: UInt64 = 8
    var values: [OperandValue] = []
    for op in spec.operands {
      let width = UInt64(op.kind.bitWidth)
      let field = (word >> shift) & ((1 << width) - 1)
      shift += width
      switch op.kind {
      case .register: values.append(.register(UInt8(field)))
      case .tensor: values.append(.tensor(UInt16(field)))
      case .memory:
        values.append(.memory(tensor: UInt16(field & 0x3FF), offset: UInt8(field >> 10)))
      case .immediate: values.append(.immediate(Int32(bitPattern: UInt32(field))))
      case .float: values.append(.float(UInt32(field)))
      case .target: values.append(.target(UInt32(field)))
      case .tag: values.append(.tag(UInt8(field)))
      case .dataflow, .accumulate, .units, .scaling:
        guard field < op.kind.keywords.count else {
          throw .fieldOutOfRange(mnemonic: spec.mnemonic, operand: op.name, value: field)
        }
        values.append(.keyword(UInt8(field)))
      }
    }
    if shift < 64 && word >> shift != 0 { throw .reservedBitsSet(mnemonic: spec.mnemonic) }
    self.init(spec, values)
  }
}
