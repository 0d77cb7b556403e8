import ArgumentParser
import FP32Reference
import Foundation
import MachineDescription
import QBinary
import QINSAssembler
import QINSMachine
import TensorIO
import Tokenization

/// `qinssim sentences`: sentence embeddings from all-MiniLM-L6-v2 on the machine and in FP32.
struct SentencesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentences",
    abstract:
      "Embed sentences with all-MiniLM-L6-v2 on a machine and in FP32; compare their similarities.",
    discussion: """
      Tokenizes each sentence with the model's vocab.txt (BERT's uncased WordPiece), embeds \
      the tokens in FP32 (word, position and type embeddings, layer norm), runs the six \
      encoder layers on the chosen machine, on fp32-reference and in the FP32 reference, mean-\
      pools and normalises, and prints every pair's cosine similarity three ways, as a user of \
      sentence embeddings reads them, with each sentence's agreement with the FP32 reference.
      """
  )

  @Argument(help: "Two or more sentences.") var sentences: [String]
  @Option(help: "all-MiniLM-L6-v2's model.safetensors.") var weights: String
  @Option(help: "The vocabulary (default: vocab.txt beside the weights).") var vocab: String?
  @Option(help: "The machine: a preset or a description file.") var machine: String = "qins-default"
  @Option(help: "The directory holding encoder_block.qasm.") var programs: String?
  @Option(help: "Write the figures as JSON to this file.") var json: String?

  func validate() throws {
    guard sentences.count >= 2 else { throw ValidationError("Give at least two sentences.") }
    for s in sentences where s.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("A sentence is empty.")
    }
  }

  struct Report: Encodable {
    struct Pair: Encodable {
      var a: Int
      var b: Int
      var reference: Float
      var fp32Machine: Float
      var machine: Float
    }
    var sentences: [String]
    var tokens: [[String]]
    var machine: String
    var pairs: [Pair]
    /// Each sentence's embedding on the machine against the FP32 reference's (cosine).
    var machineAgreement: [Float]
    var fp32MachineAgreement: [Float]
  }

  func run() throws {
    let vocabPath = vocab ?? (weights as NSString).deletingLastPathComponent + "/vocab.txt"
    let tokenizer: WordPieceTokenizer
    do { tokenizer = try WordPieceTokenizer(vocabularyFile: vocabPath) } catch {
      throw CommandError("--vocab: \(error)")
    }
    let file: SafetensorsFile
    let embeddings: BERTEmbeddings
    var layers: [EncoderWeights] = []
    do {
      file = try SafetensorsFile(path: weights)
      embeddings = try BERTEmbeddings.load(file)
      for l in 0..<6 { layers.append(try EncoderWeights.load(file, layer: l)) }
    } catch {
      throw CommandError("--weights: \(error)")
    }
    let (chosen, _) = try MachineOption.load(machine)
    let path = try ProgramLocator.find("encoder_block.qasm", in: programs)
    let d = TransformerDimensions.miniLM
    var images: [Int: ProgramImage] = [:]
    var embedded: [(ref: [Float], fp32: [Float], machine: [Float])] = []
    var tokenLists: [[String]] = []
    for sentence in sentences {
      let ids = tokenizer.encode(sentence)
      guard ids.count <= 512 else {
        throw CommandError(
          "'\(sentence.prefix(40))...' has \(ids.count) tokens; the model takes 512")
      }
      tokenLists.append(tokenizer.decode(ids))
      let n = ids.count
      if images[n] == nil {
        images[n] = try TransformerCommand.assembleBlock(
          path, d, seq: n, machines: [chosen, Presets.fp32Reference])
      }
      let x0 = embeddings(ids)
      var (xr, xf, xm) = (x0, x0, x0)
      for w in layers {
        let bindings = TransformerBlock.encoder(w).bindings
        xr = EncoderBlock.forward(xr, w, d)
        xf = try TransformerCommand.simulate(
          images[n]!, Presets.fp32Reference, bindings, xf, Progress(enabled: false)
        ).0
        xm = try TransformerCommand.simulate(
          images[n]!, chosen, bindings, xm, Progress(enabled: false)
        ).0
      }
      embedded.append(
        (SentenceEmbedding.pool(xr), SentenceEmbedding.pool(xf), SentenceEmbedding.pool(xm)))
    }
    var pairs: [Report.Pair] = []
    for i in 0..<sentences.count {
      for j in (i + 1)..<sentences.count {
        pairs.append(
          .init(
            a: i, b: j, reference: SentenceEmbedding.similarity(embedded[i].ref, embedded[j].ref),
            fp32Machine: SentenceEmbedding.similarity(embedded[i].fp32, embedded[j].fp32),
            machine: SentenceEmbedding.similarity(embedded[i].machine, embedded[j].machine)))
      }
    }
    let report = Report(
      sentences: sentences, tokens: tokenLists, machine: chosen.name, pairs: pairs,
      machineAgreement: embedded.map { SentenceEmbedding.similarity($0.machine, $0.ref) },
      fp32MachineAgreement: embedded.map { SentenceEmbedding.similarity($0.fp32, $0.ref) })
    if let json {
      do {
        try JSONOutput.encode(report).write(to: URL(fileURLWithPath: json), options: .atomic)
      } catch {
        throw CommandError("--json: cannot write \(json)")
      }
    }
    print("all-MiniLM-L6-v2 (real weights), 6 layers, mean pooling, normalised\n")
    for (i, s) in sentences.enumerated() {
      print("[\(i)] \(s)\n    \(tokenLists[i].joined(separator: " "))")
    }
    var t = TextTable("pair", "FP32 reference", "fp32-reference", chosen.name)
    for p in pairs {
      t.add(
        "\(p.a)-\(p.b)", Format.g(Double(p.reference), 4), Format.g(Double(p.fp32Machine), 4),
        Format.g(Double(p.machine), 4))
    }
    print("\nCosine similarity of each pair's embeddings\n" + t.rendered)
    var a = TextTable("sentence", "fp32-reference vs reference", "\(chosen.name) vs reference")
    for i in sentences.indices {
      a.add(
        "[\(i)]", Format.g(Double(report.fp32MachineAgreement[i]), 6),
        Format.g(Double(report.machineAgreement[i]), 4))
    }
    print("\nEach embedding against the FP32 reference's (cosine)\n" + a.rendered)
  }
}
