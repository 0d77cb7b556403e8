import FP32Reference
import MachineDescription

/// The models whose layers `qinssim transformer` runs.
public enum TransformerModel: String, CaseIterable, Sendable, Codable {
  /// Phi-3.5-mini's decoder layer (synthetic weights: the real ones are not reachable here).
  case phi35Mini = "phi-3.5-mini"
  /// all-MiniLM-L6-v2's encoder layer (real weights from its safetensors file, or synthetic).
  case miniLM = "minilm-l6"

  /// The model's dimensions.
  public var dimensions: TransformerDimensions {
    switch self {
    case .phi35Mini: .phi35Mini
    case .miniLM: .miniLM
    }
  }
}

/// An accumulator format every machine of a run can be given instead of its own.
public enum AccumulatorChoice: String, CaseIterable, Sendable, Codable {
  case fp32, qins8, fpins2

  public var format: MachineDescription.ValueFormat {
    switch self {
    case .fp32: .fp32
    case .qins8: .q8
    case .fpins2: .fpins(2)
    }
  }
}
