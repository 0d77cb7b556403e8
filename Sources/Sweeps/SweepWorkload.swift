import EnergyModel
import FP32Reference
import MachineDescription
import ProgramLibrary
import QINSSupport
import SystolicArray
import Workloads

/// One point's workload on its machine, read from the point's fields: what it will hold in
/// host memory (checked for every point before a sweep starts) and its figures once run.
enum SweepWorkload {
  case gemm(GemmExperiment, table: EnergyTable)
  case transformer(TransformerExperiment)

  /// The point's workload; a field of the wrong type or range is an error naming it.
  static func prepare(
    _ kind: SweepWorkloadKind, machine: MachineDescription,
    fields: [(field: String, value: SweepValue)], programs: ProgramSource
  ) throws(SweepError) -> SweepWorkload {
    var values: [String: SweepValue] = [:]
    for (f, v) in fields { values[f] = v }
    func integer(_ name: String, _ fallback: Int?) throws(SweepError) -> Int {
      switch values[name] {
      case .integer(let v): return v
      case nil:
        guard let fallback else { throw SweepError("\(name) must be set") }
        return fallback
      case let v?: throw SweepError("\(name) must be an integer, not \(v)")
      }
    }
    func text(_ name: String, _ fallback: String) throws(SweepError) -> String {
      switch values[name] {
      case .text(let v): return v
      case nil: return fallback
      case let v?: throw SweepError("\(name) must be a string, not \(v)")
      }
    }
    func flag(_ name: String) throws(SweepError) -> Bool {
      switch values[name] {
      case .flag(let v): return v
      case nil: return false
      case let v?: throw SweepError("\(name) must be true or false, not \(v)")
      }
    }
    let table: EnergyTable
    do { table = try EnergyTable.load(machine.energyTable) } catch {
      throw SweepError("\(machine.name): \(error)")
    }
    switch kind {
    case .gemm:
      let g = GEMMShape(
        m: try integer("gemm.m", nil), n: try integer("gemm.n", nil), k: try integer("gemm.k", nil))
      guard g.m >= 1, g.n >= 1, g.k >= 1 else {
        throw SweepError("gemm.m, gemm.n and gemm.k must be >= 1")
      }
      var e = GemmExperiment(gemm: g, machine: machine, energyTable: table)
      let timing = try text("gemm.timing", "default")
      guard let convention = TimingConvention(rawValue: timing) else {
        throw SweepError("gemm.timing must be default or scalesim, not \(timing)")
      }
      e.timing = convention
      e.functional = try flag("gemm.functional")
      return .gemm(e, table: table)
    case .transformer:
      let modelName = try text("transformer.model", TransformerModel.phi35Mini.rawValue)
      guard let model = TransformerModel(rawValue: modelName) else {
        throw SweepError(
          "transformer.model must be one of \(TransformerModel.allCases.map(\.rawValue).joined(separator: ", ")), not \(modelName)"
        )
      }
      var d = model.dimensions
      d.hidden = try integer("transformer.hidden", d.hidden)
      d.heads = try integer("transformer.heads", d.heads)
      d.headDim = try integer("transformer.head_dim", d.headDim)
      d.intermediate = try integer("transformer.intermediate", d.intermediate)
      let seq = try integer("transformer.seq", 128)
      if let problem = TransformerExperiment.dimensionProblem(d, seq: seq) {
        throw SweepError(problem)
      }
      let layerText: String
      switch values["transformer.layers"] {
      case .integer(let v): layerText = String(v)
      case .text(let v): layerText = v
      case nil: layerText = "0"
      case let v?: throw SweepError("transformer.layers must be N or A-B, not \(v)")
      }
      let layers: ClosedRange<Int>
      do { layers = try TransformerExperiment.layerRange(layerText, layerCount: d.layers) } catch {
        throw SweepError(error.description)
      }
      if let problem = machine.configurationProblem { throw SweepError(problem) }
      var e = TransformerExperiment(
        model: model, dimensions: d, layers: layers, seq: seq, machines: [machine],
        programs: programs)
      e.timingOnly = try flag("transformer.timing_only")
      return .transformer(e)
    }
  }

  /// Host bytes the point's values need (0 when only timing is computed); nil when the
  /// estimate overflows.
  var hostBytes: Int? {
    switch self {
    case .gemm(let e, _): e.hostBytes
    case .transformer(let e):
      e.timingOnly ? 0 : TransformerExperiment.hostBytes(e.dimensions, seq: e.seq, machines: 1)
    }
  }

  /// Runs the workload and returns its figures.
  func figures() throws(SweepError) -> [String: Double] {
    switch self {
    case .gemm(let e, let table):
      let machine = e.machine
      let r: GemmExperiment.Report
      do { r = try e.run() } catch { throw SweepError(error.description) }
      var f: [String: Double] = [
        "cycles": Double(r.totalCycles), "seconds": r.seconds, "energy_pj": r.energyPj,
        "avg_power_w": r.seconds == 0 ? 0 : r.energyPj * 1e-12 / r.seconds,
        "utilization": r.utilization, "mapping_efficiency": r.mappingEfficiency,
        "lbuf_bytes": Double(r.bytes["lbuf"] ?? 0), "acc_bytes": Double(r.bytes["acc"] ?? 0),
        "area_mm2": MachineCosts(machine: machine, table: table).totalAreaSquareMillimetres,
      ]
      if let fn = r.functional { f["rel_rms_error"] = fn.relativeRmsError }
      return f
    case .transformer(let e):
      let r: TransformerReport
      do { r = try e.run(parallelism: .serial).report } catch {
        throw SweepError(error.description)
      }
      let m = r.ordered[0]
      var f: [String: Double] = [
        "cycles": Double(m.cycles), "seconds": m.seconds, "energy_pj": m.energyPj,
        "avg_power_w": m.avgPowerW, "dram_bytes": Double(m.dramBytes),
        "weight_bytes": Double(m.weightBytes), "area_mm2": m.areaMm2,
      ]
      f["roofline_fraction"] = m.roofline.fractionReached
      f["operators_fraction"] = m.roofline.operatorsFractionReached
      for o in m.operators {
        f[SweepFigure.operatorCycles(o.name)] = Double(o.cycles)
        f[SweepFigure.operatorEnergy(o.name)] = o.energy.totalPj
      }
      for (bound, cycles) in m.roofline.bounds {
        f[SweepFigure.boundName(bound)] = Double(cycles)
      }
      if let last = m.perLayer.last {
        f["output_rel_rms"] = last.output.relRms
        f["update_rel_rms"] = last.update.relRms
        f["update_cosine"] = last.update.cosine
      }
      return f
    }
  }
}
