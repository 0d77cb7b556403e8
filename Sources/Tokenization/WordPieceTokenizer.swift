import Foundation
import QINSSupport

/// BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 uses it: clean the text, lower-case
/// it, strip accents, split on white space and around punctuation, then cut each word into the
/// longest pieces found in the vocabulary (continuations prefixed `##`); a word that cannot be
/// cut, or is longer than 100 characters, becomes `[UNK]`. `[CLS]` and `[SEP]` frame the result.
///
/// Not handled: the padding of CJK ideographs into separate words that BERT's basic tokenizer
/// also does (the sentences here are English).
public struct WordPieceTokenizer: Sendable {
  public let vocabulary: [String: Int]
  public let tokens: [String]

  /// Reads `vocab.txt`: one token a line, the line number is its id.
  public init(vocabularyFile path: String) throws {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw TokenizationError(
        "\(path): cannot read the vocabulary (\(InputFile.whyUnreadable(path)))")
    }
    var tokens = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if tokens.last == "" { tokens.removeLast() }
    try self.init(tokens: tokens)
  }

  public init(tokens: [String]) throws {
    self.tokens = tokens
    var v: [String: Int] = [:]
    for (i, t) in tokens.enumerated() where v[t] == nil { v[t] = i }
    vocabulary = v
    for required in ["[CLS]", "[SEP]", "[UNK]"] where v[required] == nil {
      throw TokenizationError("the vocabulary has no \(required)")
    }
  }

  /// The token ids of `text`, framed by [CLS] and [SEP].
  public func encode(_ text: String) -> [Int] {
    var ids = [vocabulary["[CLS]"]!]
    for word in Self.basicTokens(text) { ids += wordPieces(word) }
    ids.append(vocabulary["[SEP]"]!)
    return ids
  }

  /// The tokens of `ids`.
  public func decode(_ ids: [Int]) -> [String] {
    ids.map { $0 >= 0 && $0 < tokens.count ? tokens[$0] : "[UNK]" }
  }

  /// Lower-cased, accent-stripped words and punctuation marks.
  static func basicTokens(_ text: String) -> [String] {
    let lowered = text.lowercased().decomposedStringWithCanonicalMapping
    var words: [String] = []
    var current = ""
    func flush() {
      if !current.isEmpty { words.append(current) }
      current = ""
    }
    for scalar in lowered.unicodeScalars {
      let p = scalar.properties
      if p.generalCategory == .nonspacingMark { continue }  // accents
      if scalar.value == 0 || scalar.value == 0xFFFD
        || (p.generalCategory == .control && !CharacterSet.whitespacesAndNewlines.contains(scalar))
      {
        continue
      }
      if CharacterSet.whitespacesAndNewlines.contains(scalar) {
        flush()
      } else if isPunctuation(scalar) {
        flush()
        words.append(String(scalar))
      } else {
        current.unicodeScalars.append(scalar)
      }
    }
    flush()
    return words
  }

  /// BERT counts all non-alphanumeric ASCII as punctuation, and Unicode's P categories.
  static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v)
      || (123...126).contains(v)
    {
      return true
    }
    switch s.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return true
    default:
      return false
    }
  }

  /// Greedy longest-match-first pieces of one word.
  func wordPieces(_ word: String) -> [Int] {
    let chars = Array(word)
    if chars.count > 100 { return [vocabulary["[UNK]"]!] }
    var pieces: [Int] = []
    var start = 0
    while start < chars.count {
      var end = chars.count
      var found: Int?
      while start < end {
        let piece = (start > 0 ? "##" : "") + String(chars[start..<end])
        if let id = vocabulary[piece] {
          found = id
          break
        }
        end -= 1
      }
      guard let id = found else { return [vocabulary["[UNK]"]!] }
      pieces.append(id)
      start = end
    }
    return pieces
  }
}
