import Foundation
import QINSTestSupport
import Testing

/// Sizes from the command line that would overflow, hang or exhaust the host are refused up
/// front, each with a message naming what and how much.
@Suite("Limits on the command line")
struct LimitCommandTests {
  @Test("Huge GEMMs, arrays and samples: a message and exit 1 or 64, never a trap")
  func huge() throws {
    for (arguments, status, text) in [
      (
        ["gemm", "--m", "10000000000", "--n", "10000000000", "--k", "10000000000"], Int32(1),
        "cannot time this GEMM: 10000000000 x 10000000000 x 10000000000 is 1e+30 multiply-accumulates"
      ),
      (
        ["gemm", "--m", "1048576", "--n", "1048576", "--k", "65536", "--rows", "1", "--cols", "1"],
        1, "folds onto a 1 x 1 array, more than the 2^30"
      ),
      (
        ["gemm", "--m", "8", "--n", "8", "--k", "8", "--rows", "100000"], 64,
        "--rows must be 1...65536"
      ),
      (
        [
          "gemm", "--m", "100000", "--n", "100000", "--k", "100000", "--functional", "--machine",
          "qins-seed",
        ],
        1, "host memory for the GEMM's matrices: 671 GiB needed"
      ),
      (
        [
          "gemm", "--m", "8", "--n", "8", "--k", "8", "--rows", "4096", "--cols", "4096", "--model",
          "pe",
          "--machine", "qins-seed", "--max-host-memory", "100M",
        ],
        1, "host memory for the GEMM's matrices and PEs: 1.0 GiB needed, the limit is 100 MiB"
      ),
      (
        ["formats", "--samples", "1000000000000"], 1,
        "host memory for --samples 1000000000000: 14.6 TiB needed"
      ),
      (["transformer", "--hidden", "100000"], 64, "--hidden must be 1...65536, not 100000"),
      (
        ["transformer", "--hidden", "65536", "--heads", "512", "--head-dim", "128"], 64,
        "host memory for a layer of hidden 65536, intermediate 8192, sequence 128"
      ),
      (["run", "p.qasm", "--max-host-memory", "12X"], 64, "--max-host-memory must be a size"),
      // Refused before the other machines run (it used to come after 9 minutes of qins-seed).
      (
        [
          "transformer", "--model", "minilm-l6", "--seq", "16", "--machines",
          "qins-seed,qins-default",
          "--accumulator", "fpins2",
        ],
        1, "qins-default: scales per row, channel or tile (quantization) need FP32 accumulators"
      ),
      // Found by qinsfuzz (command-lines 867 and 1064 of seed 2026, before the dimension
      // limits): heads x head dimension overflowed in validation.
      (
        [
          "transformer", "--model", "minilm-l6", "--heads", "2", "--head-dim",
          "9223372036854775807",
        ],
        64, "--head-dim must be 1...4096, not 9223372036854775807"
      ),
      (
        [
          "transformer", "--model", "minilm-l6", "--heads", "9223372036854775807", "--head-dim",
          "16",
        ],
        64, "--heads must be 1...4096, not 9223372036854775807"
      ),
    ] {
      let r = try CommandRunner.run("qinssim", arguments)
      #expect(r.status == status, "\(arguments): \(r.stderr)")
      #expect(r.stderr.contains(text), "\(arguments): \(r.stderr)")
    }
  }

  @Test("A machine file's impossible fields are refused naming the field and the range")
  func machineFields() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("m.json").path
    try #"{"array": {"rows": 1000000000, "cols": 1000000000}}"#.write(
      toFile: file, atomically: true, encoding: .utf8)
    let r = try CommandRunner.run(
      "qinssim", ["gemm", "--machine", file, "--m", "8", "--n", "8", "--k", "8"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("array.rows must be 1...65536, found 1000000000"), "\(r.stderr)")
  }

  @Test("A directory that cannot be created says why, in words")
  func directories() throws {
    let r = try CommandRunner.run("qinssim", ["tables", "export", "--dir", "/dev/null/x"])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("/dev/null/x: /dev/null exists and is not a directory"), "\(r.stderr)")
    #expect(!r.stderr.contains("NSCocoaErrorDomain"))
  }
}
