import Foundation
import QINSTestSupport
import Testing

@Suite("qinssim gemm")
struct GemmCommandTests {
  @Test("--json carries the stable names; --timing scalesim gives SCALE-Sim's total")
  func json() throws {
    let r = try CommandRunner.run(
      "qinssim",
      [
        "gemm", "--m", "16", "--n", "12", "--k", "20", "--rows", "8", "--cols", "8", "--dataflow",
        "ws", "--timing", "scalesim", "--json",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    #expect(o["total_cycles"] as? Int == 227)
    #expect(o["compute_cycles"] as? Int == 228)
    #expect(o["stall_cycles"] as? Int == 0)
    #expect(o["folds"] as? Int == 6)
    #expect(o["mapping_efficiency"] as? Double == 0.625)
    #expect(o["utilization"] is Double)
    #expect(o["energy_pj"] is Double)
  }

  @Test("A machine whose local buffers cannot feed the array's edge stalls it")
  func edgeStalls() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 128 rows x 2 bytes = 256 bytes an edge a cycle; a 64 B/cycle lbuf delivers a quarter:
    // each fold's M = 128 rows take 512 cycles, 384 of them stalls; 24 x 24 = 576 folds.
    let file = dir.appendingPathComponent("slow.json")
    try Data(#"{"memories": {"lbuf": {"bytes_per_cycle": 64}}}"#.utf8).write(to: file)
    let r = try CommandRunner.run(
      "qinssim",
      ["gemm", "--m", "128", "--n", "3072", "--k", "3072", "--machine", file.path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    #expect(o["stall_cycles"] as? Int == 576 * 384)
    // Every preset loads the next fold's weights behind the current stream and overlaps the
    // folds: one R = 128 load, 576 streams of 128 + 384 cycles, one fill and drain of 254.
    #expect(o["total_cycles"] as? Int == 128 + 576 * 512 + 254)
  }

  @Test(
    "Bad input gets a message",
    arguments: [
      (["gemm", "--m", "0", "--n", "1", "--k", "1"], "--m must be >= 1"),
      (
        ["gemm", "--m", "1", "--n", "1", "--k", "1", "--dataflow", "rs"],
        "The value 'rs' is invalid for '--dataflow <dataflow>'. Please provide one of 'ws', 'os' or 'is'."
      ),
      (
        ["gemm", "--m", "1", "--n", "1", "--k", "1", "--timing", "fast"],
        "The value 'fast' is invalid for '--timing <timing>'. Please provide one of 'default' and 'scalesim'."
      ),
      (
        ["gemm", "--m", "1", "--n", "1", "--k", "1", "--rows", "0"],
        "--rows must be 1...65536, got 0"
      ),
      (["gemm", "--m", "1", "--n", "1"], "Missing expected argument '--k <k>'"),
    ])
  func badInput(arguments: [String], message: String) throws {
    let r = try CommandRunner.run("qinssim", arguments)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
  }
}

@Suite("qinssim gemm, functional and PE-level")
struct GemmFunctionalCommandTests {
  func run(_ extra: [String]) throws -> [String: Any] {
    let r = try CommandRunner.run(
      "qinssim",
      ["gemm", "--m", "24", "--n", "20", "--k", "40", "--rows", "8", "--cols", "8", "--json"]
        // These paths model the seed's PEs; other QINS designs run through `qinssim run`.
        + (extra.contains("--machine") ? extra : extra + ["--machine", "qins-seed"]))
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
  }

  @Test(
    "--model pe and --functional agree in every figure but the wall time, for each dataflow",
    arguments: ["ws", "os", "is"])
  func peMatchesFast(dataflow: String) throws {
    let pe = try run(["--dataflow", dataflow, "--model", "pe"])
    let fast = try run(["--dataflow", dataflow, "--functional"])
    let f1 = pe["functional"] as! [String: Any]
    let f2 = fast["functional"] as! [String: Any]
    for key in ["max_abs_error", "relative_rms_error", "cosine", "overflowing_products"] {
      #expect("\(f1[key]!)" == "\(f2[key]!)", "\(key)")
    }
    #expect(f1["cycles"] as? Int == pe["total_cycles"] as? Int)
    #expect(f1["pe_steps"] as! Int > 0)
  }

  @Test("The FP32 machine's product is the FP32 reference exactly; QINS8 shows its error")
  func errors() throws {
    let fp =
      (try run(["--functional", "--machine", "fp32-reference"]))["functional"] as! [String: Any]
    #expect(fp["max_abs_error"] as? Double == 0 && fp["cosine"] as? Double == 1)
    let q = (try run(["--functional"]))["functional"] as! [String: Any]
    #expect((q["relative_rms_error"] as! Double) > 1e-3)
    #expect((q["cosine"] as! Double) > 0.5)
  }

  @Test("--model pe refuses the overlap options; an unknown model is named")
  func badOptions() throws {
    var r = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "4", "--n", "4", "--k", "4", "--model", "pe", "--double-buffer"])
    #expect(r.status != 0 && r.stderr.contains("apply to the fast model"))
    r = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "4", "--n", "4", "--k", "4", "--model", "exact"])
    #expect(
      r.status == 64
        && r.stderr.contains(
          "The value 'exact' is invalid for '--model <model>'. Please provide one of 'fast' and 'pe'."
        ))
    // The seed's PE models do not pretend to be the scaled machines.
    r = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "4", "--n", "4", "--k", "4", "--functional", "--machine", "int8"])
    #expect(r.status == 1 && r.stderr.contains("model the seed's PEs"), "\(r.stderr)")
  }
}

@Suite("qinssim gemm, machine array options and table ports")
struct GemmMachineOptionTests {
  @Test("The machine's overlap options apply; shared table ports stall the stream")
  func options() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var r = try CommandRunner.run(
      "qinssim", ["gemm", "--m", "128", "--n", "3072", "--k", "3072", "--json"])
    var o = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    // Every preset overlaps: 128 (one load) + 576 folds x 128 + 254 (one fill and drain).
    #expect(o["total_cycles"] as? Int == 128 + 576 * 128 + 254)
    // With both options off: 576 x (128 to load + 128 + 254 to stream, fill and drain).
    let serial = dir.appendingPathComponent("serial.json")
    try Data(#"{"array": {"double_buffered_stationary": false, "overlap_folds": false}}"#.utf8)
      .write(to: serial)
    r = try CommandRunner.run(
      "qinssim",
      ["gemm", "--m", "128", "--n", "3072", "--k", "3072", "--machine", serial.path, "--json"])
    o = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    #expect(o["total_cycles"] as? Int == 576 * (128 + 382))
    // One table copy per row of 128 PEs with 16 ports: 128 look-ups a cycle, 8 cycles a step.
    let shared = dir.appendingPathComponent("shared.json")
    try Data(#"{"array": {"tables": "shared_sram", "table_ports": 16}}"#.utf8).write(to: shared)
    r = try CommandRunner.run(
      "qinssim",
      ["gemm", "--m", "128", "--n", "3072", "--k", "3072", "--machine", shared.path, "--json"])
    o = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    #expect(o["table_port_stall_cycles"] as? Int == 576 * 128 * 7)
    #expect(o["total_cycles"] as? Int == 128 + 576 * 128 + 254 + 576 * 128 * 7)
  }
}
