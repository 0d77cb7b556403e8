/// Sweep spec text shared by the command tests.
public enum SweepSpecs {
  /// The `[set]` table of a small MiniLM-shaped layer (hidden 64, 4 heads of 16, MLP 96) at
  /// sequence `seq`, or with the sequence left to the grid when `seq` is nil.
  public static func smallLayer(seq: Int?) -> String {
    """
    [set]
    "transformer.model" = "minilm-l6"
    "transformer.hidden" = 64
    "transformer.heads" = 4
    "transformer.head_dim" = 16
    "transformer.intermediate" = 96
    """ + (seq.map { "\n\"transformer.seq\" = \($0)" } ?? "") + "\n"
  }
}
