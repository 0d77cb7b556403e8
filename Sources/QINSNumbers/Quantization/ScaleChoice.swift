import CKernels

/// Whether scales are powers of two (an exponent add in hardware) or FP32 numbers (a multiply).
public enum ScaleType: String, CaseIterable, Hashable, Sendable {
  case powerOfTwo = "power_of_two"
  case fp32
}

/// How a scale is calibrated to the values it serves.
public enum Calibration: String, CaseIterable, Hashable, Sendable {
  /// The smallest scale at which the largest magnitude does not saturate.
  case max
  /// The candidate scale with the least squared error (see ``ScaleChoice``).
  case mse
}

/// How a group of values (a tensor, a row, a channel) gets its scale.
///
/// `max` maps the group's largest magnitude onto the grid's largest (for power-of-two scales:
/// the smallest power of two at which nothing saturates). `mse` tries candidate scales
/// `s_max * 2^(t/4)` and keeps the one with the least squared error over an evenly strided
/// sample of at most ``sampleLimit`` values (ties: the first tried). The candidates go where
/// the format can gain: for QINS8 and QINS7, whose grid is finest near 1 and coarsest near 256, toward
/// larger scales (t = 0...32, 8 octaves: the largest values gain precision, the smallest
/// underflow); for INT8 and FP8, toward smaller scales (t = 0 down to -8, 2 octaves: the
/// largest values clip, the rest gain resolution). Whole octaves are tried first, stopping
/// after 3 in a row without improvement; FP32 scales then try the 6 quarter-octaves within
/// 3/4 of an octave of the best. BF16 needs no scale: it always gets 1.
public struct ScaleChoice: Hashable, Sendable {
  public var format: ElementFormat
  public var type: ScaleType
  public var calibration: Calibration
  /// With `max`: the largest magnitude sits this many octaves below the grid's largest (for
  /// QINS, whose top octaves hold few codes, the bulk of the values then falls on finer ones;
  /// negative values clip the largest). The scale is multiplied by 2^octaves.
  public var maxShiftOctaves = 0
  /// Values sampled by the `mse` search.
  public static let sampleLimit = 1024

  public init(
    format: ElementFormat, type: ScaleType, calibration: Calibration, maxShiftOctaves: Int = 0
  ) {
    self.format = format
    self.type = type
    self.calibration = calibration
    self.maxShiftOctaves = maxShiftOctaves
  }

  /// The range of candidates `mse` tries, in quarter-octave steps from the `max` scale.
  var candidateRange: (Int, Int) {
    switch format {
    case .qins8, .qins7: return (0, 32)
    default: return (-8, 0)
    }
  }

  /// How many elements of a group of `count` the `mse` search samples: every
  /// max(1, count / ``sampleLimit``)-th, from the first.
  public static func sampledCount(_ count: Int) -> Int {
    let step = Swift.max(1, count / sampleLimit)
    return (count + step - 1) / step
  }

  /// The candidates a hardware scale unit tries for one group, in two stages, whatever the
  /// values: every whole octave of the range (9 for QINS8 and QINS7, 3 for INT8 and FP8), then,
  /// for FP32 scales, the 6 quarter-octave slots around the best whole octave (slots outside
  /// the range are tried and ignored). Trying them all and applying the search's own rule to
  /// their errors (whole octaves in order until 3 in a row do not improve, then the quarter
  /// octaves) chooses the same scale as ``scale(for:)-(UnsafeBufferPointer<Float>)``, which
  /// stops early. None with `max` calibration or for BF16.
  public var searchStages: (wholeOctaves: Int, quarterOctaves: Int) {
    guard calibration == .mse else { return (0, 0) }
    if case .bf16 = format { return (0, 0) }
    let (lo, hi) = candidateRange
    return ((hi - lo) / 4 + 1, type == .fp32 ? 6 : 0)
  }

  /// The `max` scale of a group whose largest magnitude is `largest`.
  public func maximumScale(largest amax: Float) -> Float {
    guard amax > 0, amax.isFinite else { return 1 }
    switch type {
    case .fp32:
      let s = amax / format.largest
      return s.isNormal ? s : 1
    case .powerOfTwo:
      var e = Int((amax / format.largest).exponent)
      while amax > format.largest * Self.power(e) { e += 1 }
      while e > -120 && amax <= format.largest * Self.power(e - 1) { e -= 1 }
      return Self.power(e)
    }
  }

  static func power(_ e: Int) -> Float { Float(sign: .plus, exponent: e, significand: 1) }

  /// 2^(t/4), each quarter-octave factor rounded once to `Float`.
  static func quarterOctave(_ t: Int) -> Float {
    let f: Float
    switch t & 3 {
    case 0: f = 1
    case 1: f = 1.189_207_1
    case 2: f = 1.414_213_5
    default: f = 1.681_792_8
    }
    return Float(sign: .plus, exponent: t >> 2, significand: f)
  }

  /// The chosen scale of `values`, with the number of candidates the search tried (the
  /// conversion unit's work, for its cost).
  public func scale(for values: [Float]) -> (scale: Float, candidates: Int) {
    values.withUnsafeBufferPointer { scale(for: $0) }
  }

  public func scale(for values: ArraySlice<Float>) -> (scale: Float, candidates: Int) {
    values.withUnsafeBufferPointer { scale(for: $0) }
  }

  /// The squared error of `values` (every `step`-th) quantized at scale `s`.
  func squaredError(_ values: UnsafeBufferPointer<Float>, step: Int, scale s: Float) -> Double {
    var e: Double = 0
    var i = 0
    if case .qins8(let mode) = format {
      // The same sum, vectorised in C (the encoder's tables, no branch on the value).
      let encoder = QINS8UnitEncoder.shared(mode)
      return qins_qins8_squared_error(
        values.baseAddress, values.count, step, s, encoder.threshold, encoder.values,
        mode == .nearest ? 1 : 0, format.largest)
    }
    while i < values.count {
      let v = values[i]
      if v.isFinite {
        let d = Double(format.quantize(v / s).value * s) - Double(v)
        e += d * d
      }
      i += step
    }
    return e
  }

  public func scale(for values: UnsafeBufferPointer<Float>) -> (scale: Float, candidates: Int) {
    if case .bf16 = format { return (1, 0) }
    // Non-finite values (an overflowed exp) do not set the scale; they saturate when stored.
    var amax: Float = 0
    for v in values where v.isFinite { amax = Swift.max(amax, v.magnitude) }
    var base = maximumScale(largest: amax)
    guard calibration == .mse, amax > 0 else {
      if maxShiftOctaves != 0 && amax > 0 {
        let shifted = base * Self.power(maxShiftOctaves)
        if shifted.isNormal { base = shifted }
      }
      return (base, 1)
    }
    let step = Swift.max(1, values.count / Self.sampleLimit)
    var best = base
    var bestStep = 0
    var bestError = Double.infinity
    var tried = 0
    // Whole octaves first, then (FP32 scales) the quarter-octaves around the best.
    var sinceImprovement = 0
    let (lo, hi) = candidateRange
    for t in stride(from: 0, through: lo == 0 ? hi : lo, by: lo == 0 ? 4 : -4)
    where sinceImprovement < 3 {
      let s = base * Self.quarterOctave(t)
      guard s.isNormal else { continue }
      tried += 1
      let e = squaredError(values, step: step, scale: s)
      if e < bestError {
        (best, bestStep, bestError, sinceImprovement) = (s, t, e, 0)
      } else {
        sinceImprovement += 1
      }
    }
    if type == .fp32 {
      let center = bestStep
      for t in (center - 3)...(center + 3) where t % 4 != 0 && t >= lo && t <= hi {
        let s = base * Self.quarterOctave(t)
        guard s.isNormal else { continue }
        tried += 1
        let e = squaredError(values, step: step, scale: s)
        if e < bestError { (best, bestError) = (s, e) }
      }
    }
    return (best, tried)
  }
}
