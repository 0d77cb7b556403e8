import FPINSISA

/// A part of the machine that spends cycles or energy: a functional unit or a memory level.
/// Its ``name`` (`alu`, `spad`) is the component's name in `--stats`.
enum MachinePart: Hashable {
  case unit(FunctionalUnit)
  case memory(MemorySpace)

  var name: String {
    switch self {
    case .unit(let u): u.rawValue
    case .memory(let m): m.rawValue
    }
  }
}
