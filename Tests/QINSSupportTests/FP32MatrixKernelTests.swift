import QINSSupport
import Testing

/// The vector kernels against the plain loops that define them, bit for bit, at every vector
/// width this CPU has.
@Suite("FP32 matrix kernels", .serialized)
struct FP32MatrixKernelTests {
  /// Values with varied exponents and signs, some zeros and negative zeros, so that the order
  /// of the additions shows in the low bits.
  static func values(_ count: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { i in
      switch i % 23 {
      case 0: return 0
      case 11: return -0.0
      default:
        let x =
          Float(g.nextNormal())
          * Float(sign: .plus, exponent: Int(g.next() % 20) - 10, significand: 1)
        return x
      }
    }
  }

  /// Every width available here, widest last (nil: no limit).
  static var widths: [Int?] {
    FP32MatrixKernel.limitVectorWidth(nil)
    let widest = FP32MatrixKernel.vectorWidth
    return [4, 8].filter { $0 < widest } + [nil]
  }

  @Test("accumulate: c + a b in k order, for odd shapes, strides and k ranges")
  func accumulate() {
    for width in Self.widths {
      FP32MatrixKernel.limitVectorWidth(width)
      defer { FP32MatrixKernel.limitVectorWidth(nil) }
      for (rows, columns, k0, k1) in [
        (1, 1, 0, 1), (4, 32, 0, 7), (7, 70, 3, 40), (13, 33, 0, 129), (5, 16, 2, 2),
      ] {
        let (aStride, bStride, cStride) = (k1 + 2, columns + 5, columns + 3)
        let a = Self.values(rows * aStride, seed: 1)
        let b = Self.values(k1 * bStride, seed: 2)
        var c = Self.values(rows * cStride, seed: 3)
        var want = c
        for i in 0..<rows {
          for j in 0..<columns {
            var s = want[i * cStride + j]
            for kk in k0..<k1 { s = s + a[i * aStride + kk] * b[kk * bStride + j] }
            want[i * cStride + j] = s
          }
        }
        a.withUnsafeBufferPointer { ap in
          b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
              FP32MatrixKernel.accumulate(
                a: ap.baseAddress!, aStride: aStride, b: bp.baseAddress!, bStride: bStride,
                c: cp.baseAddress!, cStride: cStride, rows: rows, k: k0..<k1, columns: columns)
            }
          }
        }
        #expect(
          c.map(\.bitPattern) == want.map(\.bitPattern),
          "width \(String(describing: width)) \(rows)x\(columns) k \(k0)..<\(k1)")
      }
    }
  }

  @Test("accumulateScaled: c + (sa sb)(ua ub) in k order")
  func accumulateScaled() {
    for width in Self.widths {
      FP32MatrixKernel.limitVectorWidth(width)
      defer { FP32MatrixKernel.limitVectorWidth(nil) }
      for (rows, columns, k0, k1) in [(1, 1, 0, 1), (3, 40, 1, 17), (6, 67, 0, 33)] {
        let (aStride, bStride, cStride) = (2 * k1 + 4, 2 * columns + 2, columns + 1)
        let a = Self.values(rows * aStride, seed: 4).map { $0 == 0 ? $0 : $0 }
        let b = Self.values(k1 * bStride, seed: 5)
        var c = Self.values(rows * cStride, seed: 6)
        var want = c
        for i in 0..<rows {
          for j in 0..<columns {
            var s = want[i * cStride + j]
            for kk in k0..<k1 {
              let (ua, sa) = (a[i * aStride + 2 * kk], a[i * aStride + 2 * kk + 1])
              let (ub, sb) = (b[kk * bStride + 2 * j], b[kk * bStride + 2 * j + 1])
              s = s + (sa * sb) * (ua * ub)
            }
            want[i * cStride + j] = s
          }
        }
        a.withUnsafeBufferPointer { ap in
          b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
              FP32MatrixKernel.accumulateScaled(
                a: ap.baseAddress!, aStride: aStride, b: bp.baseAddress!, bStride: bStride,
                c: cp.baseAddress!, cStride: cStride, rows: rows, k: k0..<k1, columns: columns)
            }
          }
        }
        #expect(
          c.map(\.bitPattern) == want.map(\.bitPattern),
          "width \(String(describing: width)) \(rows)x\(columns)")
      }
    }
  }
}

@Suite("Host threads")
struct ParallelismTests {
  @Test("forEach calls every index exactly once, for any thread count")
  func everyIndexOnce() {
    for threads in [1, 2, 3, 8] {
      for count in [0, 1, 5, 64] {
        var hits = [Int](repeating: 0, count: count)
        hits.withUnsafeMutableBufferPointer { buffer in
          let shared = SharedPointer(buffer)
          Parallelism(threads: threads).forEach(count) { shared[$0] += 1 }
        }
        #expect(hits == [Int](repeating: 1, count: count), "threads \(threads) count \(count)")
      }
    }
    #expect(Parallelism(threads: 0).threads == 1)
  }

  @Test("normalFloats: the same values and the same next draw with 1 or 3 threads")
  func normalFloatsAnyThreads() {
    var serial = SeededGenerator(seed: 7)
    var parallel = SeededGenerator(seed: 7)
    let count = 3 * 65_536 + 5
    let a = serial.normalFloats(count: count, sigma: 0.02)
    let b = parallel.normalFloats(count: count, sigma: 0.02, parallelism: Parallelism(threads: 3))
    #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    #expect(serial.next() == parallel.next())
  }
}
