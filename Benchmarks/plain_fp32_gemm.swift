// plain_fp32_gemm.swift: the baseline of Benchmarks/array-models.sh, a plain FP32 GEMM loop
// (i, j, k; one multiply and one add per step), compiled with swiftc -O on its own.
// Usage: plain_fp32_gemm M N K   prints the median seconds of 5 runs.
import Foundation

let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let (m, n, k) = (args[0], args[1], args[2])
var state: UInt64 = 1
func next() -> Float {
  state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  return Float(Int64(bitPattern: state >> 11) % 2001 - 1000) / 1000
}
let a = (0..<(m * k)).map { _ in next() }
let b = (0..<(k * n)).map { _ in next() }
var c = [Float](repeating: 0, count: m * n)
var times: [Double] = []
for _ in 0..<5 {
  let start = DispatchTime.now().uptimeNanoseconds
  for i in 0..<m {
    for j in 0..<n {
      var s: Float = 0
      for x in 0..<k { s = s + a[i * k + x] * b[x * n + j] }
      c[i * n + j] = s
    }
  }
  times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
print(times.sorted()[2], c.reduce(0, +) == .infinity ? "" : "")
