import EnergyModel
import FP32Reference
import MachineDescription
import QBinary
import QINSMachine
import QINSSupport
import SystolicArray
import TensorIO
import Traces

/// One run of a block program on one machine: the input hidden states bound as `x`, the
/// layer's weights as the other bindings, the output read back from `y`.
public struct LayerSimulation: Sendable {
  public var image: ProgramImage
  public var machine: MachineDescription
  /// The machine's action energies (loaded once per machine, not once per run).
  public var energyTable: EnergyTable

  public init(image: ProgramImage, machine: MachineDescription) throws(WorkloadError) {
    self.image = image
    self.machine = machine
    do { energyTable = try EnergyTable.load(machine.energyTable) } catch {
      throw WorkloadError("\(machine.name): \(error)")
    }
  }

  /// Runs the layer on `x`. With `timingOnly` nothing is bound and no values are computed
  /// (the output is `x` itself); `converted` shares weights converted to the machine's formats
  /// between runs of the same weights.
  public func run(
    _ weights: [Binding], _ x: FloatMatrix, progress: ProgressDisplay = .disabled,
    traces: [TraceSink] = [], converted: ConvertedWeights? = nil, parallelism: Parallelism,
    timingOnly: Bool = false
  ) throws(WorkloadError) -> (FloatMatrix, RunStatistics) {
    let bindings =
      timingOnly
      ? []
      : weights + [
        Binding(
          name: "x", tensor: FloatTensor(shape: [x.rows, x.cols], values: x.values), source: "x")
      ]
    do {
      var sim = try Simulator(
        image: image, machine: machine, bindings: bindings, energyTable: energyTable,
        converted: converted, parallelism: parallelism, timingOnly: timingOnly)
      let stats = try sim.run(traces: traces, progress: progress.update)
      guard let y = sim.tensor(named: "y") else { return (x, stats) }
      return (FloatMatrix(rows: x.rows, cols: x.cols, values: y.values), stats)
    } catch {
      throw WorkloadError("\(machine.name): \(error)")
    }
  }

  /// Runs the layer on `x` with values and returns the operands of its first `gemms` GEMMs
  /// as the PEs see them (for the circuits' switching energy, Docs/circuits.md).
  public func arrayOperands(
    _ weights: [Binding], _ x: FloatMatrix, gemms: Int, parallelism: Parallelism
  ) throws(WorkloadError) -> [ArrayOperands] {
    let bindings =
      weights + [
        Binding(
          name: "x", tensor: FloatTensor(shape: [x.rows, x.cols], values: x.values), source: "x")
      ]
    do {
      var sim = try Simulator(
        image: image, machine: machine, bindings: bindings, energyTable: energyTable,
        parallelism: parallelism)
      sim.arrayOperandsToCapture = gemms
      _ = try sim.run()
      return sim.capturedArrayOperands
    } catch {
      throw WorkloadError("\(machine.name): \(error)")
    }
  }
}
