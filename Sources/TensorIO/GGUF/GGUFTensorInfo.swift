/// A tensor as a GGUF file describes it.
public struct GGUFTensorInfo: Hashable, Sendable {
  public var name: String
  /// GGML's dimensions, innermost first (`ne[0]` is the length of a row).
  public var dimensions: [Int]
  public var type: GGMLType
  /// The offset of the tensor's bytes from the start of the data section.
  public var offset: Int
  /// The tensor's bytes in the file.
  public var byteCount: Int

  /// The row-major shape: GGML's dimensions, outermost first. A matrix of `ne = [in, out]`
  /// (PyTorch's `[out, in]` weight) has shape `[out, in]`.
  public var shape: [Int] { dimensions.reversed() }

  /// The number of values.
  public var elementCount: Int { dimensions.reduce(1, *) }
}
