import Foundation
import MachineDescription
import QINSNumbers
import QINSSupport

/// One tensor's values on the machine, held in its resolved format so that every operation
/// is bit-exact with the number library: FP32 as `Float`s, QINS8 as sign and code planes,
/// FPINS(L) as sign and level planes, INT8, FP8 and BF16 as their unit-scale grid values (exact
/// in `Float`).
///
/// Scales come in two kinds. The seed's design gives a QINS/FPINS tensor one power-of-two
/// `exponent` (stored value x means x * 2^exponent). A machine with element scales
/// (``MachineDescription/usesElementScales``) gives every element a scale in ``scales``
/// (value = unit value x scale): the machine's quantization rule decides which elements share
/// one (a tensor, a row, a tile), and a copy carries the scales with the values.
struct TensorValues {
  let format: MachineDescription.ValueFormat
  var floats: [Float] = []
  var signs: [Int8] = []
  /// QINS8: one code per element. FPINS(L): L + 1 level bytes per element.
  var levels: [UInt8] = []
  /// The seed's design: stored value x means x * 2^exponent.
  var exponent = 0
  /// Whether the exponent has been chosen (by binding, `t.scale`, a `fit`, or a first write).
  var exponentSet = false
  /// Element scales (empty unless the machine uses them): value = unit value x scales[i].
  var scales: [Float] = []
  /// With element scales and the `first_write` rule: the scale the first write chose.
  var fixedScale: Float?
  /// With element scales: which choice of a scale each element's scale came from
  /// (``ScaleChoiceID``), held per element once anything is written; empty until then, when
  /// ``boundChoices`` gives them. Kept in timing-only runs too: the array's decision to apply
  /// scales per output or per product follows it.
  var scaleChoices: [ScaleChoiceID] = []
  /// The choices of a tensor as bound (see ``scaleChoice(_:)``).
  var boundChoices = BoundScaleChoices.unscaled
  /// With the `first_write` rule: the choice ``fixedScale`` came from.
  var fixedChoice: ScaleChoiceID?
  /// With element scales: the unit-scale grid values are rounded onto (QINS8, QINS7 held as
  /// QINS8 codes, INT8, FP8, BF16).
  let grid: ElementFormat?
  let count: Int
  /// Whether values carry element scales.
  let hasElementScales: Bool

  /// `storage: false` makes a tensor of metadata only (format, count, scales or not) and no
  /// values: what a timing-only run keeps.
  init(
    format: MachineDescription.ValueFormat, count: Int, elementScales: Bool = false,
    grid: ElementFormat? = nil, storage: Bool = true
  ) {
    self.format = format
    self.count = count
    // An explicit FPINS(L) tensor has no element grid: it keeps the seed's per-tensor
    // exponent even on a machine whose storage format uses element scales.
    self.grid = elementScales ? grid : nil
    hasElementScales = elementScales && format != .fp32 && grid != nil
    guard storage else { return }
    switch format {
    case .fp32: floats = [Float](repeating: 0, count: count)
    case .fpins(let l):
      signs = [Int8](repeating: 0, count: count)
      levels = [UInt8](repeating: 0, count: count * (l + 1))
    case .int8, .fp8e4m3, .fp8e5m2, .bf16:
      floats = [Float](repeating: 0, count: count)
    }
    if elementScales && format != .fp32 { scales = [Float](repeating: 1, count: count) }
  }

  /// The host bytes a tensor of `count` values in `format` holds (nil if that overflows).
  static func hostBytes(
    format: MachineDescription.ValueFormat, count: Int, elementScales: Bool
  ) -> Int? {
    let perValue: Int
    switch format {
    case .fp32, .int8, .fp8e4m3, .fp8e5m2, .bf16: perValue = 4
    case .fpins(let l): perValue = l + 2
    }
    let scales = elementScales && format != .fp32 ? 4 : 0
    return HostMemoryBudget.product(count, perValue + scales)
  }

  var depth: Int { if case .fpins(let l) = format { l } else { -1 } }
  var isQINS8: Bool { depth == 0 }

  /// Element `i` as a real number.
  func value(_ i: Int) -> Double {
    switch format {
    case .fp32: return Double(floats[i])
    case .fpins(0):
      if hasElementScales {
        return Double(QINS8Codec.decode(qins8(i), scaleExponent: 0)) * Double(scales[i])
      }
      return Double(
        QINS8Codec.decode(QINS8(sign: signs[i], code: levels[i]), scaleExponent: exponent))
    case .fpins(let l):
      let x = FPINSValue(sign: signs[i], levels: Array(levels[(i * (l + 1))..<((i + 1) * (l + 1))]))
      return Double(x.sign) * x.approximateMagnitude
        * Double(sign: .plus, exponent: exponent, significand: 1)
    case .int8, .fp8e4m3, .fp8e5m2, .bf16:
      return Double(floats[i]) * Double(scales[i])
    }
  }

  /// Element `i`'s value on the unit-scale grid (element scales only).
  func unitValue(_ i: Int) -> Float {
    isQINS8 ? QINS8Codec.decode(qins8(i), scaleExponent: 0) : floats[i]
  }

  /// Element `i` as QINS8 (valid only for QINS8 tensors).
  func qins8(_ i: Int) -> QINS8 { QINS8(sign: signs[i], code: levels[i]) }

  mutating func setQINS8(_ i: Int, _ v: QINS8) {
    signs[i] = v.sign
    levels[i] = v.code
  }

  /// Stores a real number, rounding it into the format at the current exponent. Returns the
  /// rounding's flags (overflow and underflow are counted by the machine).
  ///
  /// Non-finite values never trap. FP32 keeps IEEE semantics (an infinity or NaN is stored as
  /// it is), and a finite value beyond FP32's range becomes an infinity with `.overflow`.
  /// QINS8 and FPINS saturate an infinity to their largest magnitude and store NaN as zero,
  /// both with `.overflow` (see ``QINS8Codec/encode(_:scaleExponent:mode:)``).
  @discardableResult
  mutating func store(_ i: Int, _ x: Double, rounding: RoundingMode) -> ArithmeticFlags {
    switch format {
    case .fp32:
      let f = Float(x)
      floats[i] = f
      return f.isInfinite && x.isFinite ? [.overflow, .inexact] : []
    case .fpins(0):
      let (q, flags) = QINS8Codec.encode(Float(x), scaleExponent: exponent, mode: rounding)
      setQINS8(i, q)
      return flags
    case .fpins(let l):
      let y = FPINSOptimalEncoder.encode(
        x * Double(sign: .plus, exponent: -exponent, significand: 1), depth: l)
      signs[i] = y.sign
      for k in 0...l { levels[i * (l + 1) + k] = y.levels[k] }
      return x.isFinite ? [] : [.overflow, .inexact]
    case .int8, .fp8e4m3, .fp8e5m2, .bf16:
      return store(i, Float(x), scale: 1, rounding: rounding) ? .overflow : []
    }
  }

  /// Stores `x` with an element scale: the unit value nearest to `x / scale` (a `Float`
  /// division). Returns whether it saturated.
  ///
  /// Non-finite values do not trap: infinities saturate to the grid's largest magnitude with
  /// their sign and NaN stores zero, both reported as saturated (the machine counts them).
  mutating func store(_ i: Int, _ x: Float, scale: Float, rounding: RoundingMode) -> Bool {
    var y = x / scale
    let nonFinite = !y.isFinite
    if nonFinite {
      let top = (grid ?? format.elementFormat(rounding: rounding))?.largest ?? 0
      y = y.isNaN ? 0 : (y < 0 ? -top : top)
    }
    if hasElementScales { scales[i] = scale.isFinite && scale > 0 ? scale : 1 }
    return storeUnit(i, y, rounding: rounding) || nonFinite
  }

  /// Stores `values` into the elements from `start` on, all with `scale`: what
  /// ``store(_:_:scale:rounding:)`` does for each, with the QINS8 encoder fetched once. Returns
  /// how many saturated.
  mutating func store(
    _ values: UnsafeBufferPointer<Float>, at start: Int, scale: Float, rounding: RoundingMode
  ) -> Int {
    var qins7 = false
    if case .qins7? = grid { qins7 = true }
    // QINS8 on its own grid (QINS7 has its own encoder): saturation at 256.
    guard isQINS8, hasElementScales, !qins7 else {
      var saturated = 0
      for (j, x) in values.enumerated() where store(start + j, x, scale: scale, rounding: rounding)
      {
        saturated += 1
      }
      return saturated
    }
    let encoder = QINS8UnitEncoder.shared(rounding)
    let kept: Float = scale.isFinite && scale > 0 ? scale : 1
    var saturated = 0
    signs.withUnsafeMutableBufferPointer { sg in
      levels.withUnsafeMutableBufferPointer { lv in
        scales.withUnsafeMutableBufferPointer { sc in
          for (j, x) in values.enumerated() {
            var y = x / scale
            let nonFinite = !y.isFinite
            if nonFinite { y = y.isNaN ? 0 : (y < 0 ? -256 : 256) }
            let (q, overflow) = encoder.encode(y)
            sg[start + j] = q.sign
            lv[start + j] = q.code
            sc[start + j] = kept
            if overflow || nonFinite { saturated += 1 }
          }
        }
      }
    }
    return saturated
  }

  /// Stores a unit-scale value `y` (finite) onto the grid; whether it saturated.
  private mutating func storeUnit(_ i: Int, _ y: Float, rounding: RoundingMode) -> Bool {
    if case .qins7(let mode)? = grid {
      let (q, saturated) = ElementFormat.encodeQINS7(y, mode: mode)
      setQINS8(i, q)
      return saturated
    }
    if isQINS8 {
      let (q, overflow) = QINS8UnitEncoder.shared(rounding).encode(y)
      setQINS8(i, q)
      return overflow
    }
    let (u, saturated) = (grid ?? format.elementFormat(rounding: rounding)!).quantize(y)
    floats[i] = u
    return saturated
  }

  /// Chooses the exponent at which the largest of `magnitudes` fits (``ScalePolicy/fitMaximum``),
  /// or leaves it when the format is FP32.
  mutating func fitExponent(toLargest largest: Double) {
    guard format != .fp32 else { return }
    let top = depth == 0 ? 256.0 : 1.0
    exponent = ScalePolicy.fitExponent(maxMagnitude: largest, topMagnitude: top)
    exponentSet = true
  }

  /// An empty FP32 tensor: what a tensor's slot holds while its values are taken out to be
  /// changed in place.
  static let placeholder = TensorValues(format: .fp32, count: 0)

  /// Copies a `rows` x `cols` tile of `other` (same format), whose row r starts at element
  /// `from + r * fromStride`, to this tensor's tile whose row r starts at `to + r * toStride`,
  /// with the scales, a row at a time.
  mutating func copyTile(
    rows: Int, cols: Int, from other: TensorValues, at from: Int, stride fromStride: Int,
    to: Int, stride toStride: Int
  ) {
    func rowsOf<T>(_ dst: inout [T], _ src: [T], width: Int) {
      guard width > 0 else { return }
      dst.withUnsafeMutableBufferPointer { d in
        src.withUnsafeBufferPointer { s in
          for r in 0..<rows {
            (d.baseAddress! + (to + r * toStride) * width).update(
              from: s.baseAddress! + (from + r * fromStride) * width, count: cols * width)
          }
        }
      }
    }
    guard rows > 0, cols > 0 else { return }
    switch format {
    case .fp32, .int8, .fp8e4m3, .fp8e5m2, .bf16: rowsOf(&floats, other.floats, width: 1)
    case .fpins(let l):
      rowsOf(&signs, other.signs, width: 1)
      rowsOf(&levels, other.levels, width: l + 1)
    }
    if hasElementScales { rowsOf(&scales, other.scales, width: 1) }
  }

  /// Copies the transpose of `other`'s `cols` x `rows` tile at `from` (row stride
  /// `fromStride`) into this tensor's first `rows x cols` elements, with the scales: element
  /// (r, c) here is element (c, r) of the tile.
  mutating func copyTransposedTile(
    rows: Int, cols: Int, from other: TensorValues, at from: Int, stride fromStride: Int
  ) {
    // In square blocks, so that both sides are walked along cache lines.
    func transpose<T>(_ dst: inout [T], _ src: [T], width: Int) {
      precondition(
        rows == 0 || cols == 0 || (from + (cols - 1) * fromStride + rows) * width <= src.count,
        "copyTransposedTile: the tile lies outside the source")
      precondition(rows * cols * width <= dst.count, "copyTransposedTile: the destination is short")
      let block = 32
      dst.withUnsafeMutableBufferPointer { d in
        src.withUnsafeBufferPointer { s in
          let (d, s) = (d.baseAddress!, s.baseAddress!)
          for r0 in stride(from: 0, to: rows, by: block) {
            let r1 = Swift.min(rows, r0 &+ block)
            for c0 in stride(from: 0, to: cols, by: block) {
              for c in c0..<Swift.min(cols, c0 &+ block) {
                let source = s + (from &+ c &* fromStride) &* width
                if width == 1 {
                  var out = d + (r0 &* cols &+ c)
                  for r in r0..<r1 {
                    out.pointee = source[r]
                    out += cols
                  }
                } else {
                  for r in r0..<r1 {
                    let (i, j) = ((r &* cols &+ c) &* width, r &* width)
                    for w in 0..<width { d[i &+ w] = source[j &+ w] }
                  }
                }
              }
            }
          }
        }
      }
    }
    switch format {
    case .fp32, .int8, .fp8e4m3, .fp8e5m2, .bf16: transpose(&floats, other.floats, width: 1)
    case .fpins(let l):
      transpose(&signs, other.signs, width: 1)
      transpose(&levels, other.levels, width: l + 1)
    }
    if hasElementScales { transpose(&scales, other.scales, width: 1) }
  }

  /// A QINS8 `rows x cols` tile (row r at `offset + r * stride`), row-major, each element
  /// `sign x factors[code]` (zero for a zero).
  func decodedQINS8(rows: Int, cols: Int, offset: Int, stride: Int, factors: [Float]) -> [Float] {
    var out = [Float](repeating: 0, count: rows * cols)
    out.withUnsafeMutableBufferPointer { o in
      signs.withUnsafeBufferPointer { sg in
        levels.withUnsafeBufferPointer { lv in
          factors.withUnsafeBufferPointer { f in
            for r in 0..<rows {
              let row = offset + r * stride
              for c in 0..<cols { o[r * cols + c] = Float(sg[row + c]) * f[Int(lv[row + c])] }
            }
          }
        }
      }
    }
    return out
  }
}
