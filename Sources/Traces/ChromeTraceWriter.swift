/// Chrome Trace Event JSON (the array form), for Perfetto and chrome://tracing: a track per
/// unit with instructions as complete ("X") events, the control core's issue and stalls, and
/// counters. Timestamps are microseconds at the machine's clock. Written as it goes; the
/// closing bracket is written by ``finish(cycle:interrupted:)``; a failed run abandons the file.
public final class ChromeTraceWriter: TraceSink {
  let file: StreamingFile
  var first = true
  var microsecondsPerCycle = 0.001
  var threadIDs: [String: Int] = [:]
  /// Args added to every instruction event (`layer`, `machine`), in order.
  let context: [(String, String)]

  /// Opens the trace at `path`; writing more than `maxBytes` bytes fails the run. `context`
  /// goes into every instruction event's args, so that Perfetto can group events of several
  /// traces by layer or machine.
  public init(path: String, maxBytes: Int = .max, context: [(String, String)] = [])
    throws(TraceError)
  {
    file = try StreamingFile(path: path, maxBytes: maxBytes)
    self.context = context
  }

  func event(_ json: String) throws {
    try file.write(first ? "[\n" + json : ",\n" + json)
    first = false
  }

  func ts(_ cycle: Int) -> String { Self.number(Double(cycle) * microsecondsPerCycle) }

  static func number(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if c.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count)
            + String(c.value, radix: 16)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  public func begin(units: [String], stallCauses: [String], clockMHz: Double) throws {
    microsecondsPerCycle = 1 / clockMHz
    try event(#"{"name":"process_name","ph":"M","pid":1,"args":{"name":"qins machine"}}"#)
    for (i, u) in (["control"] + units).enumerated() {
      threadIDs[u] = i
      try event(
        #"{"name":"thread_name","ph":"M","pid":1,"tid":\#(i),"args":{"name":\#(Self.quoted(u))}}"#)
      try event(
        #"{"name":"thread_sort_index","ph":"M","pid":1,"tid":\#(i),"args":{"sort_index":\#(i)}}"#)
    }
  }

  /// The args every instruction event carries besides its pc and source: the machine part,
  /// the operator, and the run's context (layer, machine).
  func commonArgs(part: String, operatorName: String?) -> String {
    var out = #","part":\#(Self.quoted(part))"#
    if let operatorName { out += #","operator":\#(Self.quoted(operatorName))"# }
    for (key, value) in context { out += #",\#(Self.quoted(key)):\#(Self.quoted(value))"# }
    return out
  }

  public func issue(
    cycle: Int, pc: Int, mnemonic: String, source: String, operatorName: String?
  ) throws {
    try event(
      #"{"name":\#(Self.quoted(mnemonic)),"cat":"issue","ph":"X","pid":1,"tid":0,"ts":\#(ts(cycle)),"dur":\#(ts(1)),"args":{"pc":\#(pc),"source":\#(Self.quoted(source))\#(commonArgs(part: "control", operatorName: operatorName))}}"#
    )
  }

  public func busy(
    unit: String, start: Int, duration: Int, pc: Int, mnemonic: String, source: String,
    operatorName: String?
  ) throws {
    try event(
      #"{"name":\#(Self.quoted(mnemonic)),"cat":\#(Self.quoted(unit)),"ph":"X","pid":1,"tid":\#(threadIDs[unit] ?? 0),"ts":\#(ts(start)),"dur":\#(ts(duration)),"args":{"pc":\#(pc),"source":\#(Self.quoted(source)),"cycles":\#(duration)\#(commonArgs(part: unit, operatorName: operatorName))}}"#
    )
  }

  public func stall(cause: String, start: Int, duration: Int) throws {
    try event(
      #"{"name":\#(Self.quoted("stall: " + cause)),"cat":"stall","ph":"X","pid":1,"tid":0,"ts":\#(ts(start)),"dur":\#(ts(duration)),"args":{"cycles":\#(duration)}}"#
    )
  }

  public func counter(name: String, cycle: Int, value: Double) throws {
    try event(
      #"{"name":\#(Self.quoted(name)),"ph":"C","pid":1,"ts":\#(ts(cycle)),"args":{"value":\#(Self.number(value))}}"#
    )
  }

  public func advance(to cycle: Int) throws {}

  public func abandon() { file.discard() }

  public func finish(cycle: Int, interrupted: Bool) throws {
    if interrupted {
      try event(
        #"{"name":"interrupted","ph":"i","s":"g","pid":1,"ts":\#(ts(cycle)),"args":{"cycle":\#(cycle)}}"#
      )
    }
    if first { try file.write("[") }
    try file.write("\n]\n")
    try file.close()
  }
}
