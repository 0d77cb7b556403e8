import Foundation
import Fuzzing
import QINSSupport
import QINSTestSupport
import TensorIO
import Testing
import Workloads

/// The model the model surfaces mutate: valid as built, run by the commands, and refused with
/// a message naming the contradiction when its tokenizer outgrows its vocabulary.
@Suite("Tiny Llama model")
struct TinyLlamaModelTests {
  func load(_ model: TinyLlamaModel) throws(WorkloadError) -> LlamaModelFile {
    let file: GGUFFile
    do { file = try GGUFFile(data: Data(model.bytes), name: "tiny.gguf") } catch {
      throw WorkloadError(error.description)
    }
    return try LlamaModelFile.load(
      file, layers: nil, machines: 2, budget: HostMemoryBudget(limitBytes: 1 << 30))
  }

  @Test("As built it loads: its sizes, 288 tokens, and every merge applied to its text")
  func standard() throws {
    let m = try load(.standard)
    let c = m.weights.configuration
    let sizes: [Int] = [
      c.hidden, c.layers, c.heads, c.kvHeads, c.headDim, c.intermediate, c.vocabulary,
    ]
    #expect(sizes == [64, 1, 4, 2, 16, 96, 288])
    #expect(m.tokenizer.tokens.count == 288)
    // "the" after a space is one token (Ġ t, h e, Ġt he), "he" one, "sat" three bytes.
    let ids = try m.tokenizer.encode(" the sat he")
    #expect(ids.map { m.tokenizer.tokens[$0] } == ["Ġthe", "Ġs", "a", "t", "Ġ", "he"])
    #expect(try m.tokenizer.decode(ids) == " the sat he")
  }

  @Test("A tokenizer with more tokens than the model's vocabulary is refused, naming both")
  func tokensBeyondVocabulary() throws {
    var model = TinyLlamaModel.standard
    for (i, entry) in model.metadata.enumerated() {
      if case .array(let type, let elements) = entry.value, entry.key.hasPrefix("tokenizer.ggml.t")
      {
        model.metadata[i].value = .array(
          type, elements + [type == .string ? .string("<|extra|>") : .int32(3)])
      }
    }
    #expect(throws: WorkloadError.self) { try load(model) }
    do {
      _ = try load(model)
    } catch {
      #expect(
        error.description.contains("the tokenizer has 289 tokens")
          && error.description.contains("vocabulary of 288"), "\(error)")
    }
  }

  @Test(
    "generate and perplexity run it on a QINS machine and the FP32 reference, with progress lines off a terminal"
  )
  func commandsRunIt() throws {
    let dir = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("tiny.gguf").path
    try Data(TinyLlamaModel.standard.bytes).write(to: URL(fileURLWithPath: path))
    let qinssim = CommandRunner.productsDirectory.appendingPathComponent("qinssim")
    let everyUpdate = ["QINS_PROGRESS_INTERVAL": "0"]
    let g = try CommandRunner.run(
      executable: qinssim,
      ["generate", "--weights", path, "--prompt", TinyLlamaModel.text, "--tokens", "2"],
      environment: everyUpdate)
    #expect(g.status == 0 && g.stdout.contains("qins-default"), "\(g.stderr)")
    #expect(g.stderr.contains("progress after "), "\(g.stderr)")
    let text = dir.appendingPathComponent("t.txt").path
    try Data(TinyLlamaModel.text.utf8).write(to: URL(fileURLWithPath: text))
    let p = try CommandRunner.run(
      executable: qinssim, ["perplexity", "--weights", path, "--text", text, "--context", "8"],
      environment: everyUpdate)
    #expect(p.status == 0 && p.stdout.contains("perplexity"), "\(p.stderr)")
    #expect(p.stderr.contains("progress after "), "\(p.stderr)")
  }
}
