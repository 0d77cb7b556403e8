/// Value Change Dump (IEEE 1364), for GTKWave and Surfer: a 1-bit busy signal per unit, the
/// program counter (32 bits), a 1-bit signal per stall cause, and counters as real values.
/// `$timescale` is one of IEEE 1364's units (1, 10 or 100 of s, ms, us, ns or ps): the
/// largest that divides the clock period (rounded to 1 ps), so that every cycle falls on a
/// whole number of time units: at 1 GHz one time unit is one cycle (1 ns); at 700 MHz
/// (1,429 ps) it is 1 ps and a cycle is 1,429 units. The header's comment says which.
///
/// Value changes must be written in time order, but unit activity is known when it is
/// scheduled, ahead of the control core. Changes are therefore held in a small pending list
/// and written once the core has passed their time (``advance(to:)``); the list holds only
/// what lies ahead, so memory stays flat however long the run.
public final class VCDWriter: TraceSink {
  let file: StreamingFile
  var identifiers: [String: String] = [:]
  var widths: [String: Int] = [:]
  var current: [String: String] = [:]
  /// Pending changes: (time, sequence, signal, value), written in time then sequence order.
  var pending: [(Int, Int, String, String)] = []
  var sequence = 0
  var lastTime = -1
  /// Last scheduled end of each unit's busy interval, to merge back-to-back intervals.
  var busyUntil: [String: Int] = [:]
  /// VCD time units per cycle (see the type's comment).
  var unitsPerCycle = 1

  /// Opens the trace at `path`; writing more than `maxBytes` bytes fails the run.
  public init(path: String, maxBytes: Int = .max) throws(TraceError) {
    file = try StreamingFile(path: path, maxBytes: maxBytes)
  }

  func declare(_ name: String, width: Int, kind: String = "wire") -> String {
    let code = Self.code(identifiers.count)
    identifiers[name] = code
    widths[name] = width
    return "$var \(kind) \(width) \(code) \(name) $end\n"
  }

  /// The largest IEEE 1364 time unit (1, 10 or 100 of s, ms, us, ns, ps) that divides
  /// `periodPs`: its text and its length in ps.
  static func timescale(periodPs: Int) -> (String, Int) {
    let units: [(String, Int)] = [
      ("s", 1_000_000_000_000), ("ms", 1_000_000_000),
      ("us", 1_000_000), ("ns", 1_000), ("ps", 1),
    ]
    for (name, ps) in units {
      for multiple in [100, 10, 1] where periodPs % (multiple * ps) == 0 {
        return ("\(multiple) \(name)", multiple * ps)
      }
    }
    return ("1 ps", 1)
  }

  /// Short printable identifier codes: !, ", #, ...
  static func code(_ n: Int) -> String {
    var n = n
    var s = ""
    repeat {
      s.append(Character(Unicode.Scalar(UInt8(33 + n % 94))))
      n /= 94
    } while n > 0
    return s
  }

  public func begin(units: [String], stallCauses: [String], clockMHz: Double) throws {
    let periodPs = max(1, Int((1e6 / clockMHz).rounded()))
    let (timescale, unitPs) = Self.timescale(periodPs: periodPs)
    unitsPerCycle = periodPs / unitPs
    var h =
      unitsPerCycle == 1
      ? "$comment qins cycle trace: one time unit is one cycle $end\n"
      : "$comment qins cycle trace: one cycle is \(unitsPerCycle) time units ($timescale \(timescale)) $end\n"
    h += "$timescale \(timescale) $end\n$scope module machine $end\n"
    h += declare("pc", width: 32)
    for u in units { h += declare("\(u)_busy", width: 1) }
    for c in stallCauses { h += declare("stall_\(c)", width: 1) }
    h += declare("power_w", width: 64, kind: "real")
    h += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n"
    for name in identifiers.keys.sorted() {
      let initial = widths[name] == 64 ? "r0" : (widths[name] == 1 ? "0" : "b0")
      h += (widths[name] == 1 ? initial : initial + " ") + identifiers[name]! + "\n"
      current[name] = initial
    }
    h += "$end\n"
    lastTime = 0
    try file.write(h)
  }

  func change(_ time: Int, _ signal: String, _ value: String) {
    pending.append((time, sequence, signal, value))
    sequence += 1
  }

  public func issue(
    cycle: Int, pc: Int, mnemonic: String, source: String, operatorName: String?
  ) throws {
    change(cycle, "pc", "b" + String(pc, radix: 2))
  }

  public func busy(
    unit: String, start: Int, duration: Int, pc: Int, mnemonic: String, source: String,
    operatorName: String?
  ) throws {
    guard duration > 0 else { return }
    change(start, "\(unit)_busy", "1")
    change(start + duration, "\(unit)_busy", "0")
  }

  public func stall(cause: String, start: Int, duration: Int) throws {
    guard duration > 0 else { return }
    change(start, "stall_\(cause)", "1")
    change(start + duration, "stall_\(cause)", "0")
  }

  public func counter(name: String, cycle: Int, value: Double) throws {
    if identifiers[name] != nil { change(cycle, name, "r\(value)") }
  }

  public func advance(to cycle: Int) throws { try emit(before: cycle) }

  /// Writes every pending change earlier than `limit`, time by time; at each time only the
  /// last change of a signal counts, and only if it differs from the signal's value.
  func emit(before limit: Int) throws {
    guard pending.contains(where: { $0.0 < limit }) else { return }
    pending.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    var i = 0
    while i < pending.count && pending[i].0 < limit {
      let time = pending[i].0
      var finalValue: [String: String] = [:]
      var order: [String] = []
      while i < pending.count && pending[i].0 == time {
        if finalValue[pending[i].2] == nil { order.append(pending[i].2) }
        finalValue[pending[i].2] = pending[i].3
        i += 1
      }
      var lines = ""
      for signal in order where finalValue[signal] != current[signal] {
        let v = finalValue[signal]!
        current[signal] = v
        lines += (widths[signal] == 1 ? v : v + " ") + identifiers[signal]! + "\n"
      }
      if !lines.isEmpty {
        if time != lastTime { try file.write("#\(time * unitsPerCycle)\n") }
        lastTime = time
        try file.write(lines)
      }
    }
    pending.removeFirst(i)
  }

  public func finish(cycle: Int, interrupted: Bool) throws {
    try emit(before: Int.max)
    if cycle > lastTime { try file.write("#\(cycle * unitsPerCycle)\n") }
    if interrupted { try file.write("$comment interrupted at cycle \(cycle) $end\n") }
    try file.close()
  }

  public func abandon() { file.discard() }
}
