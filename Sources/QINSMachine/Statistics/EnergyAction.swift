/// What the energy ledger counts: one kind of action, each with its energy from the machine's
/// costs. The raw value is the action's name in `--stats` (`energy.actions[].action`).
enum EnergyAction: String {
  /// One byte read from or written to a memory level.
  case readByte = "read_byte"
  case writeByte = "write_byte"
  /// One PE multiply-accumulate in the systolic array.
  case multiplyAccumulate = "multiply_accumulate"
  /// Scaling an array output by its operands' scales: two FP32 multiplies, or one exponent
  /// add (power-of-two scales).
  case dequantizeFP32Multiply = "dequantize_fp32_mul"
  case dequantizeExponentAdd = "dequantize_exponent_add"
  /// Scaling every product (scales that vary along K): FP32 multiplies or exponent adds.
  case scaleProductsFP32Multiply = "scale_products_fp32_mul"
  case scaleProductsExponentAdd = "scale_products_exponent_add"
  /// One candidate scale tried by an activation-scale search.
  case scaleSearch = "scale_search"
  /// One element converted between formats.
  case convert
  /// One comparison, negation or fill (no table).
  case compare
  /// One look-up in an ALU operation table.
  case tableLookup = "table_lookup"
  /// One FP32 multiply or add in the ALU.
  case fp32Multiply = "fp32_mul"
  case fp32Add = "fp32_add"
  /// One FP32 operation in the special function unit.
  case fp32Operation = "fp32_op"
  /// One transcendental (exp, reciprocal square root, ...) in the special function unit.
  case special
  /// One scalar or control instruction.
  case scalar
}
