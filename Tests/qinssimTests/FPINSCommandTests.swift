import Foundation
import QINSTestSupport
import Testing

@Suite("qinssim fpins and formats")
struct FPINSCommandTests {
  @Test("encode reproduces the seed's 1.0 -> 1.0159 at L = 2 with the greedy encoder")
  func encodeGreedy() throws {
    let r = try CommandRunner.run(
      "qinssim", ["fpins", "encode", "1.0", "--depth", "2", "--encoder", "greedy", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any]
    #expect(obj["factors"] as? [Int] == [6, 7, 6])
    #expect(obj["level_bytes"] as? [Int] == [250, 249, 250])
    #expect(obj["exact_decoded"] as? String == "64/63")
  }

  @Test("encode takes negative values without a -- separator; decode gives the value back")
  func negativeRoundTrip() throws {
    let e = try CommandRunner.run("qinssim", ["fpins", "encode", "-0.1", "--depth", "3", "--json"])
    #expect(e.status == 0, "\(e.stderr)")
    let obj = try JSONSerialization.jsonObject(with: e.stdoutData) as! [String: Any]
    #expect(obj["sign"] as? Int == -1)
    let bytes = (obj["level_bytes"] as! [Int]).map(String.init)
    let d = try CommandRunner.run("qinssim", ["fpins", "decode", "--sign", "-1", "--json"] + bytes)
    #expect(d.status == 0, "\(d.stderr)")
    let back = try JSONSerialization.jsonObject(with: d.stdoutData) as! [String: Any]
    #expect(back["value"] as? Double == obj["decoded"] as? Double)
  }

  @Test("decode: 16 levels of 0 is 256 / 2^128, exact past 64 bits")
  func decodeDeep() throws {
    let r = try CommandRunner.run(
      "qinssim", ["fpins", "decode"] + Array(repeating: "0", count: 16))
    #expect(r.status == 0)
    #expect(r.stdout.contains("product    340282366920938463463374607431768211456"))
    #expect(r.stdout.contains("exact      1/1329227995784915872903807060280344576"))
  }

  @Test(
    "Bad input gets a message and a non-zero status",
    arguments: [
      (["fpins", "encode", "nan"], "'nan' is not finite"),
      (["fpins", "encode", "inf"], "'inf' is not finite"),
      (["fpins", "encode", "abc"], "'abc' is not a number"),
      (["fpins", "encode"], "Missing the value"),
      (["fpins", "encode", "1", "--depth", "16"], "--depth 16 is out of range"),
      (["fpins", "encode", "1", "--depth", "-1"], "--depth -1 is out of range"),
      (["fpins", "encode", "1", "--encoder", "best"], "'best' is invalid for '--encoder"),
      (["fpins", "decode", "0", "256"], "level byte 1 is 256; level bytes are 0...255"),
      (["fpins", "decode", "0", "x1"], "level byte 1 ('x1') is not an integer"),
      (["fpins", "decode", "--sign", "2", "0"], "sign 2 is invalid"),
      (["fpins", "decode"] + Array(repeating: "1", count: 17), "depth 16 is out of range"),
      (["formats", "--samples", "0"], "--samples must be > 0"),
      (["formats", "--max-depth", "99"], "--max-depth 99 is out of range"),
    ])
  func badInput(arguments: [String], message: String) throws {
    let r = try CommandRunner.run("qinssim", arguments)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test("formats: a small study prints both tables and agrees with itself in JSON")
  func formatsStudy() throws {
    let r = try CommandRunner.run("qinssim", ["formats", "--samples", "500", "--max-depth", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("FPINS(2) greedy"))
    #expect(r.stdout.contains("QINS-L (seed log codec)"))
    let j = try CommandRunner.run(
      "qinssim", ["formats", "--samples", "500", "--max-depth", "2", "--json"])
    let obj = try JSONSerialization.jsonObject(with: j.stdoutData) as! [String: Any]
    let rows = obj["sample_rows"] as! [[String: Any]]
    #expect(rows.count == 5 + 6)
    // Same seed, same bytes: the study is deterministic.
    let again = try CommandRunner.run(
      "qinssim", ["formats", "--samples", "500", "--max-depth", "2", "--json"])
    #expect(again.stdoutData == j.stdoutData)
  }
}
