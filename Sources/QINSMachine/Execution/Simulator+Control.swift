import FPINSISA

extension Simulator {
  /// Executes one instruction at `pc`: its values now, its timing from `cycle`. Returns true
  /// at `halt`.
  mutating func execute(_ i: Instruction) throws(Fault) -> Bool {
    let ops = i.operands
    let m = i.spec.operation
    switch i.spec.unit {
    case .control where i.spec.group == .control && ![.wait, .halt, .tScale].contains(m):
      try scalar(m, ops)
      return false
    case .control:
      return try synchronise(m, ops)
    case .dma:
      if m == .dmaShape {
        try configure(ops) { $0.dmaShape = ($1, $2) }
      } else {
        try dmaCopy(ops)
      }
    case .alu:
      if m == .vShape {
        try configure(ops) { $0.aluShape = ($1, $2) }
      } else {
        try aluOperation(m, ops)
      }
    case .sfu:
      try sfuOperation(m, ops)
    case .array:
      try arrayOperation(m, ops)
    }
    pc += 1
    return false
  }

  /// A shape instruction: two registers read at issue, one issue cycle.
  mutating func configure(_ ops: [OperandValue], _ set: (inout Simulator, Int, Int) -> Void)
    throws(Fault)
  {
    waitForRegisters(ops)
    let a = reg(ops[0])
    let b = reg(ops[1])
    guard a >= 1, b >= 1, a <= 1 << 31, b <= 1 << 31 else {
      throw fault(
        .invalidInstruction, "a tile shape's rows and columns must be 1...2^31, got \(a) x \(b)")
    }
    set(&self, Int(a), Int(b))
    chargeScalar()
    cycle += 1
  }

  /// Scalar arithmetic and branches, in the control core. Their values and their cost (one
  /// issue cycle, the register's latency, a taken branch's penalty) are one step: the cost
  /// does not depend on anything a value step would compute, bar the branch taken.
  mutating func scalar(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault) {
    waitForRegisters(ops)
    chargeScalar()
    let ready = cycle + machine.control.scalarLatencyCycles
    func dst() -> UInt8 {
      if case .register(let r) = ops[0] { return r }
      return 0
    }
    func imm(_ k: Int) -> Int64 {
      if case .immediate(let v) = ops[k] { return Int64(v) }
      return 0
    }
    func target(_ k: Int) -> Int {
      if case .target(let t) = ops[k] { return Int(t) }
      return 0
    }
    var next = pc + 1
    switch m {
    case .nop: break
    case .li: setRegister(dst(), imm(1), ready: ready)
    case .lui: setRegister(dst(), (imm(1) << 32) | (reg(ops[0]) & 0xFFFF_FFFF), ready: ready)
    case .mov: setRegister(dst(), reg(ops[1]), ready: ready)
    case .add: setRegister(dst(), reg(ops[1]) &+ reg(ops[2]), ready: ready)
    case .sub: setRegister(dst(), reg(ops[1]) &- reg(ops[2]), ready: ready)
    case .mul: setRegister(dst(), reg(ops[1]) &* reg(ops[2]), ready: ready)
    case .and: setRegister(dst(), reg(ops[1]) & reg(ops[2]), ready: ready)
    case .or: setRegister(dst(), reg(ops[1]) | reg(ops[2]), ready: ready)
    case .xor: setRegister(dst(), reg(ops[1]) ^ reg(ops[2]), ready: ready)
    case .shl: setRegister(dst(), reg(ops[1]) << (reg(ops[2]) & 63), ready: ready)
    case .shr: setRegister(dst(), reg(ops[1]) >> (reg(ops[2]) & 63), ready: ready)
    case .slt: setRegister(dst(), reg(ops[1]) < reg(ops[2]) ? 1 : 0, ready: ready)
    case .addi: setRegister(dst(), reg(ops[1]) &+ imm(2), ready: ready)
    case .muli: setRegister(dst(), reg(ops[1]) &* imm(2), ready: ready)
    case .beq: if reg(ops[0]) == reg(ops[1]) { next = target(2) }
    case .bne: if reg(ops[0]) != reg(ops[1]) { next = target(2) }
    case .blt: if reg(ops[0]) < reg(ops[1]) { next = target(2) }
    case .bge: if reg(ops[0]) >= reg(ops[1]) { next = target(2) }
    case .jmp: next = target(0)
    default: throw fault(.invalidInstruction, "\(m) is not executable in the control core")
    }
    cycle += 1
    if isTakenBranch(m, next) {
      stall(.branch, machine.control.takenBranchPenaltyCycles)
      cycle += machine.control.takenBranchPenaltyCycles
    }
    pc = next
  }

  /// Whether a control-flow instruction went somewhere other than the next instruction.
  func isTakenBranch(_ m: InstructionOperation, _ next: Int) -> Bool {
    [.beq, .bne, .blt, .bge, .jmp].contains(m) && next != pc + 1
  }

  /// `wait`, `dma.wait`, `halt`, `t.scale`.
  mutating func synchronise(_ m: InstructionOperation, _ ops: [OperandValue]) throws(Fault) -> Bool
  {
    switch m {
    case .dmaWait:
      guard case .tag(let tag) = ops[0] else { return false }
      let t = max(cycle, tagDone[Int(tag)])
      stall(.dmaWait, t - cycle)
      lastIssueCycle = t
      cycle = t + 1
    case .wait, .halt:
      var t = cycle
      let selected: [FunctionalUnit]
      if m == .halt {
        selected = FunctionalUnit.asynchronous
      } else if case .keyword(let k) = ops[0], let units = FunctionalUnit.waited(keyword: Int(k)) {
        selected = units
      } else {
        selected = []
      }
      for u in selected { t = max(t, units[u]!.done) }
      stall(.sync, t - cycle)
      lastIssueCycle = t
      cycle = t + 1
      if m == .halt { return true }
    case .tScale:
      guard case .tensor(let t) = ops[0], case .immediate(let e) = ops[1] else { return false }
      let when = max(cycle, scoreboard.free(ElementSpan(wholeTensor: Int(t))))
      stall(.dataDependency, when - cycle)
      cycle = when + 1
      program.values[Int(t)].exponent = Int(e)
      if program.values[Int(t)].hasElementScales {
        program.values[Int(t)].fixedScale = Float(sign: .plus, exponent: Int(e), significand: 1)
        program.values[Int(t)].fixedChoice = ScaleChoiceID.next()
      }
      program.values[Int(t)].exponentSet = true
      chargeScalar()
    default:
      throw fault(.invalidInstruction, "\(m) is not executable in the control core")
    }
    pc += 1
    return false
  }
}
