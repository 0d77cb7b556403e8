import Foundation
import QINSNumbers
import Testing

@Suite("The seed's log codec (QINS-L)")
struct LogCodecTests {
  @Test("Levels run in inverse order: the largest magnitude is level 1, the smallest 255")
  func levels() throws {
    // log-magnitudes 0, -1.27 and -2.54: the middle one normalises to 0.5, level 128.
    let xs: [Float] = [1, -Float(exp(-1.27)), Float(exp(-2.54)), 0]
    let t = try LogCodedTensor.encode(xs)
    // The zero clamps to 1e-8 and becomes the tensor's smallest magnitude.
    #expect(t.logMin == logf(1e-8))
    #expect(t.levels[0] == 1)
    #expect(t.levels[3] == 255)
    #expect(t.signs == [1, -1, 1, 0])
    let d = t.decoded()
    #expect(d[0] == expf(t.logMax))
    #expect(d[3] == 0)  // sign 0 decodes to zero whatever the level
  }

  @Test("Round trip error is bounded by half a level step in log space")
  func errorBound() throws {
    let xs: [Float] = (1...1000).map { Float($0) * 0.001 * ($0 % 2 == 0 ? 1 : -1) }
    let t = try LogCodedTensor.encode(xs)
    let step = Double(t.logMax - t.logMin) / 254
    for (x, y) in zip(xs, t.decoded()) {
      let logError = abs(log(Double(abs(y))) - log(Double(abs(x))))
      #expect(logError <= step / 2 + 1e-5, "x=\(x) y=\(y)")
      #expect((x < 0) == (y < 0))
    }
    #expect(t.storedBytes == 2 * 1000 + 8)
  }

  @Test("NaN is refused, naming the element")
  func nan() {
    #expect(throws: NumberFormatError.self) { _ = try LogCodedTensor.encode([1, .nan]) }
  }
}
