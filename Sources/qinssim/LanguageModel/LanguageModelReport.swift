import Foundation
import Workloads

/// What `generate` and `perplexity` print and write as JSON.
enum LanguageModelReport {
  struct Generation: Encodable {
    var model: String
    var layers: Int
    var prompt: String
    var promptTokens: [Int]
    var reference: GenerationExperiment.Run
    var machines: [GenerationExperiment.Run]
    /// With `--logits DIR`: each run's file in DIR, by run name (``FileNames``).
    var logitsFiles: [String: String]?

    var text: String {
      var out = "\(model) (\(layers) layers), prompt of \(promptTokens.count) tokens, greedy\n\n"
      out += "prompt: \(prompt.debugDescription)\n"
      for r in [reference] + machines {
        out += "\(r.name): \(r.text.debugDescription)\n"
      }
      var t = TextTable(
        "run", "storage", "agreement", "max logits rel RMS", "first token", "per token",
        "tokens/s", "energy/token", "DRAM/token", "KV cache", "weights")
      for r in machines {
        t.add(
          r.name, r.storageFormat,
          r.agreement.map { Format.percent($0, 1) } ?? "-",
          r.maxLogitsRelativeRMS.map { Format.g($0, 3) } ?? "-",
          r.timeToFirstTokenSeconds.map { Format.g($0 * 1e3, 4) + " ms" } ?? "-",
          r.decodeSecondsPerToken.map { Format.g($0 * 1e3, 4) + " ms" } ?? "-",
          r.tokensPerSecond.map { Format.g($0, 4) } ?? "-",
          r.decodeEnergyPerTokenPj.map { Format.g($0 / 1e6, 4) + " uJ" } ?? "-",
          r.decodeDramBytesPerToken.map { Format.g($0 / 1e6, 4) + " MB" } ?? "-",
          r.kvCacheBytes.map { Format.g(Double($0) / 1e3, 4) + " kB" } ?? "-",
          r.weightBytes.map { Format.g(Double($0) / 1e6, 4) + " MB" } ?? "-")
      }
      out += "\n" + t.rendered + "\n"
      for r in machines {
        if let p = r.prefill { out += "\(r.name) prefill \(p.roofline.summary)\n" }
        if let d = r.decode { out += "\(r.name) decode \(d.roofline.summary)\n" }
      }
      for r in machines {
        if let a = r.agreesWithReference {
          out +=
            "\(r.name) agrees with the reference (teacher-forced) at: "
            + a.map { $0 ? "+" : "." }.joined() + "\n"
        }
      }
      out += """

        Times at each machine's clock: first token = prefill of every layer over the prompt \
        plus the head over its last position; per token = one decode step (every layer and \
        the head for one token against the KV cache). Energy and DRAM bytes per token are \
        the decode steps'. Agreement and logits are teacher-forced on the reference's tokens.
        """
      return out
    }
  }

  struct Perplexity: Encodable {
    var model: String
    var layers: Int
    var text: String
    var tokens: Int
    var context: Int
    var windows: Int
    var reference: PerplexityExperiment.Run
    var machines: [PerplexityExperiment.Run]

    var rendered: String {
      var out =
        "\(model) (\(layers) layers), \(text): \(tokens) tokens in \(windows) windows of up to \(context)\n\n"
      var t = TextTable(
        "run", "storage", "perplexity", "mean NLL", "top-1 agreement", "mean KL", "time/token",
        "energy/token", "DRAM/token")
      for r in [reference] + machines {
        t.add(
          r.name, r.storageFormat, Format.g(r.perplexity, 5),
          Format.g(r.meanNegativeLogLikelihood, 5),
          r.top1Agreement.map { Format.percent($0, 1) } ?? "-",
          r.meanKLDivergence.map { Format.g($0, 3) } ?? "-",
          r.secondsPerToken.map { Format.g($0 * 1e6, 4) + " us" } ?? "-",
          r.energyPerTokenPj.map { Format.g($0 / 1e6, 4) + " uJ" } ?? "-",
          r.dramBytesPerToken.map { Format.g($0 / 1e3, 4) + " kB" } ?? "-")
      }
      out += t.rendered + "\n"
      for r in machines {
        if let c = r.cost { out += "\(r.name) \(c.roofline.summary)\n" }
      }
      out += """

        Each window is one prefill from an empty KV cache with the head over every position; \
        the costs per token are the windows' totals over the scored tokens (\(reference.tokensScored)). \
        KL is KL(reference || machine) in nats.
        """
      return out
    }
  }
}
