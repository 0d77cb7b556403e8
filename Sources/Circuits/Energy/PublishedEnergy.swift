/// One arithmetic operation of a published energy table, with the circuit of `Sources/RTL`
/// that performs it and how its operands are drawn.
public struct PublishedOperation: Hashable, Sendable {
  /// The energy table's component and action (`int8 mul`).
  public var component: String
  public var action: String
  public var circuit: Circuit
  public var operands: [String: OperandDistribution]
  /// The published energy of one operation, pJ.
  public var picojoules: Double

  public var name: String { "\(component) \(action)" }
}

/// M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014:
/// energies of arithmetic at 45 nm, 0.9 V, the same source as the built-in energy table's
/// published lines. The 8-bit multiply calibrates the switching energy; the others check it.
public enum PublishedEnergy {
  public static let source = "Horowitz ISSCC 2014, 45 nm"

  static func integer(_ bits: Int, _ action: String, _ pJ: Double) -> PublishedOperation {
    let module = action == "mul" ? "int_multiply" : "int_add"
    return PublishedOperation(
      component: "int\(bits)", action: action,
      circuit: Circuit(
        "int\(bits)-\(action)", module, ["WIDTH": bits],
        role: "\(bits)-bit \(action == "mul" ? "multiply" : "add") (\(source): \(pJ) pJ)"),
      operands: ["a": .uniformBits, "b": .uniformBits], picojoules: pJ)
  }

  /// The calibration point: an 8-bit multiply, 0.2 pJ.
  public static let calibration = integer(8, "mul", 0.2)

  /// Every published operation with a circuit, the calibration point included.
  public static let operations: [PublishedOperation] = [
    integer(8, "add", 0.03), integer(32, "add", 0.1), calibration, integer(32, "mul", 3.1),
    PublishedOperation(
      component: "fp32", action: "add",
      circuit: Circuit("fp32-add", "fp32_add", role: "FP32 add (\(source): 0.9 pJ)"),
      operands: ["a": .normalBinary32, "b": .normalBinary32], picojoules: 0.9),
    PublishedOperation(
      component: "fp32", action: "mul",
      circuit: Circuit("fp32-mul", "float_multiply", role: "FP32 multiply (\(source): 3.7 pJ)"),
      operands: ["a": .normalBinary32, "b": .normalBinary32], picojoules: 3.7),
  ]
}
