/// The tensor data types of GGML (`ggml_type`) that a GGUF file can name, with their block
/// layout. ``isSupported`` says which ones this reader dequantizes.
// The cases keep GGML's names (Q4_K, IQ2_XXS), which users and files know.
// swift-format-ignore: AlwaysUseLowerCamelCase
public enum GGMLType: UInt32, Hashable, Sendable, CaseIterable {
  case f32 = 0
  case f16 = 1
  case q4_0 = 2
  case q4_1 = 3
  case q5_0 = 6
  case q5_1 = 7
  case q8_0 = 8
  case q8_1 = 9
  case q2_K = 10
  case q3_K = 11
  case q4_K = 12
  case q5_K = 13
  case q6_K = 14
  case q8_K = 15
  case iq2_XXS = 16
  case iq2_XS = 17
  case iq3_XXS = 18
  case iq1_S = 19
  case iq4_NL = 20
  case iq3_S = 21
  case iq2_S = 22
  case iq4_XS = 23
  case i8 = 24
  case i16 = 25
  case i32 = 26
  case i64 = 27
  case f64 = 28
  case iq1_M = 29
  case bf16 = 30
  case tq1_0 = 34
  case tq2_0 = 35
  case mxfp4 = 39

  /// The name GGML gives the type (`Q4_K`, `BF16`, ...).
  public var name: String { String(describing: self).uppercased() }

  /// Values per block (1 for the plain types; 32 for the legacy quantizations; 256, GGML's
  /// `QK_K`, for the k-quants).
  public var blockSize: Int {
    switch self {
    case .f32, .f16, .bf16, .f64, .i8, .i16, .i32, .i64: 1
    case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1, .iq4_NL, .mxfp4: 32
    default: 256
    }
  }

  /// Bytes per block.
  public var bytesPerBlock: Int {
    let k = 256
    return switch self {
    case .f32, .i32: 4
    case .f16, .bf16, .i16: 2
    case .f64, .i64: 8
    case .i8: 1
    case .q4_0: 2 + 16
    case .q4_1: 2 + 2 + 16
    case .q5_0: 2 + 4 + 16
    case .q5_1: 2 + 2 + 4 + 16
    case .q8_0: 2 + 32
    case .q8_1: 4 + 4 + 32
    case .q2_K: 2 + 2 + k / 16 + k / 4
    case .q3_K: 2 + k / 4 + k / 8 + 12
    case .q4_K: 2 + 2 + k / 2 + 12
    case .q5_K: 2 + 2 + k / 2 + k / 8 + 12
    case .q6_K: 2 + k / 2 + k / 4 + k / 16
    case .q8_K: 4 + k + k / 8
    case .iq2_XXS: 2 + k / 4
    case .iq2_XS: 2 + k / 4 + k / 32
    case .iq3_XXS: 2 + k / 4 + k / 8
    case .iq1_S: 2 + k / 8 + k / 16
    case .iq4_NL: 2 + 16
    case .iq3_S: 2 + k / 4 + k / 8 + k / 32 + 4
    case .iq2_S: 2 + k / 4 + k / 16
    case .iq4_XS: 2 + 2 + k / 2 + k / 64
    case .iq1_M: k / 8 + k / 16 + k / 32
    case .tq1_0: 2 + 4 * 13
    case .tq2_0: 2 + 64
    case .mxfp4: 1 + 16
    }
  }

  /// Whether ``GGUFFile`` dequantizes this type to `Float`.
  public var isSupported: Bool { Self.supported.contains(self) }

  /// The dequantized types, in GGML's order.
  public static let supported: [GGMLType] = [
    .f32, .f16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .bf16,
  ]
}
