import Foundation

/// A port of a module under test: its name and width in bits (at most 64).
public struct Port: Hashable, Sendable {
  public var name: String
  public var bits: Int
  public init(_ name: String, bits: Int) {
    precondition(bits >= 1 && bits <= 64, "a port of 1 to 64 bits")
    self.name = name
    self.bits = bits
  }
}

/// Drives a combinational module with operand vectors in Verilator and returns its outputs:
/// the equivalence tests' way of asking the circuit what it computes.
///
/// A generated test bench reads one line of hexadecimal inputs (the input ports concatenated,
/// first port most significant), waits a time step for the logic to settle, and writes the
/// outputs the same way. Everything is written in a temporary folder that is removed after.
public struct VectorBench: Sendable {
  public let module: String
  public let parameters: [String: Int]
  public let inputs: [Port]
  public let outputs: [Port]

  public init(module: String, parameters: [String: Int] = [:], inputs: [Port], outputs: [Port]) {
    self.module = module
    self.parameters = parameters
    self.inputs = inputs
    self.outputs = outputs
  }

  /// Whether Verilator is installed.
  public static var isAvailable: Bool { (try? Verilator.find()) != nil }

  /// The module's outputs for each vector of input values (one value per input port, in
  /// order), one array of output values per vector. `netlist`, when given, is the Verilog the
  /// module is read from instead of `Sources/RTL` (a synthesized gate-level netlist).
  public func evaluate(_ vectors: [[UInt64]], netlist: String? = nil) throws -> [[UInt64]] {
    let verilator = try Verilator.find()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-rtl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    var text = ""
    text.reserveCapacity(vectors.count * (inputBits / 4 + 2))
    for vector in vectors {
      precondition(vector.count == inputs.count, "one value per input port")
      text += Self.hex(vector, ports: inputs) + "\n"
    }
    try text.write(to: folder.appendingPathComponent("in.hex"), atomically: false, encoding: .utf8)
    var sources: [URL]? = nil
    if let netlist {
      let file = folder.appendingPathComponent("netlist.v")
      try netlist.write(to: file, atomically: false, encoding: .utf8)
      sources = [file]
    }
    let executable = try verilator.build(bench: bench, in: folder, sources: sources)
    try executable.run([], in: folder)
    let lines = try String(contentsOf: folder.appendingPathComponent("out.hex"), encoding: .utf8)
      .split(separator: "\n")
    guard lines.count == vectors.count else {
      throw CircuitError.malformedOutput("\(lines.count) result lines for \(vectors.count) vectors")
    }
    return try lines.map { try Self.split($0, ports: outputs) }
  }

  var inputBits: Int { inputs.reduce(0) { $0 + $1.bits } }
  var outputBits: Int { outputs.reduce(0) { $0 + $1.bits } }

  /// The test bench: the module instantiated with its parameters and ports, the loop over
  /// the vector file.
  var bench: String {
    var offset = inputBits
    let inputConnections = inputs.map { port -> String in
      offset -= port.bits
      return ".\(port.name)(vector[\(offset + port.bits - 1):\(offset)])"
    }
    offset = outputBits
    let outputConnections = outputs.map { port -> String in
      offset -= port.bits
      return ".\(port.name)(result[\(offset + port.bits - 1):\(offset)])"
    }
    let parameterList =
      parameters.isEmpty
      ? ""
      : " #("
        + parameters.keys.sorted().map { ".\($0)(\(parameters[$0]!))" }.joined(
          separator: ", ") + ")"
    return """
      `timescale 1ns/1ps
      /* verilator lint_off DECLFILENAME */
      module bench;
        // The simulation re-evaluates the logic on an assignment, not on $fscanf's write:
        // each vector is scanned into one register and assigned to the one the module reads.
        reg [\(inputBits - 1):0] vector, scanned;
        wire [\(outputBits - 1):0] result;
        \(module)\(parameterList) dut(\((inputConnections + outputConnections).joined(separator: ", ")));
        integer in_file, out_file, status;
        initial begin
          in_file = $fopen("in.hex", "r");
          out_file = $fopen("out.hex", "w");
          status = $fscanf(in_file, "%h\\n", scanned);
          vector = scanned;
          while (status == 1) begin
            #1;
            $fwrite(out_file, "%h\\n", result);
            status = $fscanf(in_file, "%h\\n", scanned);
            vector = scanned;
          end
          $fclose(out_file);
          $finish;
        end
      endmodule

      """
  }

  /// Values packed into one hexadecimal number, the first port most significant.
  static func hex(_ values: [UInt64], ports: [Port]) -> String {
    let total = ports.reduce(0) { $0 + $1.bits }
    var words = [UInt64](repeating: 0, count: (total + 63) / 64 + 1)
    var low = total
    for (value, port) in zip(values, ports) {
      low -= port.bits
      let v = port.bits == 64 ? value : value & ((1 << UInt64(port.bits)) - 1)
      let (w, o) = (low / 64, low % 64)
      words[w] |= v << UInt64(o)
      if o + port.bits > 64 { words[w + 1] |= v >> UInt64(64 - o) }
    }
    var digits: [UInt8] = []
    digits.reserveCapacity((total + 3) / 4)
    for d in (0..<(total + 3) / 4).reversed() {
      // A digit never straddles two words: 64 is a multiple of 4.
      let nibble = UInt8((words[d / 16] >> UInt64(d % 16 * 4)) & 0xF)
      digits.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
    }
    return String(decoding: digits, as: UTF8.self)
  }

  /// One line of the simulator's hexadecimal output split into the ports' values. An `x` or
  /// `z` digit (an undriven or conflicting output) is an error.
  static func split(_ line: Substring, ports: [Port]) throws -> [UInt64] {
    let total = ports.reduce(0) { $0 + $1.bits }
    var words = [UInt64](repeating: 0, count: (total + 63) / 64 + 1)
    let characters = Array(line.utf8)
    guard characters.count == (total + 3) / 4 else {
      throw CircuitError.malformedOutput("'\(line)' is not \((total + 3) / 4) digits")
    }
    for (i, c) in characters.reversed().enumerated() {
      let v: UInt64
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt64(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): v = UInt64(c - UInt8(ascii: "a") + 10)
      default:
        throw CircuitError.malformedOutput("'\(line)' has an unknown or undriven digit")
      }
      words[i / 16] |= v << UInt64(i % 16 * 4)
    }
    var low = total
    return ports.map { port in
      low -= port.bits
      let (w, o) = (low / 64, low % 64)
      var v = words[w] >> UInt64(o)
      if o + port.bits > 64 { v |= words[w + 1] << UInt64(64 - o) }
      return port.bits == 64 ? v : v & ((1 << UInt64(port.bits)) - 1)
    }
  }
}
