import Foundation
import QINSTestSupport
import Testing

/// `--csv` and the operators in `--json`: every machine's figures per layer and operator.
@Suite("Operators in --csv and --json")
struct OperatorCSVTests {
  /// The CSV's rows as dictionaries by column (the cells here hold no commas).
  func rows(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }

  @Test("transformer: a row per machine, layer and operator; the rows add up to the JSON's figures")
  func transformer() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json").path
    let csv = dir.appendingPathComponent("t.csv").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "phi-3.5-mini", "--seq", "16", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "96", "--layers", "0-1", "--machines", "int8",
        "--json", json, "--csv", csv,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let report =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    let machines = report["machines"] as! [String: [String: Any]]
    let table = try rows(csv)
    let operators = [
      "attn_norm", "q_proj", "k_proj", "v_proj", "attention", "o_proj", "attn_residual_ffn_norm",
      "gate_up_silu", "act_to_storage", "down_proj", "ffn_residual",
    ]
    for name in ["int8", "fp32-reference"] {
      let m = machines[name]!
      let perLayer = m["per_layer_roofline"] as! [[String: Any]]
      for layer in perLayer {
        let ops = layer["operators"] as! [[String: Any]]
        #expect(ops.map { $0["name"] as! String } == operators)
        let cycles = (layer["roofline"] as! [String: Any])["cycles"] as! Int
        #expect(ops.map { $0["cycles"] as! Int }.reduce(0, +) == cycles)
        let scope = "layer \(layer["layer"] as! Int)"
        let mine = table.filter { $0["machine"] == name && $0["scope"] == scope }
        #expect(mine.map { $0["operator"]! } == operators + ["(all)"])
        #expect(mine.last?["cycles"] == String(cycles))
      }
      let all = table.filter { $0["machine"] == name && $0["scope"] == "all" }
      #expect(all.map { $0["operator"]! } == operators + ["(all)"])
      let whole = try #require(all.last)
      #expect(whole["cycles"] == String(m["cycles"] as! Int))
      #expect(whole["dram_bytes"] == String(m["dram_bytes"] as! Int))
      #expect(whole["multiply_accumulates"] == String(m["multiply_accumulates"] as! Int))
      // The operators in sequence: the sum of each operator's tightest bound.
      let sequence = all.dropLast().map { Int($0["bound_" + $0["tightest"]!]!)! }.reduce(0, +)
      #expect(whole["operators_in_sequence"] == String(sequence))
      #expect(
        (m["roofline"] as! [String: Any])["operators_in_sequence"] as? Int == sequence)
      let summed = all.dropLast().map { Int($0["cycles"]!)! }.reduce(0, +)
      #expect(summed == m["cycles"] as! Int)
      #expect(whole["tightest"] == (m["roofline"] as! [String: Any])["tightest"] as? String)
      let gemm = all.first { $0["operator"] == "gate_up_silu" }!
      #expect(
        Int(gemm["multiply_accumulates"]!)! == 2 * (16 * 64 * 96 * 2), "two layers of gate and up")
    }
  }

  @Test("run: --csv beside the text table, which names every operator")
  func run() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("r.csv").path
    let program = repositoryRoot.appendingPathComponent("Programs/llama_head.qasm").path
    let r = try CommandRunner.run(
      "qinssim", ["run", program, "--machine", "bf16", "--timing-only", "--csv", csv])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\noutput_norm ") && r.stdout.contains("\nlm_head "))
    let table = try rows(csv)
    #expect(table.map { $0["operator"]! } == ["output_norm", "lm_head", "(all)"])
    #expect(table.allSatisfy { $0["machine"] == "bf16" && $0["scope"] == "all" })
    // The CSV may not overwrite an input.
    let same = try CommandRunner.run("qinssim", ["run", program, "--csv", program])
    #expect(
      same.status == 64 && same.stderr.contains("is an input of this command"), "\(same.stderr)")
  }
}
