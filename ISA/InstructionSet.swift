/// The FPINS instruction set: the one definition every tool derives from.
///
/// Each line is one instruction: opcode, mnemonic, operands (`name:kind`), unit, latency
/// class and meaning. Instructions are 64 bits: the opcode in bits 0...7, the operands packed
/// upward from bit 8 in the order listed, every bit above them zero. Docs/isa.md is generated
/// from this table (`qinsasm --isa-reference`) and a test keeps the two identical.
///
/// Memory operands name a declared tensor and an element offset in a scalar register. A
/// tensor's declaration gives its memory level, shape and number format, so one binary runs
/// on machines that store values in QINS8 (2 bytes), FPINS(L) or FP32 (4 bytes): the machine
/// lays the tensors out in bytes and counts capacity and traffic in bytes. Element-wise,
/// DMA and SFU operations work on 2-D tiles of `rows x cols` elements set by the unit's
/// `shape` instruction; the row stride of each operand is its tensor's last dimension.
public enum InstructionSet {
  public static let all: [InstructionSpec] = control + dma + alu + array + sfu

  static let control: [InstructionSpec] = [
    .init(0x00, .nop, "", .control, .scalar, "Does nothing for one issue slot.", group: .control),
    .init(
      0x01, .halt, "", .control, .sync, "Waits for all outstanding work, then stops the machine.",
      group: .control),
    .init(
      0x02, .li, "xd:register value:immediate", .control, .scalar,
      "xd = value, sign-extended to 64 bits.", group: .control),
    .init(
      0x03, .lui, "xd:register value:immediate", .control, .scalar,
      "xd = (value << 32) | (xd & 0xFFFFFFFF): builds 64-bit constants.", group: .control),
    .init(0x04, .mov, "xd:register xa:register", .control, .scalar, "xd = xa.", group: .control),
    .init(
      0x05, .add, "xd:register xa:register xb:register", .control, .scalar,
      "xd = xa + xb (wrapping).", group: .control),
    .init(
      0x06, .sub, "xd:register xa:register xb:register", .control, .scalar,
      "xd = xa - xb (wrapping).", group: .control),
    .init(
      0x07, .mul, "xd:register xa:register xb:register", .control, .scalar,
      "xd = xa * xb (wrapping).", group: .control),
    .init(
      0x08, .and, "xd:register xa:register xb:register", .control, .scalar, "xd = xa & xb.",
      group: .control),
    .init(
      0x09, .or, "xd:register xa:register xb:register", .control, .scalar, "xd = xa | xb.",
      group: .control),
    .init(
      0x0A, .xor, "xd:register xa:register xb:register", .control, .scalar, "xd = xa ^ xb.",
      group: .control),
    .init(
      0x0B, .shl, "xd:register xa:register xb:register", .control, .scalar,
      "xd = xa << (xb & 63).", group: .control),
    .init(
      0x0C, .shr, "xd:register xa:register xb:register", .control, .scalar,
      "xd = xa >> (xb & 63), arithmetic.", group: .control),
    .init(
      0x0D, .slt, "xd:register xa:register xb:register", .control, .scalar,
      "xd = 1 if xa < xb (signed), else 0.", group: .control),
    .init(
      0x0E, .addi, "xd:register xa:register value:immediate", .control, .scalar,
      "xd = xa + value.", group: .control),
    .init(
      0x0F, .muli, "xd:register xa:register value:immediate", .control, .scalar,
      "xd = xa * value.", group: .control),
    .init(
      0x10, .beq, "xa:register xb:register target:target", .control, .branch,
      "Jumps to target if xa == xb.", group: .control),
    .init(
      0x11, .bne, "xa:register xb:register target:target", .control, .branch,
      "Jumps to target if xa != xb.", group: .control),
    .init(
      0x12, .blt, "xa:register xb:register target:target", .control, .branch,
      "Jumps to target if xa < xb (signed).", group: .control),
    .init(
      0x13, .bge, "xa:register xb:register target:target", .control, .branch,
      "Jumps to target if xa >= xb (signed).", group: .control),
    .init(0x14, .jmp, "target:target", .control, .branch, "Jumps to target.", group: .control),
    .init(
      0x15, .wait, "units:units", .control, .sync,
      "Stalls issue until the selected units have finished all outstanding work.", group: .control),
    .init(
      0x16, .tScale, "t:tensor exponent:immediate", .control, .config,
      "Sets tensor t's power-of-two scale exponent e (value = stored * 2^e).", group: .control),
  ]

  static let dma: [InstructionSpec] = [
    .init(
      0x20, .dmaShape, "rows:register cols:register", .dma, .config,
      "Sets the DMA tile to rows x cols elements.", group: .dma),
    .init(
      0x21, .dmaCopy, "dst:memory src:memory tag:tag", .dma, .dma,
      "Copies a tile from src to dst asynchronously; both tensors must have the same format. Completion is signalled on tag.",
      group: .dma),
    .init(
      0x22, .dmaWait, "tag:tag", .control, .sync,
      "Stalls issue until every DMA issued with tag has completed.", group: .dma),
  ]

  static let alu: [InstructionSpec] = [
    .init(
      0x30, .vShape, "rows:register cols:register", .alu, .config,
      "Sets the LUT ALU tile to rows x cols elements.", group: .alu),
    .init(
      0x31, .vAdd, "dst:memory a:memory b:memory", .alu, .lut,
      "dst = a + b element-wise (QINS: harmonic addition through ADD/SUB tables; FP32 on FP32 tensors).",
      group: .alu),
    .init(
      0x32, .vSub, "dst:memory a:memory b:memory", .alu, .lut, "dst = a - b element-wise.",
      group: .alu),
    .init(
      0x33, .vMul, "dst:memory a:memory b:memory", .alu, .lut,
      "dst = a * b element-wise (MUL table).", group: .alu),
    .init(
      0x34, .vMax, "dst:memory a:memory b:memory", .alu, .lut,
      "dst = max(a, b) element-wise (a comparator on sign and code).", group: .alu),
    .init(
      0x35, .vMin, "dst:memory a:memory b:memory", .alu, .lut, "dst = min(a, b) element-wise.",
      group: .alu),
    .init(
      0x36, .vRcp, "dst:memory a:memory", .alu, .lut,
      "dst = 1 / a element-wise (RCP table; the exponent becomes -8 - e).", group: .alu),
    .init(
      0x37, .vNeg, "dst:memory a:memory", .alu, .lut,
      "dst = -a element-wise (flips the sign byte).", group: .alu),
    .init(
      0x38, .vCvt, "dst:memory a:memory scaling:scaling", .alu, .convert,
      "Converts a's format to dst's (FP32, QINS8, FPINS(L), depth changes); fit sets dst's exponent from the data.",
      group: .alu),
    .init(
      0x39, .vFill, "dst:memory value:float", .alu, .lut,
      "Fills the tile with value, encoded in dst's format.", group: .alu),
  ]

  static let array: [InstructionSpec] = [
    .init(
      0x40, .saConfig, "dataflow:dataflow", .array, .config, "Selects the array's dataflow.",
      group: .array),
    .init(
      0x41, .saShape, "m:register k:register n:register", .array, .config,
      "Sets the GEMM tile: A is m x k, B is k x n, C is m x n.", group: .array),
    .init(
      0x42, .saLoad, "b:memory", .array, .arrayLoad, "Loads the k x n operand B into the array.",
      group: .array),
    .init(
      0x43, .saLoadT, "b:memory", .array, .arrayLoad,
      "Loads B from an n x k tile, transposed (for A * B^T, as in Q * K^T).", group: .array),
    .init(
      0x44, .saMatmul, "c:memory a:memory mode:accumulate", .array, .arrayCompute,
      "C = A * B (set) or C += A * B (acc), accumulating in C's format.", group: .array),
  ]

  static let sfu: [InstructionSpec] = [
    .init(
      0x50, .sfuShape, "rows:register cols:register", .sfu, .config,
      "Sets the SFU tile to rows x cols elements.", group: .sfu),
    .init(
      0x51, .sfuEps, "value:float", .sfu, .config, "Sets epsilon for layer norm and RMS norm.",
      group: .sfu),
    .init(
      0x52, .sfuScalar, "value:float", .sfu, .config,
      "Sets the scalar that sfu.muls multiplies by.", group: .sfu),
    .init(
      0x53, .sfuRopebase, "value:float", .sfu, .config, "Sets RoPE's base (10000 in Phi-3).",
      group: .sfu),
    .init(
      0x54, .sfuSoftmax, "dst:memory src:memory", .sfu, .sfuReduction,
      "Row-wise softmax over cols, in FP32.", group: .sfu),
    .init(
      0x55, .sfuSoftmaxCausal, "dst:memory src:memory q0:register", .sfu, .sfuReduction,
      "Row-wise softmax where row r sees only columns <= q0 + r.", group: .sfu),
    .init(
      0x56, .sfuLayernorm, "dst:memory src:memory gamma:tensor beta:tensor", .sfu, .sfuReduction,
      "Row-wise layer norm (mean, variance, eps) times gamma plus beta.", group: .sfu),
    .init(
      0x57, .sfuRmsnorm, "dst:memory src:memory gamma:tensor", .sfu, .sfuReduction,
      "Row-wise RMS norm (eps) times gamma.", group: .sfu),
    .init(
      0x58, .sfuSilu, "dst:memory src:memory", .sfu, .sfuTranscendental, "dst = x * sigmoid(x).",
      group: .sfu),
    .init(
      0x59, .sfuGelu, "dst:memory src:memory", .sfu, .sfuTranscendental,
      "dst = x * (1 + erf(x / sqrt 2)) / 2 (the exact GELU).", group: .sfu),
    .init(
      0x5A, .sfuExp, "dst:memory src:memory", .sfu, .sfuTranscendental, "dst = exp(x).",
      group: .sfu),
    .init(
      0x5B, .sfuRsqrt, "dst:memory src:memory", .sfu, .sfuTranscendental, "dst = 1 / sqrt(x).",
      group: .sfu),
    .init(
      0x5C, .sfuRope, "dst:memory src:memory pos0:register", .sfu, .sfuTranscendental,
      "Rotary embedding over cols (rotate-half pairs); row r has position pos0 + r.", group: .sfu),
    .init(
      0x5D, .sfuAdd, "dst:memory a:memory b:memory", .sfu, .sfuElementwise,
      "dst = a + b in FP32 (residuals).", group: .sfu),
    .init(
      0x5E, .sfuMul, "dst:memory a:memory b:memory", .sfu, .sfuElementwise,
      "dst = a * b in FP32 (gates).", group: .sfu),
    .init(
      0x5F, .sfuMuls, "dst:memory src:memory", .sfu, .sfuElementwise,
      "dst = src * the SFU scalar, in FP32.", group: .sfu),
    .init(
      0x60, .sfuBias, "dst:memory src:memory bias:memory", .sfu, .sfuElementwise,
      "dst = src + bias, the 1 x cols bias added to every row.", group: .sfu),
  ]

  /// Instructions by mnemonic.
  public static let byMnemonic: [String: InstructionSpec] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.mnemonic, $0) })

  /// Instructions by opcode; nil for an unassigned opcode.
  public static let byOpcode: [InstructionSpec?] = {
    var table = [InstructionSpec?](repeating: nil, count: 256)
    for spec in all { table[Int(spec.opcode)] = spec }
    return table
  }()

  /// The reference sections, in order, with their titles.
  public static var groups: [(name: String, title: String)] {
    InstructionGroup.allCases.map { ($0.rawValue, $0.title) }
  }
}
