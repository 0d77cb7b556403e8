import TensorIO

extension Binding {
  /// The input files a `NAME=FILE` binding reads: the `.npy` file, or the `.safetensors`
  /// file of `NAME=FILE.safetensors:TENSOR`.
  public static func inputFile(of specification: String) -> String {
    let path = split(specification).file
    if let r = path.range(of: ".safetensors:") {
      return String(path[..<r.lowerBound]) + ".safetensors"
    }
    return path
  }

  /// Reads a binding given as `NAME=FILE.npy` (float32 or float64, C order) or
  /// `NAME=FILE.safetensors:TENSOR` (F32, F16, BF16, F64). A `.safetensors` file without a
  /// tensor name is refused.
  public static func read(_ specification: String) throws -> Binding {
    let (name, path) = split(specification)
    if let r = path.range(of: ".safetensors:") {
      let file = String(path[..<r.lowerBound]) + ".safetensors"
      let tensor = String(path[r.upperBound...])
      return Binding(
        name: name, tensor: try SafetensorsFile(path: file).tensor(tensor),
        source: "\(file):\(tensor)")
    }
    if path.hasSuffix(".safetensors") {
      throw TensorFileError("\(path): name the tensor, as FILE.safetensors:TENSOR")
    }
    return Binding(name: name, tensor: try NPYFile.read(path: path), source: path)
  }

  /// `NAME=FILE` split at the first `=` (the whole text is the file when there is none).
  public static func split(_ specification: String) -> (name: String, file: String) {
    guard let i = specification.firstIndex(of: "=") else { return ("", specification) }
    return (
      String(specification[..<i]), String(specification[specification.index(after: i)...])
    )
  }
}
