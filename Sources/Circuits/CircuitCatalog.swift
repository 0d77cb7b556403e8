/// The circuits the flow synthesizes: each preset's PE, the edge decoder, the LUT ALU lane,
/// the converters and the FP32 units they share, each a module of `Sources/RTL` with its
/// parameters.
public struct Circuit: Hashable, Sendable, Codable {
  /// The name commands take (`pe-int8`).
  public var name: String
  /// The Verilog module and its parameters.
  public var module: String
  public var parameters: [String: Int]
  /// What it is in the machine.
  public var role: String

  public init(_ name: String, _ module: String, _ parameters: [String: Int] = [:], role: String) {
    self.name = name
    self.module = module
    self.parameters = parameters
    self.role = role
  }
}

public enum CircuitCatalog {
  static let bf16 = ["EXP_BITS": 8, "FRAC_BITS": 7, "BIAS": 127, "IEEE_SPECIALS": 1]
  static let e4m3 = ["EXP_BITS": 4, "FRAC_BITS": 3, "BIAS": 7, "IEEE_SPECIALS": 0]
  static let e5m2 = ["EXP_BITS": 5, "FRAC_BITS": 2, "BIAS": 15, "IEEE_SPECIALS": 1]

  /// Every circuit, in the order reports list them.
  public static let all: [Circuit] = [
    Circuit("pe-fp32", "mac_float", role: "fp32-reference PE: FP32 multiply, then FP32 add"),
    Circuit("pe-bf16", "mac_float", bf16, role: "bf16 PE: 8 x 8-bit significand product, FP32 add"),
    Circuit("pe-fp8-e4m3", "mac_float", e4m3, role: "fp8-e4m3 PE: 4 x 4-bit product, FP32 add"),
    Circuit("pe-fp8-e5m2", "mac_float", e5m2, role: "fp8-e5m2 PE: 3 x 3-bit product, FP32 add"),
    Circuit("pe-int8", "mac_int8", role: "int8 PE: 8 x 8 multiply, INT32 add"),
    Circuit(
      "pe-qins-seed", "mac_qins_table8", ["NEAREST": 0],
      role: "qins-seed PE: MUL table (logic), code to FP32, exponent, FP32 add"),
    Circuit(
      "pe-qins-decoded", "mac_qins_decoded", ["FRAC_BITS": 7],
      role: "qins-default and qins-fast PE: 8 x 8-bit product of decoded operands, FP32 add"),
    Circuit(
      "qins-edge-decoder", "qins8_magnitude", ["FRAC_BITS": 7],
      role: "the decoded path's 256-entry ROM, one per array row and column"),
    Circuit(
      "pe-qins-exact", "mac_qins_exact",
      role: "exact-product QINS PE: 65536 / (s_a s_b) correctly rounded, FP32 add"),
    Circuit(
      "qins-mul-table", "qins8_mul_table", ["NEAREST": 1],
      role: "the QINS8 MUL table as logic (9-bit multiply and rounding)"),
    Circuit(
      "alu-lane", "qins8_lut_lane", ["NEAREST": 1],
      role: "one LUT ALU lane: ADD, SUB, MUL, RCP tables as logic"),
    Circuit("fp32-to-qins8", "qins8_encode", ["NEAREST": 1], role: "FP32 to QINS8 converter"),
    Circuit("qins8-to-fp32", "qins8_decode", role: "QINS8 to FP32 converter"),
    Circuit("fp32-add", "fp32_add", role: "the FP32 adder every FP32-accumulating PE has"),
    Circuit("fp32-mul", "float_multiply", role: "the FP32 multiplier of the FP32 PE"),
  ]

  /// The circuit named `name`, or nil.
  public static func circuit(named name: String) -> Circuit? { all.first { $0.name == name } }
}
