import ArgumentParser
import FP32Reference
import MachineDescription

/// `qinssim transformer --model`: the model whose layers run.
enum TransformerModel: String, CaseIterable, ExpressibleByArgument {
  /// Phi-3.5-mini's decoder layer (synthetic weights: the real ones are not reachable here).
  case phi35Mini = "phi-3.5-mini"
  /// all-MiniLM-L6-v2's encoder layer (real weights with `--weights`).
  case miniLM = "minilm-l6"

  /// The model's dimensions.
  var dimensions: TransformerDimensions {
    switch self {
    case .phi35Mini: .phi35Mini
    case .miniLM: .miniLM
    }
  }
}

/// `qinssim transformer --accumulator`: the accumulator format every machine is given.
enum AccumulatorChoice: String, CaseIterable, ExpressibleByArgument {
  case fp32, qins8, fpins2

  var format: MachineDescription.ValueFormat {
    switch self {
    case .fp32: .fp32
    case .qins8: .q8
    case .fpins2: .fpins(2)
    }
  }
}
