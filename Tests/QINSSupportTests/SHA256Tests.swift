import QINSSupport
import Testing

@Suite("SHA-256")
struct SHA256Tests {
  @Test("FIPS 180-2 test vectors")
  func vectors() {
    #expect(
      SHA256.hex(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(of: [UInt8]())
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("A million 'a's, fed in uneven pieces")
  func millionA() {
    var h = SHA256()
    var left = 1_000_000
    var piece = 1
    while left > 0 {
      let n = min(piece, left)
      h.update([UInt8](repeating: 0x61, count: n))
      left -= n
      piece = piece * 3 % 1000 + 1
    }
    let hex = h.finalize().map {
      String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }.joined()
    #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

@Suite("Seeded generator")
struct SeededGeneratorTests {
  @Test("The same seed gives the same sequence; normal samples have mean ~0 and sd ~1")
  func determinism() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    var g = SeededGenerator(seed: 1)
    let xs = (0..<100_000).map { _ in g.nextNormal() }
    let mean = xs.reduce(0, +) / Double(xs.count)
    let sd = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
    #expect(abs(mean) < 0.01)
    #expect(abs(sd - 1) < 0.01)
  }
}
