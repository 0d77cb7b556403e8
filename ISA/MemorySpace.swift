/// The machine's memory levels, from the largest and slowest to the nearest the array.
public enum MemorySpace: String, CaseIterable, Sendable, Codable {
  /// DRAM / HBM.
  case dram
  /// The global scratchpad SRAM (banked).
  case spad
  /// The local buffers at the array's edges.
  case lbuf
  /// The accumulator memory beside the array.
  case acc

  /// The code in the binary's tensor table.
  public var code: UInt8 { UInt8(MemorySpace.allCases.firstIndex(of: self)!) }

  public init?(code: UInt8) {
    guard Int(code) < MemorySpace.allCases.count else { return nil }
    self = MemorySpace.allCases[Int(code)]
  }
}

/// A tensor's number format, as declared.
///
/// `storage` and `accumulator` are resolved by the machine: the machine description's storage
/// format (QINS8 with the seed's two-byte layout by default, FP32 on the reference machine)
/// and its accumulator format. That is what lets one program run on both machines.
public enum TensorFormat: Hashable, Sendable {
  case storage
  case accumulator
  case fp32
  /// FPINS(L); FPINS(0) is QINS8.
  case fpins(Int)

  /// The deepest FPINS a tensor may declare.
  public static let maxDepth = 15

  /// `storage`, `acc`, `fp32`, `q8` or `fpinsL`.
  public var name: String {
    switch self {
    case .storage: "storage"
    case .accumulator: "acc"
    case .fp32: "fp32"
    case .fpins(0): "q8"
    case .fpins(let l): "fpins\(l)"
    }
  }

  public init?(name: String) {
    switch name {
    case "storage": self = .storage
    case "acc": self = .accumulator
    case "fp32": self = .fp32
    case "q8", "qins8", "fpins0": self = .fpins(0)
    default:
      guard name.hasPrefix("fpins"), let l = Int(name.dropFirst(5)), (1...Self.maxDepth).contains(l)
      else { return nil }
      self = .fpins(l)
    }
  }

  /// The code in the binary's tensor table: 0 storage, 1 accumulator, 2 fp32, 16 + L FPINS(L).
  public var code: UInt8 {
    switch self {
    case .storage: 0
    case .accumulator: 1
    case .fp32: 2
    case .fpins(let l): UInt8(16 + l)
    }
  }

  public init?(code: UInt8) {
    switch code {
    case 0: self = .storage
    case 1: self = .accumulator
    case 2: self = .fp32
    case 16...(16 + UInt8(Self.maxDepth)): self = .fpins(Int(code) - 16)
    default: return nil
    }
  }

  /// Bytes per value once resolved: 4 for FP32, L + 2 for FPINS(L) (level bytes and a sign
  /// byte, the seed's layout); nil for `storage` and `acc`, which the machine resolves.
  public var bytesPerValue: Int? {
    switch self {
    case .storage, .accumulator: nil
    case .fp32: 4
    case .fpins(let l): l + 2
    }
  }
}
