import FPINSISA
import MachineDescription

/// How close a run came to the machine's limits: for each resource, the fewest cycles in which
/// it could have done the run's work, the tightest of those, and the fraction of the run's
/// cycles that bound is. A fraction near 1 means the program kept that resource busy; what
/// is left went to the stall causes the statistics list.
///
/// The bounds, each a lower bound on the cycles of any schedule of the same work on this
/// machine:
/// - `compute`: multiply-accumulates / (rows x cols), the array at full occupancy;
/// - `dram`: bytes to and from DRAM / (DRAM bytes per cycle);
/// - `array_weight_fill`: the cycles each weight- or input-stationary fold needs to shift its
///   stationary operand into the PEs, one per row it fills (one operand at a time: a GEMV's
///   limit);
/// - `sfu` and `alu`: the cycles the units were busy, their lanes' throughput on the work the
///   program gave them (scale choice included);
/// - `spad`, `lbuf`, `acc`: the larger of the bytes read and the bytes written at the level /
///   its bytes per cycle (a read port and a write port).
///
/// Bounds add over runs (layers, decode steps), so a model's roofline is the sum of its
/// layers'.
///
/// The bounds hold for any schedule, as if every resource's work could overlap every other's.
/// A program's operators depend on one another (a norm needs the GEMM before it), so where
/// they are held by different resources no schedule reaches the tightest bound. When the
/// program names operators, ``operatorsInSequence`` is the sum of each operator's own tightest
/// bound: the cycles of the operators run one after another, each at its limit. It is not a
/// lower bound (an overlapped program runs part of one operator's work in another's cycles),
/// but the gap between it and the cycles is what a better schedule of these operators could
/// still win.
public struct Roofline: Codable, Sendable, Hashable {
  public enum Bound: String, Codable, CaseIterable, Sendable, Comparable {
    case compute
    case dram
    case arrayWeightFill = "array_weight_fill"
    case sfu, alu, spad, lbuf, acc

    public static func < (a: Bound, b: Bound) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  /// Cycles of the run (or runs).
  public var cycles: Int
  /// The fewest cycles each resource allows.
  public var bounds: [Bound: Int]
  /// The sum of the operators' tightest bounds; nil when the program names no operators.
  public var operatorsInSequence: Int?

  public init(cycles: Int, bounds: [Bound: Int], operatorsInSequence: Int? = nil) {
    self.cycles = cycles
    self.bounds = bounds
    self.operatorsInSequence = operatorsInSequence
  }

  /// An empty roofline, to add runs to.
  public init() { self.init(cycles: 0, bounds: [:]) }

  /// The tightest bound (the first in declaration order among equals), nil when there is no
  /// work.
  public var tightest: Bound? {
    bounds.filter { $0.value > 0 }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  /// The tightest bound over the cycles: how much of its limit the run reached (0...1).
  public var fractionReached: Double {
    guard let t = tightest, cycles > 0 else { return 0 }
    return Double(bounds[t]!) / Double(cycles)
  }

  /// ``operatorsInSequence`` over the cycles (nil without operators).
  public var operatorsFractionReached: Double? {
    guard let o = operatorsInSequence, cycles > 0 else { return nil }
    return Double(o) / Double(cycles)
  }

  /// Adds `other`'s cycles and bounds; the operators' sum stays only while both runs have it.
  public mutating func add(_ other: Roofline) {
    let bothOperators = cycles == 0 && bounds.isEmpty || operatorsInSequence != nil
    cycles += other.cycles
    for (b, c) in other.bounds { bounds[b, default: 0] += c }
    operatorsInSequence =
      bothOperators ? other.operatorsInSequence.map { (operatorsInSequence ?? 0) + $0 } : nil
  }

  /// One line for text output: "reaches 86 % of its DRAM bound (2,455,101 of 2,860,790
  /// cycles)".
  public var summary: String {
    guard let t = tightest else { return "no work" }
    let percent = (fractionReached * 100).rounded()
    var line =
      "reaches \(Int(percent)) % of its \(t.title) bound (\(bounds[t]!) of \(cycles) cycles)"
    if let f = operatorsFractionReached {
      line += "; \(Int((f * 100).rounded())) % of its operators' bounds in sequence"
    }
    return line
  }

  enum CodingKeys: String, CodingKey {
    case cycles, bounds, tightest, tightestCycles, fractionReached
    case operatorsInSequence, operatorsFractionReached
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(cycles, forKey: .cycles)
    try c.encode(
      Dictionary(uniqueKeysWithValues: bounds.map { ($0.key.rawValue, $0.value) }), forKey: .bounds)
    try c.encodeIfPresent(tightest?.rawValue, forKey: .tightest)
    try c.encodeIfPresent(tightest.map { bounds[$0]! }, forKey: .tightestCycles)
    try c.encode(fractionReached, forKey: .fractionReached)
    try c.encodeIfPresent(operatorsInSequence, forKey: .operatorsInSequence)
    try c.encodeIfPresent(operatorsFractionReached, forKey: .operatorsFractionReached)
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    cycles = try c.decode(Int.self, forKey: .cycles)
    operatorsInSequence = try c.decodeIfPresent(Int.self, forKey: .operatorsInSequence)
    let named = try c.decode([String: Int].self, forKey: .bounds)
    bounds = [:]
    for (k, v) in named {
      guard let b = Bound(rawValue: k) else {
        throw DecodingError.dataCorruptedError(
          forKey: .bounds, in: c, debugDescription: "unknown bound '\(k)'")
      }
      bounds[b] = v
    }
  }
}

extension Roofline.Bound {
  /// How the bound is named in text.
  public var title: String {
    switch self {
    case .compute: "compute"
    case .dram: "DRAM"
    case .arrayWeightFill: "array weight-fill"
    case .sfu: "SFU"
    case .alu: "ALU"
    case .spad: "scratchpad port"
    case .lbuf: "local-buffer port"
    case .acc: "accumulator port"
    }
  }
}

extension Roofline {
  /// The bounds of a run of `machine` that did this work.
  static func of(
    machine m: MachineDescription, cycles: Int, multiplyAccumulates: Int, arrayFillCycles: Int,
    unitBusy: [FunctionalUnit: Int], bytesRead: [MemorySpace: Int],
    bytesWritten: [MemorySpace: Int]
  ) -> Roofline {
    func up(_ x: Double) -> Int { Int(x.rounded(.up)) }
    var b: [Bound: Int] = [:]
    b[.compute] = up(Double(multiplyAccumulates) / Double(m.array.rows * m.array.cols))
    let dram = (bytesRead[.dram] ?? 0) + (bytesWritten[.dram] ?? 0)
    b[.dram] = up(Double(dram) / m.dramBytesPerCycle)
    b[.arrayWeightFill] = arrayFillCycles
    b[.sfu] = unitBusy[.sfu] ?? 0
    b[.alu] = unitBusy[.alu] ?? 0
    for (space, bound) in [(MemorySpace.spad, Bound.spad), (.lbuf, .lbuf), (.acc, .acc)] {
      let bytes = max(bytesRead[space] ?? 0, bytesWritten[space] ?? 0)
      b[bound] = up(Double(bytes) / Double(m.memory(space)!.bytesPerCycle))
    }
    return Roofline(cycles: cycles, bounds: b)
  }
}
