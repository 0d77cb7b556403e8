/// How a byte-level BPE tokenizer cuts text into pieces before merging, as GGUF files name it
/// (`tokenizer.ggml.pre`). Merges never cross a piece's boundary.
public enum PreTokenizer: String, Sendable, CaseIterable {
  /// GPT-2's pattern, `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
  case gpt2
  /// Every numeric character a piece of its own, then GPT-2's pattern within the rest
  /// (llama.cpp's `smollm`, `starcoder`, `refact`, `codeshell` and `command-r`).
  case digitsThenGPT2 = "smollm"

  /// The pre-tokenizer a GGUF file's `tokenizer.ggml.pre` names; nil for one not modelled.
  public init?(ggufName: String) {
    switch ggufName {
    case "default", "gpt2", "gpt-2", "mpt", "olmo", "jais": self = .gpt2
    case "smollm", "starcoder", "refact", "codeshell", "command-r": self = .digitsThenGPT2
    default: return nil
    }
  }

  /// The pieces of `text`, in order; together they are the whole text.
  public func pieces(_ text: Substring) -> [Substring] {
    switch self {
    case .gpt2: return Self.gpt2Pieces(text)
    case .digitsThenGPT2:
      var out: [Substring] = []
      var start = text.unicodeScalars.startIndex
      var i = start
      let scalars = text.unicodeScalars
      while i < scalars.endIndex {
        let next = scalars.index(after: i)
        if Self.isNumber(scalars[i]) {
          if start < i { out += Self.gpt2Pieces(Substring(scalars[start..<i])) }
          out.append(Substring(scalars[i..<next]))
          start = next
        }
        i = next
      }
      if start < scalars.endIndex { out += Self.gpt2Pieces(Substring(scalars[start...])) }
      return out
    }
  }

  static func isLetter(_ c: Unicode.Scalar) -> Bool {
    switch c.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      true
    default: false
    }
  }

  static func isNumber(_ c: Unicode.Scalar) -> Bool {
    switch c.properties.generalCategory {
    case .decimalNumber, .letterNumber, .otherNumber: true
    default: false
    }
  }

  static func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

  /// GPT-2's pattern by hand: at each position the first alternative that matches, each
  /// greedy; `\s+(?!\S)` gives back the last white space before a non-space.
  static func gpt2Pieces(_ text: Substring) -> [Substring] {
    let s = Array(text.unicodeScalars)
    var bounds: [Int] = [0]
    var i = 0
    func run(from j: Int, _ belongs: (Unicode.Scalar) -> Bool) -> Int {
      var k = j
      while k < s.count && belongs(s[k]) { k += 1 }
      return k
    }
    func other(_ c: Unicode.Scalar) -> Bool { !isSpace(c) && !isLetter(c) && !isNumber(c) }
    while i < s.count {
      var end: Int? = nil
      // 's 't 're 've 'm 'll 'd
      if s[i] == "'" {
        for suffix in ["s", "t", "re", "ve", "m", "ll", "d"] {
          let u = Array(suffix.unicodeScalars)
          if i + u.count < s.count, Array(s[(i + 1)...(i + u.count)]) == u {
            end = i + 1 + u.count
            break
          }
        }
      }
      //  ?\p{L}+   ?\p{N}+   ?[^\s\p{L}\p{N}]+
      if end == nil {
        let j = s[i] == " " ? i + 1 : i
        for cls in [isLetter, isNumber, other] where end == nil {
          let k = run(from: j, cls)
          if k > j { end = k }
        }
      }
      // \s+(?!\S) then \s+
      if end == nil {
        let k = run(from: i, isSpace)
        end = (k == s.count || k - i == 1) ? k : k - 1
      }
      i = end!
      bounds.append(i)
    }
    var out: [Substring] = []
    let scalars = text.unicodeScalars
    var index = scalars.startIndex
    for (a, b) in zip(bounds, bounds.dropFirst()) {
      let next = scalars.index(index, offsetBy: b - a)
      out.append(Substring(scalars[index..<next]))
      index = next
    }
    return out
  }
}
