import FP32Reference
import Foundation
import MachineDescription
import ProgramLibrary
import QINSTestSupport
import Testing
import Tokenization
import Workloads

/// A tiny Llama the programs can tile: hidden 64, 2 layers, 4 query heads sharing 2 KV heads
/// of 16, MLP 96, vocabulary 64.
let tinyLlama = LlamaConfiguration(
  hidden: 64, layers: 2, heads: 4, kvHeads: 2, headDim: 16, intermediate: 96, vocabulary: 64,
  normEps: 1e-5, ropeBase: 10_000, contextLength: 64)

let programsDirectory = repositoryRoot.appendingPathComponent("Programs").path

func relativeRMS(_ a: FloatMatrix, _ ra: Int, _ b: FloatMatrix, _ rb: Int) -> Double {
  var num = 0.0
  var den = 0.0
  for c in 0..<a.cols {
    let d = Double(a[ra, c]) - Double(b[rb, c])
    num += d * d
    den += Double(b[rb, c]) * Double(b[rb, c])
  }
  return (num / den).squareRoot()
}

@Suite("A Llama on the machine")
struct LlamaMachineTests {
  let weights = SyntheticWeights.llama(tinyLlama, parallelism: .serial)

  @Test(
    "FP32 machine: prefill then decodes gives the bits of one prefill; logits as the reference's")
  func prefillThenDecode() throws {
    let tokens = [5, 17, 42, 8, 8, 0, 63, 21]
    let programs = try LlamaPrograms(
      source: .directory(programsDirectory), configuration: tinyLlama, contextCapacity: 8,
      machines: [Presets.fp32Reference])
    var whole = try LlamaMachineModel(
      machine: Presets.fp32Reference, weights: weights, programs: programs, parallelism: .serial)
    let (xAll, _) = try whole.layers(tokens)
    let (all, _) = try whole.head(xAll)
    var stepwise = whole
    stepwise.reset()
    let (x5, prefillCost) = try stepwise.layers(Array(tokens[0..<5]))
    var rows = try stepwise.head(x5).0
    #expect(prefillCost.runs == 2)
    for t in tokens[5...] {
      let (x, cost) = try stepwise.layers([t])
      #expect(cost.runs == 2 && cost.multiplyAccumulates > 0)
      rows.append(rows: try stepwise.head(x).0)
    }
    #expect(stepwise.position == 8)
    #expect(rows.values.map(\.bitPattern) == all.values.map(\.bitPattern))
    // Against the independent reference.
    let reference = LlamaReference(weights: weights, parallelism: .serial)
    var cache = reference.emptyCache()
    let expected = reference.forward(tokens, cache: &cache)
    for r in 0..<tokens.count {
      #expect(relativeRMS(all, r, expected, r) < 1e-5, "position \(r)")
      #expect(LlamaReference.argmax(all, row: r) == LlamaReference.argmax(expected, row: r))
    }
    // A ninth position does not fit the cache of 8.
    #expect(throws: WorkloadError.self) { _ = try stepwise.layers([1]) }
  }

  @Test("generation: the FP32 machine agrees everywhere; the costs add up by phase")
  func generation() throws {
    let tokenizer = try ByteLevelBPETokenizer(
      tokens: (0..<64).map { String(ByteLevelAlphabet.scalars[$0 + 33]) }, merges: [],
      preTokenizer: .gpt2)
    var experiment = GenerationExperiment(prompt: [3, 1, 4, 1, 5], count: 4)
    experiment.promptLogits = true
    let result = try experiment.run(
      weights: weights, tokenizer: tokenizer,
      machines: [Presets.qinsDefault, Presets.fp32Reference],
      programs: .directory(programsDirectory), parallelism: .serial)
    let fp32 = result.machines[1]
    #expect(fp32.generatedTokens == result.reference.generatedTokens)
    #expect(fp32.agreement == 1 && fp32.agreesWithReference == [true, true, true, true])
    #expect(fp32.maxLogitsRelativeRMS! < 1e-4)
    let qins = result.machines[0]
    #expect(qins.agreesWithReference?.count == 4)
    #expect(qins.maxLogitsRelativeRMS! > fp32.maxLogitsRelativeRMS!)
    for run in result.machines {
      // Prefill: every layer and the head once; decode: three steps of the same.
      #expect(run.prefill?.runs == tinyLlama.layers + 1)
      #expect(run.decode?.runs == 3 * (tinyLlama.layers + 1))
      #expect(run.timeToFirstTokenSeconds == run.prefill?.seconds)
      // Each decode step reads every weight from DRAM at least once.
      #expect(run.decodeDramBytesPerToken! >= Double(run.weightBytes!))
      let bytes = run.name == "fp32-reference" ? 4 : Presets.qinsDefault.storageBytesPerValue
      #expect(run.kvCacheBytes == tinyLlama.layers * 2 * 9 * tinyLlama.kvWidth * bytes)
    }
    // Logits: the prompt's positions, then one per generated token but the last.
    #expect(result.logits.map(\.name) == ["reference", "qins-default", "fp32-reference"])
    for (_, m) in result.logits { #expect(m.rows == 5 + 3 && m.cols == 64) }
  }

  @Test("perplexity: the FP32 machine's equals the reference's; windows cut the tokens")
  func perplexity() throws {
    let tokens = (0..<20).map { ($0 * 7 + 3) % 64 }
    let experiment = PerplexityExperiment(tokens: tokens, context: 8)
    #expect(experiment.windows.map(\.count) == [8, 8, 4])
    let (reference, machines) = try experiment.run(
      weights: weights, machines: [Presets.fp32Reference], programs: .directory(programsDirectory),
      parallelism: .serial)
    #expect(reference.tokensScored == 7 + 7 + 3)
    let m = machines[0]
    #expect(abs(m.perplexity / reference.perplexity - 1) < 1e-5)
    #expect(m.top1Agreement == 1 && m.meanKLDivergence! < 1e-8)
    #expect(m.cost?.runs == 3 * (tinyLlama.layers + 1))
  }

  @Test("a model and cache that do not fit the machine's DRAM are refused with the sizes")
  func dramTooSmall() throws {
    var m = Presets.fp32Reference
    m.name = "tiny-dram"
    m.dram.capacityBytes = 100_000
    let programs = try LlamaPrograms(
      source: .directory(programsDirectory), configuration: tinyLlama, contextCapacity: 16,
      machines: [m])
    #expect {
      _ = try LlamaMachineModel(
        machine: m, weights: weights, programs: programs, parallelism: .serial)
    } throws: { error in
      "\(error)".contains("tiny-dram: the model needs")
        && "\(error)".contains("KV cache of 16 positions 8192")
        && "\(error)".contains("the machine has 100000")
    }
  }
}
