import Circuits
import FPINSISA
import Foundation
import QINSNumbers
import QINSSupport
import SystolicArray
import Testing

/// The RTL systolic arrays against the PE-level model (`PEArrayModel`): a few GEMMs on 4 x 4
/// and 8 x 4 arrays, weight- and output-stationary, INT8 and qins-default's decoded QINS PEs
/// (and FP32, with QINS_RTL_FULL=1); the same partial sums bit for bit and, fold by fold, the same cycles (the circuit's
/// own `busy` says when a fold's stream ends).
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct ArrayCircuitTests {
  /// A PE kind: `pe_mac`'s KIND, word and operand widths, and random operands as the model's
  /// values and the circuit's words.
  struct Kind: CustomStringConvertible, Sendable {
    var name: String
    var kind: Int
    var wordBits: Int
    var operandBits: Int
    var description: String { name }
  }

  static let int8 = Kind(name: "INT8", kind: 1, wordBits: 8, operandBits: 8)
  static let fp32 = Kind(name: "FP32", kind: 0, wordBits: 32, operandBits: 32)
  static let qins = Kind(name: "QINS decoded", kind: 5, wordBits: 10, operandBits: 13)

  /// Arrays and their GEMMs: several folds with partial ones at the edges, and one fold.
  static let arrays = [
    (rows: 4, cols: 4, gemms: [GEMMShape(m: 5, n: 6, k: 7)]),
    (rows: 8, cols: 4, gemms: [GEMMShape(m: 3, n: 4, k: 8), GEMMShape(m: 9, n: 10, k: 11)]),
  ]

  /// Every kind on both arrays with `QINS_RTL_FULL=1`; otherwise INT8 on both and QINS on the
  /// 4 x 4 (a bench of FP32 or QINS PEs takes 10-20 s to build).
  static func runs(_ kind: Kind, rows: Int) -> Bool {
    CircuitTestScope.full || kind.kind == 1 || (kind.kind == 5 && rows == 4)
  }

  @Test(
    "array_weight_stationary and array_output_stationary: the model's partial sums and cycles, fold by fold",
    arguments: [Self.int8, Self.qins] + (CircuitTestScope.full ? [Self.fp32] : []),
    [Dataflow.ws, .os])
  func gemms(kind: Kind, dataflow: Dataflow) throws {
    var random = SeededGenerator(seed: UInt64(24_100 + kind.kind * 2 + (dataflow == .ws ? 0 : 1)))
    for (rows, cols, gemms) in Self.arrays where Self.runs(kind, rows: rows) {
      let bench = ArrayBench(
        dataflow: dataflow == .ws ? .weightStationary : .outputStationary, rows: rows, cols: cols,
        kind: kind.kind, wordBits: kind.wordBits, operandBits: kind.operandBits)
      let cases = gemms.map { gemm in
        (gemm, Self.operands(kind, gemm, &random, rows: rows, cols: cols, dataflow: dataflow))
      }
      let circuits = try Self.run(bench, cases.map { ($0.0, $0.1.0.a, $0.1.0.b, $0.1.1.add) })
      for ((gemm, (_, model)), circuit) in zip(cases, circuits) {
        let label = "\(kind) \(dataflow) \(rows)x\(cols) \(gemm)"
        #expect(circuit.foldCycles == model.foldCycles, "\(label)")
        #expect(circuit.foldCycles.reduce(0, +) == model.cycles, "\(label)")
        #expect(circuit.c == model.c, "\(label): values differ")
      }
    }
  }

  /// The model's result: cycles, each fold's cycles, C as 32-bit patterns, and its add.
  struct ModelRun {
    var cycles: Int
    var foldCycles: [Int]
    var c: [UInt32]
    var add: (UInt32, UInt32) -> UInt32
  }

  static func operands(
    _ kind: Kind, _ g: GEMMShape, _ random: inout SeededGenerator, rows: Int, cols: Int,
    dataflow: Dataflow
  ) -> ((a: [UInt64], b: [UInt64]), ModelRun) {
    let count = g.m * g.k + g.k * g.n
    switch kind.kind {
    case 1:
      let v = (0..<count).map { _ in Int32(Int(random.next() % 255) - 127) }
      let (a, b) = (Array(v[..<(g.m * g.k)]), Array(v[(g.m * g.k)...]))
      let words = v.map { UInt64(UInt8(bitPattern: Int8($0))) }
      return (
        (Array(words[..<(g.m * g.k)]), Array(words[(g.m * g.k)...])),
        model(
          Int8Arithmetic(), a, b, g, rows, cols, dataflow, bits: { UInt32(bitPattern: $0) },
          value: { Int32(bitPattern: $0) })
      )
    case 0:
      let v = (0..<count).map { _ in Float(random.nextNormal()) }
      let words = v.map { UInt64($0.bitPattern) }
      return (
        (Array(words[..<(g.m * g.k)]), Array(words[(g.m * g.k)...])),
        model(
          FP32Arithmetic(), Array(v[..<(g.m * g.k)]), Array(v[(g.m * g.k)...]), g, rows, cols,
          dataflow, bits: \.bitPattern, value: Float.init(bitPattern:))
      )
    default:
      let v = (0..<count).map { _ in
        QINS8(sign: [-1, 0, 1, 1, -1][Int(random.next() % 5)], code: UInt8(random.next() % 256))
      }
      let words = v.map { qinsWord(sign: $0.sign, code: $0.code) }
      let arithmetic = UnitQINS8Arithmetic(
        table: QINS8ProductTable(.decoded(fractionBits: 7), tables: .shared(.nearest)))
      return (
        (Array(words[..<(g.m * g.k)]), Array(words[(g.m * g.k)...])),
        model(
          arithmetic, Array(v[..<(g.m * g.k)]), Array(v[(g.m * g.k)...]), g, rows, cols, dataflow,
          bits: \.bitPattern, value: Float.init(bitPattern:))
      )
    }
  }

  static func model<P: PEArithmetic>(
    _ p: P, _ a: [P.Operand], _ b: [P.Operand], _ g: GEMMShape, _ rows: Int, _ cols: Int,
    _ dataflow: Dataflow, bits: @escaping (P.Accumulator) -> UInt32,
    value: @escaping (UInt32) -> P.Accumulator
  ) -> ModelRun {
    var array = PEArrayModel(p, rows: rows, cols: cols)
    let (cycles, c) = array.run(a: a, b: b, gemm: g, dataflow: dataflow)
    // Each fold's cycles, as PEArrayModel counts them.
    var folds: [Int] = []
    if dataflow == .ws {
      for n0 in stride(from: 0, to: g.n, by: cols) {
        for k0 in stride(from: 0, to: g.k, by: rows) {
          _ = n0
          folds.append(min(rows, g.k - k0) + g.m + rows + cols - 2)
        }
      }
    } else {
      for _ in stride(from: 0, to: g.m, by: rows) {
        for _ in stride(from: 0, to: g.n, by: cols) { folds.append(g.k + rows + cols - 2 + rows) }
      }
    }
    return ModelRun(
      cycles: cycles, foldCycles: folds, c: c.map(bits),
      add: { bits(p.add(value($0), value($1))) })
  }

  /// Runs a GEMM through the circuit fold by fold as the model folds it; returns each fold's
  /// cycles and C (partial sums of folds added with the model's add, as the accumulator SRAM
  /// outside the array does).
  static func run(
    _ bench: ArrayBench,
    _ gemms: [(GEMMShape, [UInt64], [UInt64], (UInt32, UInt32) -> UInt32)]
  ) throws -> [(foldCycles: [Int], c: [UInt32])] {
    let plans = gemms.map { plan(bench, a: $0.1, b: $0.2, gemm: $0.0) }
    let events = try bench.run(plans.map(\.steps))
    return zip(gemms, zip(plans, events)).map { gemm, run in
      replay(bench, run.0, run.1, gemm: gemm.0, add: gemm.3)
    }
  }

  /// The steps of a GEMM, fold by fold, and where each fold starts and streams.
  struct Plan {
    var steps: [ArrayBench.Step] = []
    var folds: [(first: Int, stream: Int, row0: Int, col0: Int, usedRows: Int, usedCols: Int)] = []
  }

  static func plan(_ bench: ArrayBench, a: [UInt64], b: [UInt64], gemm g: GEMMShape) -> Plan {
    let (rows, cols) = (bench.rows, bench.cols)
    var steps: [ArrayBench.Step] = []
    var folds: [(first: Int, stream: Int, row0: Int, col0: Int, usedRows: Int, usedCols: Int)] = []
    if bench.dataflow == .weightStationary {
      for n0 in stride(from: 0, to: g.n, by: cols) {
        for k0 in stride(from: 0, to: g.k, by: rows) {
          let usedRows = min(rows, g.k - k0)
          let usedCols = min(cols, g.n - n0)
          let first = steps.count
          for t in 0..<usedRows {
            let source = usedRows - 1 - t
            steps.append(
              .load(
                weights: (0..<cols).map { c in c < usedCols ? b[(k0 + source) * g.n + n0 + c] : nil
                },
                clear: t == 0))
          }
          folds.append((first, steps.count, k0, n0, usedRows, usedCols))
          for s in 0..<g.m {
            steps.append(
              .stream(
                left: (0..<rows).map { r in r < usedRows ? a[s * g.k + k0 + r] : nil }, top: [],
                clear: false))
          }
          steps.append(.untilIdle)
        }
      }
    } else {
      for i0 in stride(from: 0, to: g.m, by: rows) {
        for j0 in stride(from: 0, to: g.n, by: cols) {
          let usedRows = min(rows, g.m - i0)
          let usedCols = min(cols, g.n - j0)
          folds.append((steps.count, steps.count, i0, j0, usedRows, usedCols))
          for k in 0..<g.k {
            steps.append(
              .stream(
                left: (0..<rows).map { r in r < usedRows ? a[(i0 + r) * g.k + k] : nil },
                top: (0..<cols).map { c in c < usedCols ? b[k * g.n + j0 + c] : nil }, clear: k == 0
              ))
          }
          steps.append(.untilIdle)
          for _ in 0..<rows { steps.append(.drain) }
        }
      }
    }
    return Plan(steps: steps, folds: folds)
  }

  /// Each fold's cycles and C from a run's events.
  static func replay(
    _ bench: ArrayBench, _ plan: Plan, _ events: [ArrayBench.Event], gemm g: GEMMShape,
    add: (UInt32, UInt32) -> UInt32
  ) -> (foldCycles: [Int], c: [UInt32]) {
    let (rows, steps, folds) = (bench.rows, plan.steps, plan.folds)
    // Replay: the cycle count before each step, from the idle events (an untilIdle step
    // takes a number of cycles only the circuit knows).
    var c = [UInt32?](repeating: nil, count: g.m * g.n)
    var cycleAtStep: [Int] = []
    var cycle = 0
    var idleEnds = events.compactMap { if case .idle(let e) = $0 { e } else { nil } }[...]
    for step in steps {
      cycleAtStep.append(cycle)
      if case .untilIdle = step { cycle = idleEnds.popFirst()! } else { cycle += 1 }
    }
    cycleAtStep.append(cycle)
    var foldCycles: [Int] = []
    for (f, fold) in folds.enumerated() {
      let end = f + 1 < folds.count ? cycleAtStep[folds[f + 1].first] : cycle
      foldCycles.append(end - cycleAtStep[fold.first])
    }
    for event in events {
      guard case .output(let e, let valid, let values) = event else { continue }
      // The fold whose steps include edge e.
      guard let f = folds.lastIndex(where: { cycleAtStep[$0.first] < e }) else { continue }
      let fold = folds[f]
      let t = e - 1 - cycleAtStep[fold.stream]
      if bench.dataflow == .weightStationary {
        for col in 0..<fold.usedCols where valid[col] {
          let s = t - (rows - 1) - col
          guard s >= 0 && s < g.m else { continue }
          let index = s * g.n + fold.col0 + col
          c[index] = c[index].map { add($0, values[col]) } ?? values[col]
        }
      } else {
        // Drain edges: the last `rows` edges of the fold, bottom row first.
        let drainStart = cycleAtStep[fold.stream + g.k + 1]
        let r = rows - 1 - (e - 1 - drainStart)
        guard e > drainStart, r >= 0, r < fold.usedRows else { continue }
        for col in 0..<fold.usedCols { c[(fold.row0 + r) * g.n + fold.col0 + col] = values[col] }
      }
    }
    return (foldCycles, c.map { $0 ?? 0xDEAD_BEEF })
  }
}

/// The arrays' waveforms: a VCD file a viewer opens, holding the array's signals.
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct ArrayWaveformTests {
  @Test("a run's waveform is a VCD file with the array's clock, busy flag and registers")
  func waveform() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-vcd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let vcd = folder.appendingPathComponent("array.vcd")
    let bench = ArrayBench(
      dataflow: .weightStationary, rows: 2, cols: 2, kind: 1, wordBits: 8, operandBits: 8)
    let events = try bench.run(
      [
        [
          .load(weights: [1, 2], clear: true), .load(weights: [3, 4], clear: false),
          .stream(left: [5, 6], top: [], clear: false), .untilIdle,
        ]
      ], waveform: vcd)
    // C = [5 6] x [[3 4] [1 2]] (row 0 of the array holds the last row loaded): 5*3 + 6*1 = 21
    // and 5*4 + 6*2 = 32, leaving column 0 after edge 2 + 0 + 1 + 1 and column 1 one later.
    let outputs = events[0].compactMap { e -> (Int, Int, UInt32)? in
      guard case .output(let cycle, let valid, let values) = e else { return nil }
      return valid.indices.filter { valid[$0] }.map { (cycle, $0, values[$0]) }.first
    }
    #expect(outputs.map(\.2) == [21, 32])
    #expect(outputs.map(\.0) == [4, 5])
    let text = try String(contentsOf: vcd, encoding: .utf8)
    #expect(text.contains("$enddefinitions"))
    for signal in ["clk", "busy", "psum_out"] { #expect(text.contains(" \(signal) ")) }
  }
}
