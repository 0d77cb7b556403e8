/// The keys (after RoPE) and values of every position so far, per layer: what decoding one
/// more token attends to.
public struct LlamaKVCache: Sendable {
  /// Per layer, [positions, kvHeads x headDim].
  public var keys: [FloatMatrix]
  public var values: [FloatMatrix]

  public init(layers: Int, width: Int) {
    keys = [FloatMatrix](repeating: FloatMatrix(rows: 0, cols: width), count: layers)
    values = keys
  }

  /// The positions held.
  public var count: Int { keys.first?.rows ?? 0 }

  /// Bytes the cache takes at `bytesPerValue`.
  public func bytes(bytesPerValue: Int) -> Int {
    keys.reduce(0) { $0 + 2 * $1.values.count } * bytesPerValue
  }
}
