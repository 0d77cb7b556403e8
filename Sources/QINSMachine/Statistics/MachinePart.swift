import FPINSISA

/// A part of the machine that spends cycles or energy: a functional unit, a memory level, or
/// the scale unit at the ALU's and the SFU's output (``ScaleUnitWork``). Its ``name`` (`alu`,
/// `spad`, `scale_unit`) is the component's name in `--stats`.
enum MachinePart: Hashable {
  case unit(FunctionalUnit)
  case memory(MemorySpace)
  case scaleUnit

  var name: String {
    switch self {
    case .unit(let u): u.rawValue
    case .memory(let m): m.rawValue
    case .scaleUnit: "scale_unit"
    }
  }
}
