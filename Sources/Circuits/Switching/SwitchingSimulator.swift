/// Gate-level simulation of a ``GateNetlist`` on 64 operand streams at once, counting how
/// often every net switches: the switching activity that dynamic energy follows.
///
/// Each net holds a 64-bit word, one bit per lane (bit-sliced), so one pass over the gates
/// evaluates 64 independent vectors; a lane is one operand stream (one PE's inputs over time,
/// say). ``step(_:)`` applies the next vector of every lane and counts, per lane:
///
/// - **functional toggles**: nets whose settled value differs from the previous step's
///   (a zero-delay model: each net switches at most once per step);
/// - **toggles with glitches**: every transition of a unit-delay simulation, where each gate
///   takes one time unit, so a net that is reached by paths of different lengths may switch
///   several times before it settles (event-driven: a gate is evaluated when one of its inputs
///   has just changed in some lane).
///
/// A toggle of net `n` is weighted by its load, `fanout[n] + 1` gate-input pins (the pins it
/// drives plus about one pin's worth for the driver's own output): the capacitance a
/// transition charges or discharges, in units of one input pin. Energy is `weighted toggles x
/// joules per pin-toggle`, one constant per technology (``SwitchingEnergy``).
///
/// The first step after ``init(netlist:glitches:)`` starts from all nets at 0;
/// ``resetCounts()`` after a warm-up step leaves that transition out. Without `glitches` the
/// gates are evaluated once each, in order, and only functional toggles are counted (several
/// times faster on deep circuits).
public struct SwitchingSimulator: Sendable {
  public let netlist: GateNetlist
  /// Settled values, one word per net.
  var values: [UInt64]
  /// Gates reading each net (compressed rows: `readers[readerStart[n] ..< readerStart[n+1]]`).
  let readerStart: [Int32]
  let readers: [Int32]
  /// Each net's load in pins, `fanout + 1`: what one of its toggles counts.
  let weight: [UInt64]
  /// Step stamps for de-duplicating the gates of one unit-delay wave.
  var stamp: [Int32]
  var wave: Int32 = 0

  /// Counts since the start or the last ``resetCounts()``, summed over lanes.
  public private(set) var activity = SwitchingActivity()

  /// Whether unit-delay transitions are simulated and counted.
  public let glitches: Bool

  public init(netlist: GateNetlist, glitches: Bool = true) {
    self.netlist = netlist
    self.glitches = glitches
    values = [UInt64](repeating: 0, count: netlist.netCount)
    values[1] = ~0
    var count = [Int32](repeating: 0, count: netlist.netCount + 1)
    for g in netlist.gates {
      for n in Self.pins(g) { count[Int(n) + 1] += 1 }
    }
    for i in 1..<count.count { count[i] += count[i - 1] }
    var next = count
    var list = [Int32](repeating: 0, count: Int(count.last!))
    for (i, g) in netlist.gates.enumerated() {
      for n in Self.pins(g) {
        list[Int(next[Int(n)])] = Int32(i)
        next[Int(n)] += 1
      }
    }
    readerStart = count
    readers = list
    weight = netlist.fanout.map { UInt64($0) + 1 }
    stamp = [Int32](repeating: -1, count: netlist.gates.count)
    // Settle the constants through the gates once (a NOT of 0 is 1 before any input).
    for g in netlist.gates { values[Int(g.y)] = Self.evaluate(g, values) }
  }

  static func pins(_ g: GateNetlist.Gate) -> ArraySlice<Int32> {
    [g.a, g.b, g.s].prefix(g.function.inputCount)
  }

  @inline(__always)
  static func evaluate(_ g: GateNetlist.Gate, _ v: [UInt64]) -> UInt64 {
    let a = v[Int(g.a)]
    switch g.function {
    case .buffer: return a
    case .not: return ~a
    case .and: return a & v[Int(g.b)]
    case .nand: return ~(a & v[Int(g.b)])
    case .or: return a | v[Int(g.b)]
    case .nor: return ~(a | v[Int(g.b)])
    case .xor: return a ^ v[Int(g.b)]
    case .xnor: return ~(a ^ v[Int(g.b)])
    case .andNot: return a & ~v[Int(g.b)]
    case .orNot: return a | ~v[Int(g.b)]
    case .mux:
      let s = v[Int(g.s)]
      return (a & ~s) | (v[Int(g.b)] & s)
    }
  }

  /// Applies one vector per lane: `inputs[p][lane]` is input port `p`'s value (in
  /// ``GateNetlist/inputs`` order, least significant bit first) in `lane`; every port has the
  /// same number of lanes, at most 64. Counts the switching it causes.
  public mutating func step(_ inputs: [[UInt64]]) {
    precondition(inputs.count == netlist.inputs.count, "one value list per input port")
    let lanes = inputs.first?.count ?? 0
    precondition(lanes <= 64 && inputs.allSatisfy { $0.count == lanes }, "at most 64 lanes")
    let mask: UInt64 = lanes == 64 ? ~0 : (1 << UInt64(lanes)) - 1
    let before = values
    var changed: [Int32] = []
    for (p, port) in netlist.inputs.enumerated() {
      let laneValues = inputs[p]
      for (bit, net) in port.nets.enumerated() where net > 1 {
        var word: UInt64 = 0
        for lane in 0..<lanes { word |= ((laneValues[lane] >> UInt64(bit)) & 1) << UInt64(lane) }
        if word != values[Int(net)] {
          if glitches {
            activity.glitchWeightedToggles +=
              UInt64((word ^ values[Int(net)]).nonzeroBitCount) * weight[Int(net)]
          }
          values[Int(net)] = word
          changed.append(net)
        }
      }
    }
    if !glitches {
      for g in netlist.gates { values[Int(g.y)] = Self.evaluate(g, values) }
      changed.removeAll()
    }
    // Unit-delay waves: the gates reading a net that changed in the last wave are evaluated on
    // the values after that wave; their changed outputs start the next one.
    var gatesOfWave: [Int32] = []
    var updates: [(Int32, UInt64)] = []
    while !changed.isEmpty {
      wave &+= 1
      gatesOfWave.removeAll(keepingCapacity: true)
      for n in changed {
        for r in readerStart[Int(n)]..<readerStart[Int(n) + 1] {
          let g = readers[Int(r)]
          if stamp[Int(g)] != wave {
            stamp[Int(g)] = wave
            gatesOfWave.append(g)
          }
        }
      }
      updates.removeAll(keepingCapacity: true)
      for g in gatesOfWave {
        let gate = netlist.gates[Int(g)]
        let y = Self.evaluate(gate, values)
        if y != values[Int(gate.y)] { updates.append((gate.y, y)) }
      }
      changed.removeAll(keepingCapacity: true)
      for (n, y) in updates {
        activity.glitchWeightedToggles +=
          UInt64(((y ^ values[Int(n)]) & mask).nonzeroBitCount) * weight[Int(n)]
        values[Int(n)] = y
        changed.append(n)
      }
    }
    var functional: UInt64 = 0
    for n in 2..<values.count {
      let d = (values[n] ^ before[n]) & mask
      if d != 0 { functional += UInt64(d.nonzeroBitCount) * weight[n] }
    }
    activity.weightedToggles += functional
    activity.vectors += lanes
  }

  /// Output port `p`'s settled value in `lane` after the last step.
  public func output(_ p: Int, lane: Int) -> UInt64 {
    var value: UInt64 = 0
    for (bit, net) in netlist.outputs[p].nets.enumerated() {
      value |= ((values[Int(net)] >> UInt64(lane)) & 1) << UInt64(bit)
    }
    return value
  }

  /// Starts the counts again (after a warm-up step).
  public mutating func resetCounts() { activity = SwitchingActivity() }
}

/// Switching counted by ``SwitchingSimulator``: load-weighted toggles (pin-toggles) summed
/// over the vectors applied.
public struct SwitchingActivity: Hashable, Sendable, Codable {
  /// Vectors applied (steps x lanes).
  public var vectors = 0
  /// Functional (zero-delay) transitions, each weighted by its net's load.
  public var weightedToggles: UInt64 = 0
  /// Every unit-delay transition, glitches included, each weighted by its net's load (0 when
  /// the simulator does not simulate glitches).
  public var glitchWeightedToggles: UInt64 = 0

  public init() {}

  /// Load-weighted functional toggles per vector.
  public var perVector: Double { vectors == 0 ? 0 : Double(weightedToggles) / Double(vectors) }
  /// Load-weighted toggles per vector with glitches.
  public var glitchPerVector: Double {
    vectors == 0 ? 0 : Double(glitchWeightedToggles) / Double(vectors)
  }
}
