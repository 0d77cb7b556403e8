import QINSNumbers
import QINSSupport
import Testing

/// Operands for the PE equivalence tests: every pair of 8-bit codes, each with signs and an
/// incoming partial sum drawn at random (zeros, both signs, partial sums at the binary32 edges
/// and at ordinary sizes).
struct PEVector {
  var a: UInt8
  var b: UInt8
  var aSign: Int8
  var bSign: Int8
  var accumulator: UInt32
  var exponent: Int
}

enum PEOperands {
  /// All 65,536 code pairs, each with random signs (a zero one time in eight per operand),
  /// partial sum and product exponent (-40...40).
  static func allCodePairs(seed: UInt64) -> [PEVector] {
    var random = SeededGenerator(seed: seed)
    var vectors: [PEVector] = []
    vectors.reserveCapacity(65_536)
    for a in 0..<256 {
      for b in 0..<256 {
        vectors.append(
          PEVector(
            a: UInt8(a), b: UInt8(b), aSign: sign(&random), bSign: sign(&random),
            accumulator: accumulator(&random), exponent: Int(random.next() % 81) - 40))
      }
    }
    return vectors
  }

  static func sign(_ random: inout SeededGenerator) -> Int8 {
    switch random.next() % 8 {
    case 0: 0
    case 1, 2, 3: -1
    default: 1
    }
  }

  /// A partial sum: an edge pattern, a value of ordinary size, or any pattern.
  static func accumulator(_ random: inout SeededGenerator) -> UInt32 {
    switch random.next() % 4 {
    case 0:
      return FloatOperands.binary32Edges[
        Int(random.next() % UInt64(FloatOperands.binary32Edges.count))]
    case 1, 2:
      return Float(random.nextNormal() * 64).bitPattern
    default:
      return UInt32(truncatingIfNeeded: random.next())
    }
  }
}

extension QINS8 {
  /// The value with sign `sign` (-1, 0, +1) and code `code`.
  init(signed sign: Int8, _ code: UInt8) { self.init(sign: sign, code: code) }
}

/// The circuits' QINS8 word {zero, negative, code} of sign `sign` (-1, 0, +1) and `code` (a
/// zero keeps its code: the circuits must ignore it).
func qinsWord(sign: Int8, code: UInt8) -> UInt64 {
  (sign == 0 ? 1 << 9 : 0) | (sign < 0 ? 1 << 8 : 0) | UInt64(code)
}

/// Records the first mismatches between a circuit's binary32 results (the first output of
/// each vector) and `model`'s, compared as ``sameBinary32(_:_:)``.
func expectBinary32(
  _ results: [[UInt64]], model: (Int) -> Float, describe: (Int) -> String
) {
  var mismatches = 0
  for i in results.indices {
    let expected = model(i)
    let got = results[i][0]
    if !sameBinary32(got, expected) {
      mismatches += 1
      if mismatches <= 5 {
        Issue.record(
          "\(describe(i)): circuit \(hex32(UInt32(got))), model \(hex32(expected.bitPattern))")
      }
    }
  }
  #expect(mismatches == 0, "\(mismatches) of \(results.count) vectors differ")
}
