import Foundation

/// Drives one of the RTL systolic arrays (`array_weight_stationary`,
/// `array_output_stationary`) cycle by cycle in Verilator and reports what leaves it and when:
/// the array equivalence test's way of comparing the circuit's cycles with the PE-level
/// model's.
///
/// The bench reads one line per step. A step clocks the array once with the line's inputs,
/// except an `untilIdle` step, which clocks it with idle inputs until its `busy` output falls
/// (the cycles that takes are the circuit's, not the caller's) and records the cycle count.
public struct ArrayBench: Sendable {
  /// The array's two dataflows in RTL.
  public enum Dataflow: String, Sendable {
    case weightStationary = "array_weight_stationary"
    case outputStationary = "array_output_stationary"
  }

  /// One step of the bench.
  public enum Step: Sendable {
    /// Weight-stationary: a load cycle, one word per column entering row 0 (nil: no weight).
    case load(weights: [UInt64?], clear: Bool)
    /// A stream cycle: one word per row entering the left edge (nil: none); output-stationary
    /// also one word per column entering the top, and `clear` starts a fold.
    case stream(left: [UInt64?], top: [UInt64?], clear: Bool)
    /// Output-stationary: a drain cycle.
    case drain
    /// Idle cycles until the array's `busy` falls.
    case untilIdle
  }

  /// What left the array: partial sums (weight-stationary, with their columns' valid flags)
  /// or accumulator rows (output-stationary, every column), after clock edge `cycle`
  /// (counted from 1); or the cycle at which an `untilIdle` step ended.
  public enum Event: Hashable, Sendable {
    case output(cycle: Int, valid: [Bool], values: [UInt32])
    case idle(cycle: Int)
  }

  public let dataflow: Dataflow
  public let rows: Int
  public let cols: Int
  /// `pe_mac`'s KIND, and the decoded path's fraction bits.
  public let kind: Int
  public let fractionBits: Int
  /// Bits of a word entering the array, and of a PE operand after the edge decoders.
  public let wordBits: Int
  public let operandBits: Int

  public init(
    dataflow: Dataflow, rows: Int, cols: Int, kind: Int, fractionBits: Int = 7, wordBits: Int,
    operandBits: Int
  ) {
    self.dataflow = dataflow
    self.rows = rows
    self.cols = cols
    self.kind = kind
    self.fractionBits = fractionBits
    self.wordBits = wordBits
    self.operandBits = operandBits
  }

  /// Runs each list of steps from a fresh array (one build of the bench for all) and returns
  /// each run's events in order. With `waveform`, the first run's VCD is written there too (it
  /// opens in GTKWave or Surfer like the simulator's traces).
  public func run(_ runs: [[Step]], waveform: URL? = nil) throws -> [[Event]] {
    let verilator = try Verilator.find()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-array-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let executable = try verilator.build(
      bench: bench(trace: waveform != nil), in: folder, trace: waveform != nil, optimise: false)
    var results: [[Event]] = []
    for (index, steps) in runs.enumerated() {
      try steps.map(line).joined().write(
        to: folder.appendingPathComponent("in.hex"), atomically: false, encoding: .utf8)
      try executable.run([], in: folder)
      if let waveform, index == 0 {
        try? FileManager.default.removeItem(at: waveform)
        try FileManager.default.copyItem(
          at: folder.appendingPathComponent("array.vcd"), to: waveform)
      }
      let text = try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8)
      results.append(try text.split(separator: "\n").map(event))
    }
    return results
  }

  /// The step as one hexadecimal line: {kind (2 bits), clear, edge valid flags and words of
  /// the left edge, then of the top edge}, first row or column least significant.
  func line(_ step: Step) -> String {
    var ports: [Port] = [Port("kind", bits: 2), Port("clear", bits: 1)]
    var values: [UInt64] = []
    let left: [UInt64?]
    let top: [UInt64?]
    switch step {
    case .load(let weights, let clear):
      values = [0, clear ? 1 : 0]
      left = Array(repeating: nil, count: rows)
      top = weights
    case .stream(let l, let t, let clear):
      values = [1, clear ? 1 : 0]
      left = l
      top = t.isEmpty ? Array(repeating: nil, count: cols) : t
    case .drain:
      values = [2, 0]
      left = Array(repeating: nil, count: rows)
      top = Array(repeating: nil, count: cols)
    case .untilIdle:
      values = [3, 0]
      left = Array(repeating: nil, count: rows)
      top = Array(repeating: nil, count: cols)
    }
    for edge in [top, left] {
      for word in edge.reversed() {
        ports.append(Port("valid", bits: 1))
        values.append(word == nil ? 0 : 1)
      }
      for word in edge.reversed() {
        ports.append(Port("word", bits: wordBits))
        values.append(word ?? 0)
      }
    }
    return VectorBench.hex(values, ports: ports) + "\n"
  }

  func event(_ line: Substring) throws -> Event {
    let fields = line.split(separator: " ")
    guard let kind = fields.first, fields.count >= 2, let cycle = Int(fields[1]) else {
      throw CircuitError.malformedOutput("array bench line '\(line)'")
    }
    if kind == "idle" { return .idle(cycle: cycle) }
    guard fields.count == 4 else {
      throw CircuitError.malformedOutput("array bench line '\(line)'")
    }
    let valid = try VectorBench.split(fields[2], ports: (0..<cols).map { _ in Port("v", bits: 1) })
    let values = try VectorBench.split(
      fields[3], ports: (0..<cols).map { _ in Port("p", bits: 32) })
    // Both come most significant (last column) first.
    return .output(
      cycle: cycle, valid: valid.reversed().map { $0 == 1 },
      values: values.reversed().map { UInt32($0) })
  }

  /// The Verilog test bench.
  func bench(trace: Bool) -> String {
    let edgeBits = (rows + cols) * (wordBits + 1)
    let ws = dataflow == .weightStationary
    let validOut = ws ? "psum_valid" : "{\(cols){1'b1}}"
    let outputs = ws ? "psum_out" : "out"
    let connections =
      ws
      ? ".clk(clk), .load(kind == 0), .clear(clear), .w_in(top_words), .w_valid(top_ok), .a_in(left_words), .a_valid(left_ok), .psum_out(psum_out), .psum_valid(psum_valid), .busy(busy)"
      : ".clk(clk), .drain(kind == 2), .clear(clear), .a_in(left_words), .a_valid(left_ok), .b_in(top_words), .b_valid(top_ok), .out(out), .busy(busy)"
    let record = ws ? "|psum_valid" : "kind == 2"
    return """
      `timescale 1ns/1ps
      /* verilator lint_off DECLFILENAME */
      module bench;
        reg clk;
        reg [1:0] kind;
        reg clear;
        reg [\(cols - 1):0] top_ok;
        reg [\(cols * wordBits - 1):0] top_words;
        reg [\(rows - 1):0] left_ok;
        reg [\(rows * wordBits - 1):0] left_words;
        reg [\(edgeBits + 2):0] scanned;
        wire [\(cols * 32 - 1):0] \(outputs);
        wire [\(cols - 1):0] psum_valid;
        wire busy;
        \(dataflow.rawValue) #(.ROWS(\(rows)), .COLS(\(cols)), .KIND(\(kind)), .FRAC_BITS(\(fractionBits)), .IW(\(wordBits)), .OW(\(operandBits))) dut(\(connections));
        integer in_file, out_file, status, cycle;
        initial begin
          \(trace ? "$dumpfile(\"array.vcd\"); $dumpvars(0, bench);" : "")
          clk = 0;
          cycle = 0;
          in_file = $fopen("in.hex", "r");
          out_file = $fopen("out.txt", "w");
          status = $fscanf(in_file, "%h\\n", scanned);
          while (status == 1) begin
            {kind, clear, top_ok, top_words, left_ok, left_words} = scanned;
            if (kind == 3) begin
              kind = 1;
              clear = 0;
              top_ok = 0;
              left_ok = 0;
              while (busy) begin
                #1 clk = 1;
                #1 cycle = cycle + 1;
                if (\(record)) $fwrite(out_file, "out %0d %h %h\\n", cycle, \(validOut), \(outputs));
                #1 clk = 0;
              end
              $fwrite(out_file, "idle %0d\\n", cycle);
            end else begin
              #1 clk = 1;
              #1 cycle = cycle + 1;
              if (\(record)) $fwrite(out_file, "out %0d %h %h\\n", cycle, \(validOut), \(outputs));
              #1 clk = 0;
            end
            status = $fscanf(in_file, "%h\\n", scanned);
          end
          $fclose(out_file);
          $finish;
        end
      endmodule

      """
  }
}
