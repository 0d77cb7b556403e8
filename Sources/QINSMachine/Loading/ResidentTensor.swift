import MachineDescription

/// A tensor's contents as a machine holds them (values in the tensor's format, with their
/// scales), taken out of one run to be given to a later run of the same machine: memory that
/// stays put between programs, such as a KV cache in DRAM or weights converted once.
///
/// Handing it over costs nothing: the simulated machine did not move it. It can only be given
/// to a tensor of the same element count and format on a machine of the same name, storage
/// format and quantization (checked when the program is loaded).
public struct ResidentTensor: Sendable {
  let values: TensorValues
  /// The machine it came from.
  public let machineName: String
  let storage: String
  let quantization: MachineDescription.Quantization
  public let shape: [Int]

  init(_ values: TensorValues, shape: [Int], machine m: MachineDescription) {
    self.values = values
    self.shape = shape
    machineName = m.name
    storage = m.storageFormat.description
    quantization = m.quantization
  }

  /// Whether this tensor can be given to a tensor of `format`, `count` values, on `m`.
  func fits(format: MachineDescription.ValueFormat, count: Int, machine m: MachineDescription)
    -> Bool
  {
    values.format == format && values.count == count && machineName == m.name
      && storage == m.storageFormat.description && quantization == m.quantization
  }
}
