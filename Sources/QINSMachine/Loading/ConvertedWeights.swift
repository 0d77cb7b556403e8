import Foundation
import MachineDescription
import QBinary
import QINSSupport

/// Bound tensors already converted to a machine's storage format, kept so that a command that
/// runs the same weights many times (one run per sentence, per layer) converts them once.
///
/// A conversion is found again by the binding's name and source, the data's element count and
/// a checksum of its bits, and every machine field the conversion depends on (storage format,
/// rounding, QINS layout, quantization). Safe to share between threads.
public final class ConvertedWeights: Sendable {
  struct Key: Hashable, Sendable {
    var name: String
    var source: String
    var count: Int
    var checksum: UInt64
    var storage: String
    var rounding: String
    var qinsStorage: String
    var quantization: MachineDescription.Quantization
  }

  private let store = Locked<[Key: TensorValues]>([:])

  public init() {}

  static func key(_ b: Binding, _ m: MachineDescription) -> Key {
    // FNV-1a (the binary format's hash) over whole 32-bit patterns.
    var h = FNV1a64.offsetBasis
    for v in b.tensor.values { h = (h ^ UInt64(v.bitPattern)) &* FNV1a64.prime }
    return Key(
      name: b.name, source: b.source, count: b.tensor.values.count, checksum: h,
      storage: m.storageFormat.description, rounding: m.rounding.rawValue,
      qinsStorage: m.qinsStorage.rawValue, quantization: m.quantization)
  }

  func value(for key: Key) -> TensorValues? { store.withLock { $0[key] } }

  func insert(_ v: TensorValues, for key: Key) { store.withLock { $0[key] = v } }
}
