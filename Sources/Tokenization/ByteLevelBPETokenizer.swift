import TensorIO

/// A byte-level BPE tokenizer (GPT-2's scheme, used by Llama 3, SmolLM, Qwen, ...): special
/// tokens are cut out of the text first; the rest is cut into pieces by the
/// ``PreTokenizer``; each piece's UTF-8 bytes are written in the ``ByteLevelAlphabet`` and
/// merged pair by pair, always the pair of lowest merge rank (the leftmost among equals),
/// until no listed merge applies; the resulting symbols are looked up in the vocabulary.
///
/// Every byte has a symbol, so every text encodes; a symbol missing from the vocabulary (a
/// vocabulary without all 256 byte symbols) becomes the unknown token, or is an error where
/// the vocabulary has none.
public struct ByteLevelBPETokenizer: Sendable {
  public struct MergePair: Hashable, Sendable {
    var left: String
    var right: String
  }

  /// The tokens by id.
  public let tokens: [String]
  public let vocabulary: [String: Int]
  /// Each merge's rank (its line in the merge list).
  let ranks: [MergePair: Int]
  public let preTokenizer: PreTokenizer
  /// Tokens matched in the raw text as wholes (control and user-defined tokens), longest
  /// first.
  public let specialTokens: [String]
  let specialMatcher: SpecialTokenMatcher
  public let unknownToken: Int?
  public let beginningOfSequence: Int?
  public let endOfSequence: Int?
  /// Whether ``encode(_:)`` starts with the beginning-of-sequence token.
  public let addsBeginningOfSequence: Bool

  public init(
    tokens: [String], merges: [String], preTokenizer: PreTokenizer, specialTokens: [String] = [],
    unknownToken: Int? = nil, beginningOfSequence: Int? = nil, endOfSequence: Int? = nil,
    addsBeginningOfSequence: Bool = false
  ) throws(TokenizationError) {
    self.tokens = tokens
    var v: [String: Int] = [:]
    for (i, t) in tokens.enumerated() where v[t] == nil { v[t] = i }
    vocabulary = v
    var r: [MergePair: Int] = [:]
    for (rank, line) in merges.enumerated() {
      let parts = line.split(separator: " ", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw TokenizationError("merge \(rank) is '\(line)', not two symbols separated by a space")
      }
      let pair = MergePair(left: String(parts[0]), right: String(parts[1]))
      if r[pair] == nil { r[pair] = rank }
    }
    ranks = r
    self.preTokenizer = preTokenizer
    self.specialTokens = specialTokens.filter { !$0.isEmpty }.sorted {
      $0.utf8.count > $1.utf8.count
    }
    for (name, id) in [
      ("unknown", unknownToken), ("beginning-of-sequence", beginningOfSequence),
      ("end-of-sequence", endOfSequence),
    ] {
      if let id, !tokens.indices.contains(id) {
        throw TokenizationError(
          "the \(name) token id \(id) is outside the vocabulary of \(tokens.count)")
      }
    }
    specialMatcher = SpecialTokenMatcher(self.specialTokens)
    for s in self.specialTokens where v[s] == nil {
      throw TokenizationError("special token '\(s)' is not in the vocabulary")
    }
    self.unknownToken = unknownToken
    self.beginningOfSequence = beginningOfSequence
    self.endOfSequence = endOfSequence
    self.addsBeginningOfSequence = addsBeginningOfSequence
  }

  /// The tokenizer a GGUF file describes (`tokenizer.ggml.model` "gpt2"): tokens, merges,
  /// token types (3, control, and 4, user-defined, are special), the pre-tokenizer, and the
  /// unknown, BOS and EOS ids.
  public init(gguf f: GGUFFile) throws(TokenizationError) {
    func strings(_ key: String) throws(TokenizationError) -> [String] {
      guard let items = f[key]?.elements else {
        throw TokenizationError("\(f.path): no string array '\(key)'")
      }
      var out: [String] = []
      out.reserveCapacity(items.count)
      for item in items {
        guard let s = item.string else {
          throw TokenizationError("\(f.path): '\(key)' holds a \(item.type), not strings")
        }
        out.append(s)
      }
      return out
    }
    func typed<T>(_ read: (String) throws(TensorFileError) -> T?, _ key: String)
      throws(TokenizationError) -> T?
    {
      do { return try read(key) } catch { throw TokenizationError(error.description) }
    }
    guard let model = try typed(f.string, "tokenizer.ggml.model") else {
      throw TokenizationError("\(f.path): no tokenizer.ggml.model")
    }
    guard model == "gpt2" else {
      throw TokenizationError(
        "\(f.path): tokenizer model '\(model)' is not modelled (byte-level BPE, 'gpt2', is)")
    }
    let name = try typed(f.string, "tokenizer.ggml.pre") ?? "default"
    guard let pre = PreTokenizer(ggufName: name) else {
      throw TokenizationError(
        "\(f.path): pre-tokenizer '\(name)' is not modelled (gpt2, default, smollm, starcoder, refact, codeshell, command-r are)"
      )
    }
    let tokens = try strings("tokenizer.ggml.tokens")
    let merges = try strings("tokenizer.ggml.merges")
    var special: [String] = []
    if let value = f["tokenizer.ggml.token_type"] {
      guard let types = value.elements else {
        throw TokenizationError(
          "\(f.path): metadata tokenizer.ggml.token_type is a \(value.type), not an array")
      }
      guard types.count == tokens.count else {
        throw TokenizationError(
          "\(f.path): \(types.count) token types for \(tokens.count) tokens")
      }
      for (i, t) in types.enumerated() {
        guard let type = t.integer else {
          throw TokenizationError(
            "\(f.path): metadata tokenizer.ggml.token_type holds a \(t.type), not integers")
        }
        if type == 3 || type == 4 { special.append(tokens[i]) }
      }
    }
    try self.init(
      tokens: tokens, merges: merges, preTokenizer: pre, specialTokens: special,
      unknownToken: try typed(f.integer, "tokenizer.ggml.unknown_token_id"),
      beginningOfSequence: try typed(f.integer, "tokenizer.ggml.bos_token_id"),
      endOfSequence: try typed(f.integer, "tokenizer.ggml.eos_token_id"),
      addsBeginningOfSequence: try typed(f.bool, "tokenizer.ggml.add_bos_token") ?? false)
  }

  /// The token ids of `text` (after the beginning-of-sequence token where the model adds it).
  public func encode(_ text: String) throws(TokenizationError) -> [Int] {
    var ids: [Int] = []
    if addsBeginningOfSequence, let b = beginningOfSequence { ids.append(b) }
    for (segment, isSpecial) in segments(text) {
      if isSpecial {
        ids.append(vocabulary[String(segment)]!)
        continue
      }
      for piece in preTokenizer.pieces(segment) {
        for symbol in merge(ByteLevelAlphabet.encode(piece.utf8)) {
          if let id = vocabulary[symbol] {
            ids.append(id)
          } else if let u = unknownToken {
            ids.append(u)
          } else {
            throw TokenizationError(
              "symbol '\(symbol)' is not in the vocabulary and there is no unknown token")
          }
        }
      }
    }
    return ids
  }

  /// The text of some token ids: the tokens' bytes in order, decoded as UTF-8 (an incomplete
  /// or invalid sequence becomes U+FFFD). Ids outside the vocabulary are an error.
  public func decode(_ ids: [Int]) throws(TokenizationError) -> String {
    var bytes: [UInt8] = []
    for id in ids {
      guard tokens.indices.contains(id) else {
        throw TokenizationError("token id \(id) is outside the vocabulary of \(tokens.count)")
      }
      for scalar in tokens[id].unicodeScalars {
        if let b = ByteLevelAlphabet.bytes[scalar] {
          bytes.append(b)
        } else {
          bytes += Array(String(scalar).utf8)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The text of some token ids for display: as ``decode(_:)``, with each id outside the
  /// vocabulary shown as `<unk:ID>` (a model whose output head is wider than its tokenizer
  /// can generate one).
  public func displayText(_ ids: [Int]) -> String {
    var out = ""
    var run: [Int] = []
    for id in ids {
      if tokens.indices.contains(id) {
        run.append(id)
      } else {
        out += (try? decode(run)) ?? ""
        run = []
        out += "<unk:\(id)>"
      }
    }
    return out + ((try? decode(run)) ?? "")
  }

  /// The text cut at the special tokens: at each position the longest special token that
  /// starts there; the rest in between.
  func segments(_ text: String) -> [(Substring, Bool)] {
    guard !specialTokens.isEmpty else { return [(Substring(text), false)] }
    var out: [(Substring, Bool)] = []
    var start = text.startIndex
    var i = text.startIndex
    let utf8 = text.utf8
    while i < text.endIndex {
      if let length = specialMatcher.longestMatch(at: utf8[i...]) {
        let end = utf8.index(i, offsetBy: length)
        if start < i { out.append((text[start..<i], false)) }
        out.append((text[i..<end], true))
        start = end
        i = end
      } else {
        i = text.unicodeScalars.index(after: i)
      }
    }
    if start < text.endIndex { out.append((text[start...], false)) }
    return out
  }

  /// The symbols of one piece after every applicable merge: repeatedly the pair of lowest
  /// rank, the leftmost among equals, as GPT-2's BPE does, in O(n log n) for n symbols
  /// (``MergeQueue``).
  func merge(_ word: String) -> [String] {
    var symbols = word.unicodeScalars.map { String($0) }
    let n = symbols.count
    guard n > 1 else { return symbols }
    var next = Array(1...n)  // n: none
    var previous = Array(-1..<(n - 1))
    var version = [Int](repeating: 0, count: n)
    var alive = [Bool](repeating: true, count: n)
    var queue = MergeQueue()
    func offer(_ i: Int, _ j: Int) {
      guard i >= 0, j < n, let r = ranks[MergePair(left: symbols[i], right: symbols[j])] else {
        return
      }
      queue.push(
        .init(rank: r, left: i, right: j, leftVersion: version[i], rightVersion: version[j]))
    }
    for i in 0..<(n - 1) { offer(i, i + 1) }
    while let e = queue.pop() {
      let (i, j) = (e.left, e.right)
      guard alive[i], alive[j], next[i] == j, version[i] == e.leftVersion,
        version[j] == e.rightVersion
      else { continue }
      symbols[i] += symbols[j]
      alive[j] = false
      version[i] += 1
      next[i] = next[j]
      if next[j] < n { previous[next[j]] = i }
      offer(previous[i], i)
      offer(i, next[i])
    }
    var out: [String] = []
    var i = 0
    while i < n {
      out.append(symbols[i])
      i = next[i]
    }
    return out
  }
}
