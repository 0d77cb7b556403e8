import MachineDescription
import QINSNumbers

/// The scale unit's work for one write of element-scaled values: what it costs to choose the
/// scales of `groups` groups of `elements` values each (a tile's rows under the `row` rule,
/// the tile under `tile`, a tensor's first write under `first_write`).
///
/// The unit sits at the output of the ALU and of the SFU and reads the values as they are
/// written, `quantization.scale_unit_lanes` a cycle. Per group it makes two passes, pipelined
/// across groups: the largest magnitude, over every element; then, with `mse` calibration,
/// the candidate scales of ``ScaleChoice/searchStages`` over the sampled elements
/// (``ScaleChoice/sampledCount(_:)``), `quantization.scale_unit_candidates` candidates at a
/// time. Its cost depends on the shape of the write only, never on the values: a timing-only
/// run charges exactly what the full run does.
///
/// - `cycles` for G groups whose passes take `a` (largest magnitude) and `b` (candidates)
///   cycles each: `a + b + (G - 1) * max(a, b)`, the first group through both stages and the
///   rest at the slower stage's rate; 0 for no group.
/// - `steps`: element reads of the largest-magnitude pass plus one per sampled element per
///   candidate, the energy's count (one conversion's energy each).
///
/// BF16 needs no scale (its scale is always 1): no work.
struct ScaleUnitWork: Equatable {
  var cycles = 0
  var steps = 0

  static func += (a: inout Self, b: Self) {
    a.cycles += b.cycles
    a.steps += b.steps
  }

  /// The work of choosing `groups` scales of `elements` values each on `machine`.
  init(groups: Int, elements: Int, machine: MachineDescription, format: ElementFormat) {
    guard groups > 0, elements > 0 else { return }
    if case .bf16 = format { return }
    let q = machine.quantization
    let choice = ScaleChoice(
      format: format, type: q.scaleType, calibration: q.activationCalibration)
    let (whole, quarter) = choice.searchStages
    let lanes = q.scaleUnitLanes
    let sampled = ScaleChoice.sampledCount(elements)
    let pass = (sampled + lanes - 1) / lanes
    func stage(_ candidates: Int) -> Int {
      (candidates + q.scaleUnitCandidates - 1) / q.scaleUnitCandidates * pass
    }
    let largest = (elements + lanes - 1) / lanes
    let search = stage(whole) + stage(quarter)
    cycles = largest + search + (groups - 1) * max(largest, search)
    steps = groups * (elements + (whole + quarter) * sampled)
  }

  init() {}
}
