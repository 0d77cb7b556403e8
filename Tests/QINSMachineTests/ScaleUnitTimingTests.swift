import Foundation
import MachineDescription
import QINSMachine
import QINSNumbers
import Testing

/// The scale unit's cycles and energy, derived by hand (``ScaleUnitWork``): fixed by the
/// shape of a write, never by its values.
@Suite("The scale unit, derived by hand")
struct ScaleUnitTimingTests {
  /// The hand-timing machine with INT8 storage and per-row activation scales, and a scale
  /// unit of 16 lanes trying 2 candidates at a time.
  static func machine(_ calibration: Calibration, storage: MachineDescription.ValueFormat = .int8)
    -> MachineDescription
  {
    var m = timingMachine()
    m.storageFormat = storage
    m.quantization = Presets.int8.quantization
    m.quantization.activationCalibration = calibration
    m.quantization.scaleUnitLanes = 16
    m.quantization.scaleUnitCandidates = 2
    return m
  }

  /// sfu.exp writes a 4 x 64 tile in the storage format: 256 elements on 16 lanes, 16 cycles;
  /// it reads 1 KiB of FP32 (4 cycles at 256 B a cycle) and writes 256 B (1 cycle).
  static func program(values: String = "") -> String {
    """
    .tensor D spad [4, 64] storage
    .tensor E spad [4, 64] fp32\(values)
    li x1, 4
    li x2, 64
    sfu.shape x1, x2
    sfu.exp D, E
    halt

    """
  }

  @Test("An MSE search per row outlasts the SFU: the unit sets the occupancy and stalls the SFU")
  func mseSearch() throws {
    // Per row of 64: the largest magnitude, 64 / 16 = 4 cycles. INT8's candidates: 3 whole
    // octaves, then 6 quarter-octave slots (FP32 scales), over all 64 elements (fewer than
    // 1,024: every one is sampled), 2 candidates a pass of 4 cycles: ceil(3/2) x 4 = 8 and
    // ceil(6/2) x 4 = 12, 20 cycles. Four rows, pipelined: 4 + 20 + 3 x max(4, 20) = 84.
    // sfu.exp issues at 3 and occupies the SFU max(16, 4, 84) = 84 cycles, then 16 of latency:
    // done at 103; halt waits for it: 104 cycles. The SFU's 16 cycles leave 68 to the unit.
    let s = try run(Self.program(), on: Self.machine(.mse))
    #expect(s.cycles == 104)
    #expect(s.unitStalls["sfu_scale_unit"] == 68)
    #expect(s.unitBusyCycles["sfu"] == 84)
    // Element steps: per row 64 reads for the largest magnitude and 9 candidates x 64.
    let steps = s.energy.actions.first { $0.component == "scale_unit" }
    #expect(steps?.action == "scale_search" && steps?.count == 4 * (64 + 9 * 64))
  }

  @Test("The largest magnitude alone keeps pace with the SFU: no stall")
  func maximumOnly() throws {
    // Four rows of 4 cycles each: 16, the SFU's own 16. Done at 3 + 16 + 16 = 35: 36 cycles.
    let s = try run(Self.program(), on: Self.machine(.max))
    #expect(s.cycles == 36)
    #expect(s.unitStalls["sfu_scale_unit"] == nil)
    let steps = s.energy.actions.first { $0.component == "scale_unit" }
    #expect(steps?.count == Double(4 * 64))
  }

  @Test("BF16 needs no scale: no unit, no energy")
  func bf16() throws {
    let s = try run(Self.program(), on: Self.machine(.mse, storage: .bf16))
    #expect(s.cycles == 36)
    #expect(!s.energy.actions.contains { $0.component == "scale_unit" })
  }

  @Test("The values do not change the cost: zeros and a spread of magnitudes cost the same")
  func valuesDoNotMatter() throws {
    let spread = (0..<256).map { i in String(Float(i % 7) * powf(2, Float(i % 13) - 6)) }
    let withValues = Self.program(values: " = \(spread.joined(separator: ", "))")
    let a = try run(Self.program(), on: Self.machine(.mse))
    let b = try run(withValues, on: Self.machine(.mse))
    #expect(a.cycles == b.cycles && a.energy.totalPj == b.energy.totalPj)
  }
}
