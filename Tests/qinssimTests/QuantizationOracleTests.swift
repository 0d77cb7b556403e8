import Foundation
import QINSTestSupport
import Testing

/// The INT8, FP8, BF16 and best-QINS machines against an independent NumPy implementation of
/// the same scheme (Scripts/quant_oracle.py), through the built `qinssim run`.
@Suite("Rival machines against the NumPy oracle")
struct QuantizationOracleTests {
  static let program = """
    .const M = 12
    .const K = 40
    .const N = 20
    .tensor A dram [M, K] storage bind "a"
    .tensor W dram [N, K] storage bind "w"
    .tensor C dram [M, N] acc
    .tensor AT spad [M, K] storage
    .tensor WT spad [N, K] storage
    .tensor CT acc [M, N] acc
        li x1, M
        li x2, K
        li x3, N
        dma.shape x1, x2
        dma.copy AT, A, 0
        dma.shape x3, x2
        dma.copy WT, W, 1
        dma.wait 0
        dma.wait 1
        sa.shape x1, x2, x3
        sa.load.t WT
        sa.matmul CT, AT, set
        dma.shape x1, x3
        dma.copy C, CT, 2
        dma.wait 2
        halt
    """

  static func python(_ arguments: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + arguments
    p.standardOutput = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
  }

  static let numpy = PythonPackages.succeeds(["python3", "-c", "import numpy"])

  @Test(
    "C = A W^T bit for bit with the oracle: per-row and per-channel FP32 scales, MSE calibration",
    .enabled(if: numpy, "skipped: python3 with numpy is not available here"),
    arguments: ["int8", "fp8-e4m3", "fp8-e5m2", "bf16", "qins-default", "qins-exact"])
  func gemm(_ machine: String) throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    try Data(Self.program.utf8).write(to: URL(fileURLWithPath: path("g.qasm")))
    try Data(#"{"name": "qins-exact", "array": {"product": "exact"}}"#.utf8).write(
      to: URL(fileURLWithPath: path("qins-exact.json")))
    // Rows of different magnitudes, one outlier; fixed seed.
    var state: UInt64 = 0x5EED
    func normal() -> Float {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u1 = max(Double(state >> 11) / Double(1 << 53), 1e-12)
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u2 = Double(state >> 11) / Double(1 << 53)
      return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }
    var a: [Float] = []
    for r in 0..<12 {
      let gain = Float(pow(2.0, Double(r % 5) - 2))
      for _ in 0..<40 { a.append(normal() * gain) }
    }
    a[3 * 40 + 7] = 9
    let w = (0..<800).map { _ in normal() * 0.05 }
    try Data(NPYBytes.float32(shape: [12, 40], values: a)).write(
      to: URL(fileURLWithPath: path("A.npy")))
    try Data(NPYBytes.float32(shape: [20, 40], values: w)).write(
      to: URL(fileURLWithPath: path("W.npy")))
    let r = try CommandRunner.run(
      "qinssim",
      [
        "run", path("g.qasm"), "--machine",
        machine == "qins-exact" ? path("qins-exact.json") : machine, "--bind", "a=\(path("A.npy"))",
        "--bind",
        "w=\(path("W.npy"))", "--dump", "C=\(path("C.npy"))",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let script = repositoryRoot.appendingPathComponent("Scripts/quant_oracle.py").path
    #expect(
      Self.python([script, "gemm", machine, path("A.npy"), path("W.npy"), path("O.npy")]) == 0)
    let got = try Data(contentsOf: URL(fileURLWithPath: path("C.npy")))
    let want = try Data(contentsOf: URL(fileURLWithPath: path("O.npy")))
    // Both are float32 .npy files of shape (12, 20): compare the data after the headers.
    #expect(got.count == want.count)
    #expect(
      got.suffix(12 * 20 * 4) == want.suffix(12 * 20 * 4), "\(machine) differs from the oracle")
  }
}
