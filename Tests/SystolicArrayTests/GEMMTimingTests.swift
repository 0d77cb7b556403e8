import FPINSISA
import Foundation
import QINSTestSupport
import SystolicArray
import Testing

@Suite("Fast array timing")
struct GEMMTimingTests {
  let gemm = GEMMShape(m: 16, n: 12, k: 20)

  @Test("Weight-stationary, 8 x 8, 16 x 20 by 20 x 12, derived by hand")
  func weightStationary() {
    // K = 20 on 8 rows: 3 row folds (8, 8 and 4 rows); N = 12 on 8 columns: 2 column folds;
    // 6 folds. Per fold: a cycle per row to load + M + R + C - 2 to stream = rows + 16 + 14;
    // 2 x (8 + 8 + 4) + 6 x 30 = 220 cycles.
    let t = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .ws)
    #expect(t.folds == 6 && t.totalCycles == 220 && t.computeCycles == 220)
    // SCALE-Sim loads R rows every fold and reports the index of the last cycle: 6 x 38 - 1
    // = 227 (its run printed 227).
    let s = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .ws, convention: .scalesim)
    #expect(s.totalCycles == 227)
    // Used PEs per fold: (8,8,4 rows) x (8,4 cols): 240 of 6 x 64: 62.5%.
    #expect(s.mappingEfficiency == 0.625)
    // SCALE-Sim divides each fold by 2R + 2C + T - 3 = 45 cycles: 40 x 16 / (64 x 45).
    #expect(abs(s.computeUtilization - 640.0 / 2880.0) < 1e-15)
  }

  @Test("Output-stationary pays the R-cycle drain by default and not under SCALE-Sim")
  func outputStationary() {
    // M = 16 and N = 12 on 8 x 8: 2 x 2 folds; per fold K + R + C - 2 = 34, plus 8 to drain.
    let t = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .os)
    #expect(t.folds == 4 && t.totalCycles == 4 * 42)
    let s = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .os, convention: .scalesim)
    #expect(s.totalCycles == 135)  // 4 x 34 - 1, as SCALE-Sim printed
    #expect(s.mappingEfficiency == 0.75)
  }

  @Test("Input-stationary: 6 folds of rows + R + C + N - 2 (SCALE-Sim: 2R + C + N - 2 = 34)")
  func inputStationary() {
    // K = 20 on the rows (8, 8, 4) for each of 2 column folds of M: 40 + 6 x 26 = 196.
    let t = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .is)
    #expect(t.totalCycles == 196)
    let s = GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .is, convention: .scalesim)
    #expect(s.totalCycles == 203)
    #expect(abs(s.mappingEfficiency - 320.0 / 384.0) < 1e-15)
  }

  @Test(
    "Overlap options: double-buffered weights hide all loads but the first; overlapped folds pay one fill"
  )
  func overlap() {
    let both = ArrayOverlap(doubleBufferedStationary: true, overlapFillAndDrain: true)
    // 8 (one load) + 6 x 16 (streams) + 14 (one fill and drain) = 118.
    #expect(
      GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .ws, overlap: both).totalCycles == 118)
    let loads = ArrayOverlap(doubleBufferedStationary: true)
    #expect(
      GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .ws, overlap: loads).totalCycles == 8 + 6
        * 30)
    // SCALE-Sim timing ignores the options.
    #expect(
      GEMMTiming(gemm: gemm, rows: 8, cols: 8, dataflow: .ws, convention: .scalesim, overlap: both)
        .totalCycles == 227)
  }

  @Test("Non-square arrays and shapes smaller than the array")
  func nonSquare() {
    // 4 x 16 array, WS, M 3, K 3, N 5: 1 fold of 3 rows; 3 + 3 + 4 + 16 - 2 = 24.
    let t = GEMMTiming(gemm: GEMMShape(m: 3, n: 5, k: 3), rows: 4, cols: 16, dataflow: .ws)
    #expect(t.folds == 1 && t.totalCycles == 24)
    #expect(t.mappingEfficiency == 15.0 / 64.0)
    #expect(t.utilization == 45.0 / (64.0 * 24.0))
  }
}

/// SCALE-Sim v3 from PyPI in .build/scalesim-venv, set up on first use. Only when
/// QINS_SCALESIM=1: it downloads and installs SCALE-Sim and numpy<2.4.
let scalesimPython: String? = {
  guard ProcessInfo.processInfo.environment["QINS_SCALESIM"] == "1" else { return nil }
  let venv = repositoryRoot.appendingPathComponent(".build/scalesim-venv").path
  let python = venv + "/bin/python"
  func sh(_ args: [String]) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }
  if !sh([python, "-c", "import scalesim"]) {
    guard sh(["python3", "-m", "venv", venv]),
      sh([venv + "/bin/pip", "install", "-q", "numpy<2.4", "scalesim"])
    else { return nil }
  }
  return python
}()

@Suite("Against SCALE-Sim")
struct ScaleSimComparisonTests {
  @Test(
    "--timing scalesim equals SCALE-Sim's total cycles, mapping efficiency and compute utilisation on a grid",
    .enabled(
      if: scalesimPython != nil,
      "skipped: set QINS_SCALESIM=1 (installs SCALE-Sim from PyPI into .build/scalesim-venv)"),
    arguments: ["ws", "os", "is"])
  func grid(dataflow: String) throws {
    let arrays = [(4, 4), (8, 4), (4, 16), (16, 16)]
    let gemms = [(3, 5, 7), (16, 16, 16), (17, 9, 33), (64, 10, 3), (5, 40, 24)]
    for (r, c) in arrays {
      let args =
        [
          scalesimPython!, repositoryRoot.appendingPathComponent("Scripts/scalesim_gemm.py").path,
          dataflow, String(r), String(c),
        ]
        + gemms.flatMap { [String($0.0), String($0.1), String($0.2)] }
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = args
      let out = Pipe()
      p.standardOutput = out
      p.standardError = FileHandle.nullDevice
      try p.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
      let lines = text.split(separator: "\n")
      #expect(lines.count == gemms.count)
      for line in lines {
        let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let g = GEMMShape(m: o["m"] as! Int, n: o["n"] as! Int, k: o["k"] as! Int)
        let t = GEMMTiming(
          gemm: g, rows: r, cols: c, dataflow: Dataflow(rawValue: dataflow)!, convention: .scalesim)
        #expect(t.totalCycles == o["total_cycles"] as! Int, "\(dataflow) \(r)x\(c) \(g)")
        #expect(
          abs(t.mappingEfficiency * 100 - (o["mapping_efficiency"] as! Double)) < 1e-9,
          "\(dataflow) \(r)x\(c) \(g)")
        #expect(
          abs(t.computeUtilization * 100 - (o["compute_util"] as! Double)) < 1e-9,
          "\(dataflow) \(r)x\(c) \(g)")
      }
    }
  }
}

@Suite("Shared table ports")
struct TablePortTests {
  @Test(
    "A row of 8 PEs sharing 4 ports takes 2 cycles a stream step; 8 more for a QINS accumulator")
  func slowdown() {
    #expect(
      TablePorts.slowdown(
        cols: 8, ports: 4, shared: true, qinsOperands: true, qinsAccumulator: false) == 2)
    #expect(
      TablePorts.slowdown(
        cols: 8, ports: 4, shared: true, qinsOperands: true, qinsAccumulator: true) == 4)
    #expect(
      TablePorts.slowdown(
        cols: 8, ports: 4, shared: false, qinsOperands: true, qinsAccumulator: true) == 1)
    #expect(
      TablePorts.slowdown(
        cols: 8, ports: 4, shared: true, qinsOperands: false, qinsAccumulator: false) == 1)
    // ws on 8 x 8, M = 16: 6 folds each stream 16 steps; at 2 cycles a step, 6 x 16 more.
    let g = GEMMShape(m: 16, n: 12, k: 20)
    let t = GEMMTiming(gemm: g, rows: 8, cols: 8, dataflow: .ws, tableSlowdown: 2)
    #expect(t.tablePortStallCycles == 96 && t.totalCycles == 220 + 96)
    #expect(
      GEMMTiming(gemm: g, rows: 8, cols: 8, dataflow: .ws, convention: .scalesim, tableSlowdown: 2)
        .totalCycles == 227)
  }
}
