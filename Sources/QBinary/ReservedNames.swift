import FPINSISA

/// Names a program cannot give to a label, constant, tensor or macro: register names,
/// instruction mnemonics and the float names `inf` and `nan`.
public enum ReservedNames {
  public static func problem(with name: String) -> String? {
    if isRegister(name) { return "'\(name)' is a register name" }
    if name == "inf" || name == "nan" { return "'\(name)' is a reserved name" }
    if InstructionSet.byMnemonic[name] != nil { return "'\(name)' is an instruction mnemonic" }
    return nil
  }

  /// `x0`...`x31` or `zero`.
  public static func isRegister(_ name: String) -> Bool { registerNumber(name) != nil }

  /// The register a name denotes: `x0`...`x31`, or `zero` for `x0`.
  public static func registerNumber(_ name: String) -> UInt8? {
    if name == "zero" { return 0 }
    guard name.hasPrefix("x"), name.count >= 2, name.count <= 3 else { return nil }
    let digits = name.dropFirst()
    guard digits.allSatisfy({ $0 >= "0" && $0 <= "9" }),
      !(digits.count == 2 && digits.first == "0"),
      let n = UInt8(digits), n < 32
    else { return nil }
    return n
  }
}
