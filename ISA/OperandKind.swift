/// The kinds of operand an FPINS instruction takes, with their encoded widths.
///
/// Operand fields are packed into the 64-bit instruction word from bit 8 upward, in the
/// order the instruction lists them; the opcode is bits 0...7; every bit above the last
/// field is reserved and must be zero.
public enum OperandKind: String, CaseIterable, Sendable {
  /// A scalar register `x0`...`x31` (`x0` reads as zero, writes are discarded). 5 bits.
  case register
  /// A declared tensor, by its index in the binary's tensor table. 10 bits.
  case tensor
  /// A tensor plus an element offset held in a scalar register: `T[x3]`, or `T` for offset
  /// 0. 15 bits (tensor, then register).
  case memory
  /// A signed 32-bit integer.
  case immediate
  /// An IEEE 754 binary32 value.
  case float
  /// An instruction index, written as a label or `@N`. 24 bits.
  case target
  /// A DMA completion tag, 0...15. 4 bits.
  case tag
  /// The systolic array's dataflow: `ws`, `os` or `is`. 2 bits.
  case dataflow
  /// How a result meets its destination: `set` or `acc` (accumulate). 1 bit.
  case accumulate
  /// Which units `wait` waits for: `all`, `dma`, `alu`, `sfu` or `array`. 3 bits.
  case units
  /// How `v.cvt` sets the destination's scale: `keep` its exponent, or `fit` it to the data.
  /// 1 bit.
  case scaling

  /// Bits the operand occupies in the instruction word.
  public var bitWidth: Int {
    switch self {
    case .register: 5
    case .tensor: 10
    case .memory: 15
    case .immediate, .float: 32
    case .target: 24
    case .tag: 4
    case .dataflow: 2
    case .accumulate, .scaling: 1
    case .units: 3
    }
  }

  /// How the operand is written in assembly, for references and messages.
  public var syntax: String {
    switch self {
    case .register: "xN"
    case .tensor: "TENSOR"
    case .memory: "TENSOR[xN]"
    case .immediate: "imm32"
    case .float: "float"
    case .target: "label"
    case .tag: "tag 0..15"
    case .dataflow: "ws|os|is"
    case .accumulate: "set|acc"
    case .units: "all|dma|alu|sfu|array"
    case .scaling: "keep|fit"
    }
  }

  /// The keywords of an enumerated operand, in encoding order (empty for other kinds).
  public var keywords: [String] {
    switch self {
    case .dataflow: Dataflow.allCases.map(\.rawValue)
    case .accumulate: ["set", "acc"]
    case .units: ["all", "dma", "alu", "sfu", "array"]
    case .scaling: ["keep", "fit"]
    default: []
    }
  }
}

/// The systolic array's dataflows, in encoding order.
public enum Dataflow: String, CaseIterable, Sendable, Codable {
  /// Weight-stationary: B stays in the PEs, A streams through.
  case ws
  /// Output-stationary: C accumulates in place, A and B stream.
  case os
  /// Input-stationary: A stays, B streams.
  case `is`
}
