import Foundation

/// A synthesized module as gates: what Yosys's `write_json` gives after the flow's `abc -g`
/// (``Yosys/gateSet``), read into dense net numbers for ``SwitchingSimulator``.
///
/// Nets 0 and 1 are the constants 0 and 1 (an `x` or `z` bit reads as 0). Every other net is a
/// module input bit or a gate output. Gates are kept in an order where each one's inputs come
/// before it, so one pass evaluates the module. The module must be combinational: a
/// flip-flop, a latch or a gate outside the set is refused, naming it.
public struct GateNetlist: Sendable {
  /// The gate functions of the generic set.
  public enum Function: UInt8, Sendable, CaseIterable {
    case buffer, not, and, nand, or, nor, xor, xnor, andNot, orNot, mux

    /// Yosys's internal cell type for the function (`$_AND_`, ...).
    public var yosysType: String {
      switch self {
      case .buffer: "$_BUF_"
      case .not: "$_NOT_"
      case .and: "$_AND_"
      case .nand: "$_NAND_"
      case .or: "$_OR_"
      case .nor: "$_NOR_"
      case .xor: "$_XOR_"
      case .xnor: "$_XNOR_"
      case .andNot: "$_ANDNOT_"
      case .orNot: "$_ORNOT_"
      case .mux: "$_MUX_"
      }
    }

    /// Inputs the gate has (A, B, and S for the multiplexer).
    public var inputCount: Int {
      switch self {
      case .buffer, .not: 1
      case .mux: 3
      default: 2
      }
    }
  }

  /// One gate: its function, input nets (`b` and `s` unused below its input count) and output.
  public struct Gate: Hashable, Sendable {
    public var function: Function
    public var a: Int32
    public var b: Int32
    public var s: Int32
    public var y: Int32
  }

  /// A module port: its name and its nets, least significant bit first.
  public struct Port: Hashable, Sendable {
    public var name: String
    public var nets: [Int32]
  }

  public private(set) var inputs: [Port] = []
  public private(set) var outputs: [Port] = []
  /// In evaluation order.
  public private(set) var gates: [Gate] = []
  /// Nets, the two constants included.
  public private(set) var netCount = 2
  /// Each net's load in gate-input pins: how many gate inputs it drives, plus one for an output
  /// port bit (what the next stage's input would add). See ``SwitchingSimulator`` for how
  /// toggles are weighted by it.
  public private(set) var fanout: [Int32] = []

  /// Reads module `top` from Yosys JSON text.
  public init(yosysJSON text: String, top: String) throws {
    func bad(_ what: String) -> CircuitError {
      .malformedOutput("yosys netlist of \(top): \(what)")
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let modules = root["modules"] as? [String: Any]
    else { throw bad("not Yosys JSON") }
    guard let module = modules[top] as? [String: Any] else { throw bad("no module \(top)") }
    var numbers: [Int: Int32] = [:]
    func net(_ bit: Any) throws -> Int32 {
      if let s = bit as? String { return s == "1" ? 1 : 0 }
      guard let id = bit as? Int else { throw bad("a bit that is neither a number nor a constant") }
      if let n = numbers[id] { return n }
      let n = Int32(netCount)
      netCount += 1
      numbers[id] = n
      return n
    }
    let ports = module["ports"] as? [String: Any] ?? [:]
    for name in ports.keys.sorted() {
      guard let port = ports[name] as? [String: Any], let direction = port["direction"] as? String,
        let bits = port["bits"] as? [Any]
      else { throw bad("port \(name) without a direction and bits") }
      let p = Port(name: name, nets: try bits.map(net))
      switch direction {
      case "input": inputs.append(p)
      case "output": outputs.append(p)
      default: throw bad("port \(name) is \(direction)")
      }
    }
    let byType = Dictionary(uniqueKeysWithValues: Function.allCases.map { ($0.yosysType, $0) })
    var unordered: [Gate] = []
    let cells = module["cells"] as? [String: Any] ?? [:]
    for name in cells.keys.sorted() {
      guard let cell = cells[name] as? [String: Any], let type = cell["type"] as? String,
        let connections = cell["connections"] as? [String: Any]
      else { throw bad("cell \(name) without a type and connections") }
      guard let function = byType[type] else {
        throw bad("cell \(name) is a \(type): only combinational gates of the set are simulated")
      }
      func pin(_ p: String) throws -> Int32 {
        guard let bits = connections[p] as? [Any], bits.count == 1 else {
          throw bad("cell \(name) has no single-bit pin \(p)")
        }
        return try net(bits[0])
      }
      let a = try pin("A")
      let b = function.inputCount >= 2 ? try pin("B") : 0
      let s = function.inputCount == 3 ? try pin("S") : 0
      unordered.append(Gate(function: function, a: a, b: b, s: s, y: try pin("Y")))
    }
    gates = try Self.ordered(unordered, netCount: netCount, inputs: inputs, bad: bad)
    var load = [Int32](repeating: 0, count: netCount)
    for g in gates {
      load[Int(g.a)] += 1
      if g.function.inputCount >= 2 { load[Int(g.b)] += 1 }
      if g.function.inputCount == 3 { load[Int(g.s)] += 1 }
    }
    for p in outputs { for n in p.nets { load[Int(n)] += 1 } }
    fanout = load
  }

  /// The gates in an order where every input is a constant, a module input or an earlier
  /// gate's output (Kahn's algorithm); refuses a combinational loop or a net two gates drive.
  static func ordered(
    _ gates: [Gate], netCount: Int, inputs: [Port], bad: (String) -> CircuitError
  ) throws -> [Gate] {
    var driver = [Int32](repeating: -1, count: netCount)
    for (i, g) in gates.enumerated() {
      guard driver[Int(g.y)] == -1, g.y > 1 else { throw bad("a net with two drivers") }
      driver[Int(g.y)] = Int32(i)
    }
    for p in inputs {
      for n in p.nets where driver[Int(n)] != -1 {
        throw bad("input \(p.name) is driven by a gate")
      }
    }
    var waiting = [Int](repeating: 0, count: gates.count)
    var readers = [[Int32]](repeating: [], count: netCount)
    for (i, g) in gates.enumerated() {
      let pins = [g.a, g.b, g.s].prefix(g.function.inputCount)
      for n in pins where driver[Int(n)] != -1 {
        waiting[i] += 1
        readers[Int(n)].append(Int32(i))
      }
    }
    var ready = gates.indices.filter { waiting[$0] == 0 }
    var out: [Gate] = []
    out.reserveCapacity(gates.count)
    while let i = ready.popLast() {
      out.append(gates[i])
      for r in readers[Int(gates[i].y)] {
        waiting[Int(r)] -= 1
        if waiting[Int(r)] == 0 { ready.append(Int(r)) }
      }
    }
    guard out.count == gates.count else { throw bad("a combinational loop") }
    return out
  }

  /// The input port named `name`, or nil.
  public func input(_ name: String) -> Port? { inputs.first { $0.name == name } }
  /// The output port named `name`, or nil.
  public func output(_ name: String) -> Port? { outputs.first { $0.name == name } }
}
