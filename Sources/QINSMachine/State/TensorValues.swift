import MachineDescription
import QINSNumbers

/// One tensor's values on the machine, held in its resolved format so that every operation
/// is bit-exact with the number library: FP32 as `Float`s, QINS8 as sign and code planes,
/// FPINS(L) as sign and level planes; plus the tensor's power-of-two scale exponent.
struct TensorValues {
  let format: MachineDescription.ValueFormat
  var floats: [Float] = []
  var signs: [Int8] = []
  /// QINS8: one code per element. FPINS(L): L + 1 level bytes per element.
  var levels: [UInt8] = []
  /// Stored value x means x * 2^exponent.
  var exponent = 0
  /// Whether the exponent has been chosen (by binding, `t.scale`, a `fit`, or a first write).
  var exponentSet = false
  let count: Int

  init(format: MachineDescription.ValueFormat, count: Int) {
    self.format = format
    self.count = count
    switch format {
    case .fp32: floats = [Float](repeating: 0, count: count)
    case .fpins(let l):
      signs = [Int8](repeating: 0, count: count)
      levels = [UInt8](repeating: 0, count: count * (l + 1))
    }
  }

  var depth: Int { if case .fpins(let l) = format { l } else { -1 } }
  var isQINS8: Bool { depth == 0 }

  /// Element `i` as a real number.
  func value(_ i: Int) -> Double {
    switch format {
    case .fp32: return Double(floats[i])
    case .fpins(0):
      return Double(
        QINS8Codec.decode(QINS8(sign: signs[i], code: levels[i]), scaleExponent: exponent))
    case .fpins(let l):
      let x = FPINSValue(sign: signs[i], levels: Array(levels[(i * (l + 1))..<((i + 1) * (l + 1))]))
      return Double(x.sign) * x.approximateMagnitude
        * Double(sign: .plus, exponent: exponent, significand: 1)
    }
  }

  /// Element `i` as QINS8 (valid only for QINS8 tensors).
  func qins8(_ i: Int) -> QINS8 { QINS8(sign: signs[i], code: levels[i]) }

  mutating func setQINS8(_ i: Int, _ v: QINS8) {
    signs[i] = v.sign
    levels[i] = v.code
  }

  /// Stores a real number, rounding it into the format at the current exponent. Returns the
  /// rounding's flags (overflow and underflow are counted by the machine).
  @discardableResult
  mutating func store(_ i: Int, _ x: Double, rounding: RoundingMode) -> ArithmeticFlags {
    switch format {
    case .fp32:
      floats[i] = Float(x)
      return []
    case .fpins(0):
      let (q, flags) = QINS8Codec.encode(Float(x), scaleExponent: exponent, mode: rounding)
      setQINS8(i, q)
      return flags
    case .fpins(let l):
      let y = FPINSOptimalEncoder.encode(
        x * Double(sign: .plus, exponent: -exponent, significand: 1), depth: l)
      signs[i] = y.sign
      for k in 0...l { levels[i * (l + 1) + k] = y.levels[k] }
      return []
    }
  }

  /// Chooses the exponent at which the largest of `magnitudes` fits (``ScalePolicy/fitMaximum``),
  /// or leaves it when the format is FP32.
  mutating func fitExponent(toLargest largest: Double) {
    guard format != .fp32 else { return }
    let top = depth == 0 ? 256.0 : 1.0
    exponent = ScalePolicy.fitExponent(maxMagnitude: largest, topMagnitude: top)
    exponentSet = true
  }

  /// Copies element `j` of `other` (same format) to element `i`.
  mutating func copyElement(_ i: Int, from other: TensorValues, _ j: Int) {
    switch format {
    case .fp32: floats[i] = other.floats[j]
    case .fpins(let l):
      signs[i] = other.signs[j]
      for k in 0...l { levels[i * (l + 1) + k] = other.levels[j * (l + 1) + k] }
    }
  }
}
