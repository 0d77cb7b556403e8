import EnergyModel
import FPINSISA
import MachineDescription
import QBinary
import QINSNumbers
import QINSSupport
import SystolicArray
import TensorIO
import Traces

/// Runs a program on a machine: every instruction's values (bit-exact with the number
/// library) and its time (in-order issue, asynchronous units, a scoreboard over registers
/// and tensors, banked memories), with stalls counted by cause and energy by action.
///
/// Instructions take effect in program order; timing decides only *when*. Because the
/// scoreboard makes every instruction wait for the operands it reads and for the earlier
/// writers and readers of what it writes, the values are those of sequential execution.
public struct Simulator {
  public let machine: MachineDescription
  let costs: MachineCosts
  let tables: QINS8Tables
  /// The QINS8 PEs' product magnitudes for the machine's product path (element scales only).
  let productTable: QINS8ProductTable?
  var program: LoadedProgram
  /// The host threads the array's products may use (results do not depend on it).
  let parallelism: Parallelism
  /// Whether the run computes time, stalls, bytes and energy only, and no values (see
  /// ``init(image:machine:bindings:energyTable:converted:resident:parallelism:timingOnly:)``).
  public let timingOnly: Bool

  // Architectural state.
  var registers = [Int64](repeating: 0, count: 32)
  var pc = 0
  var dmaShape = (rows: 1, cols: 1)
  var aluShape = (rows: 1, cols: 1)
  var sfuShape = (rows: 1, cols: 1)
  var arrayShape = (m: 1, k: 1, n: 1)
  var dataflow: Dataflow
  var sfuEps: Float = 1e-5
  var sfuScalar: Float = 1
  var sfuRopeBase: Float = 10_000
  /// The array's stationary operand: k x n values, and its format and exponent.
  var stationary: TensorValues?
  var stationaryShape = (k: 0, n: 0)
  /// Whether each column of the stationary operand takes its scales from one choice along K
  /// (``ScaleChoiceID``; true without element scales).
  var stationaryColumnsShareScales = true

  // Timing state.
  var cycle = 0
  var registerReady = [Int](repeating: 0, count: 32)
  /// When the scheduled writes and reads of each part of each tensor complete.
  var scoreboard: Scoreboard
  /// The array's folds in time across `sa.matmul`s, and when the operand staged by the last
  /// `sa.load` is ready to shift in (``ArrayPipeline``).
  var arrayPipeline: ArrayPipeline
  var stationaryStaged = 0
  /// When the weight FIFO can stage another operand (its previous one has started shifting in).
  var stagingFree = 0
  var tagDone = [Int](repeating: 0, count: 16)
  var units: [FunctionalUnit: UnitTimeline]

  // Statistics.
  var stats = Counters()
  /// The scale unit's work in the current ALU or SFU operation (``storeScaled(_:into:refit:)``).
  var scaleWork = ScaleUnitWork()
  /// The instruction being executed, and when it issued and its unit started (for traces).
  var tracedPC = 0
  var lastIssueCycle: Int?
  var lastStart: Int?
  var ledger = EnergyLedger()
  /// The run split among the program's named operators; nil when it names none.
  var operators: OperatorAttribution?

  /// How many more `sa.matmul` operand sets to record in ``capturedArrayOperands`` (0: none,
  /// the default; a run with values only). For the circuits' switching energy.
  public var arrayOperandsToCapture = 0
  /// The operands of the GEMMs recorded, in execution order.
  public internal(set) var capturedArrayOperands: [ArrayOperands] = []

  // Traces.
  var traces: [TraceSink] = []
  var windows = TraceWindows()

  public init(
    image: ProgramImage, machine: MachineDescription, bindings: [Binding] = [],
    energyTable: EnergyTable = .standard, converted: ConvertedWeights? = nil,
    resident: [String: ResidentTensor] = [:], parallelism: Parallelism = .allCores,
    timingOnly: Bool = false, hostMemory: HostMemoryBudget = .standard
  ) throws(Fault) {
    self.machine = machine
    self.parallelism = parallelism
    self.timingOnly = timingOnly
    costs = MachineCosts(machine: machine, table: energyTable)
    tables = QINS8Tables.shared(machine.rounding)
    if let problem = machine.configurationProblem {
      throw Fault(kind: .invalidMachine, message: problem)
    }
    productTable =
      machine.storageFormat == .q8
        && (machine.usesElementScales || machine.array.product != .table8)
      ? QINS8ProductTable.shared(machine.productPath, tables: tables) : nil
    program = try LoadedProgram(
      image: image, machine: machine, bindings: bindings, converted: converted,
      resident: resident, parallelism: parallelism, storage: !timingOnly, hostMemory: hostMemory)
    dataflow = machine.array.dataflow
    scoreboard = Scoreboard(tensors: image.tensors.count)
    operators = OperatorAttribution(image: image)
    arrayPipeline = ArrayModel(machine: machine).pipeline(dataflow: machine.array.dataflow)
    units = [
      .dma: UnitTimeline(queueDepth: machine.dma.queueDepth), .alu: UnitTimeline(queueDepth: 1),
      .sfu: UnitTimeline(queueDepth: 1), .array: UnitTimeline(queueDepth: 1),
    ]
  }

  /// Runs until `halt`. Throws a ``Fault`` (with the pc, source line and cycle) on an
  /// architectural fault or when `maxCycles` pass.
  ///
  /// `traces` receive the run as it happens and are finished (closed, well-formed, put in
  /// place) when the run ends at `halt` or is stopped by a signal (marked interrupted; the
  /// fault's kind is `interrupted` and ``statisticsSoFar()`` has the figures); a fault
  /// abandons them, leaving any old files. `progress` is called now and then with the cycle
  /// and the instruction count.
  public mutating func run(
    maxCycles: Int = .max, traces: [TraceSink] = [], progress: ((Int, Int) -> Void)? = nil
  ) throws(Fault) -> RunStatistics {
    self.traces = traces
    do {
      for t in traces {
        try t.begin(
          units: Self.tracedUnits.map(\.rawValue), stallCauses: IssueStall.allCases.map(\.rawValue),
          clockMHz: machine.clockMHz)
      }
      try Interruption.polling { () throws -> Void in
        try loop(maxCycles: maxCycles, progress: progress)
      }
      leaveOperator(entering: nil)
      try flushWindows(upTo: .max)
      for t in traces { try t.finish(cycle: cycle, interrupted: false) }
    } catch let f as Fault where f.kind == .interrupted {
      // Stopped by a signal: what ran so far is kept, its traces closed and marked.
      leaveOperator(entering: nil)
      try? flushWindows(upTo: .max)
      for t in traces {
        do { try t.finish(cycle: cycle, interrupted: true) } catch { t.abandon() }
      }
      throw f
    } catch let f as Fault {
      for t in traces { t.abandon() }
      throw f
    } catch {
      for t in traces { t.abandon() }
      throw Fault(kind: .traceFailed, message: "\(error)", pc: pc, source: nil, cycle: cycle)
    }
    return statistics()
  }

  /// The statistics of the run so far: after a run stopped by a signal (a ``Fault`` of kind
  /// `interrupted`), what it measured up to there.
  public func statisticsSoFar() -> RunStatistics {
    var s = statistics()
    s.interrupted = true
    return s
  }

  /// The units that get a track in traces.
  static let tracedUnits: [FunctionalUnit] = [.dma, .alu, .sfu, .array]

  mutating func loop(maxCycles: Int, progress: ((Int, Int) -> Void)?) throws {
    let instructions = program.instructions
    let tracing = !traces.isEmpty
    // Each instruction's operator, read once here rather than through the optional struct.
    let operatorOf = operators?.operatorOf ?? []
    var currentOperator = operators?.current ?? -1
    while true {
      guard pc >= 0 && pc < instructions.count else {
        throw fault(
          .noHalt, "execution ran past the last instruction without halt",
          at: max(0, instructions.count - 1))
      }
      if cycle > maxCycles {
        throw fault(.maxCyclesReached, "stopped after \(maxCycles) cycles (--max-cycles)", at: pc)
      }
      if !operatorOf.isEmpty && operatorOf[pc] != currentOperator {
        currentOperator = operatorOf[pc]
        leaveOperator(entering: currentOperator)
      }
      let instruction = instructions[pc]
      stats.instructions += 1
      stats.instructionsByUnit[instruction.spec.unit, default: 0] += 1
      if stats.instructions & 0xFF == 0 {
        if Interruption.requested {
          stats.instructions -= 1
          stats.instructionsByUnit[instruction.spec.unit, default: 0] -= 1
          throw fault(
            .interrupted, "stopped by \(Interruption.name(Interruption.signal ?? 0))", at: pc)
        }
        if let progress { progress(cycle, stats.instructions) }
      }
      let issuedAt = cycle
      let energyBefore = ledger.runningTotal
      tracedPC = pc
      let halted = try execute(instruction)
      if tracing {
        let source = program.image.sourceDescription(ofInstruction: tracedPC)
        let operatorName = tracedOperatorName
        for t in traces {
          try t.issue(
            cycle: lastIssueCycle ?? issuedAt, pc: tracedPC, mnemonic: instruction.spec.mnemonic,
            source: source, operatorName: operatorName)
        }
        windows.addEnergy(
          ledger.runningTotal - energyBefore, at: lastStart ?? lastIssueCycle ?? issuedAt)
        lastIssueCycle = nil
        lastStart = nil
        // Counters of a window are known only once the core has passed it; holding the
        // time-ordered output back to the oldest unwritten window keeps it in order.
        try flushWindows(upTo: cycle)
        let settled = min(cycle, windows.nextToWrite * TraceWindows.cycles)
        for t in traces { try t.advance(to: settled) }
      }
      if halted { break }
    }
  }

  /// A tensor's values as FP32, for dumps and checks; nil in a timing-only run.
  public func tensor(named name: String) -> FloatTensor? {
    guard !timingOnly,
      let i = program.image.tensors.firstIndex(where: { $0.name == name || $0.binding == name })
    else { return nil }
    let v = program.values[i]
    return FloatTensor(
      shape: program.image.tensors[i].shape, values: (0..<v.count).map { Float(v.value($0)) })
  }

  func fault(_ kind: Fault.Kind, _ message: String, at index: Int? = nil) -> Fault {
    let i = index ?? pc
    return Fault(
      kind: kind, message: message, pc: i,
      source: program.image.sourceDescription(ofInstruction: i), cycle: cycle)
  }

  // MARK: Operand access

  func reg(_ v: OperandValue) -> Int64 {
    if case .register(let r) = v { return registers[Int(r)] }
    preconditionFailure("not a register")
  }

  mutating func setRegister(_ r: UInt8, _ value: Int64, ready: Int) {
    guard r != 0 else { return }
    registers[Int(r)] = value
    registerReady[Int(r)] = ready
  }

  /// Waits (stalling issue) until the registers an instruction reads are ready.
  mutating func waitForRegisters(_ operands: [OperandValue]) {
    var t = cycle
    for v in operands {
      switch v {
      case .register(let r), .memory(_, let r): t = max(t, registerReady[Int(r)])
      default: break
      }
    }
    stall(.dataDependency, t - cycle)
    cycle = t
    lastIssueCycle = t
  }

  mutating func stall(_ cause: IssueStall, _ cycles: Int) {
    guard cycles > 0 else { return }
    stats.issueStalls[cause, default: 0] += cycles
    for t in traces { try? t.stall(cause: cause.rawValue, start: cycle, duration: cycles) }
  }

  /// The tile a memory operand names under a unit's shape, checked against the tensor.
  func tile(_ v: OperandValue, rows: Int, cols: Int, what: String) throws(Fault) -> Tile {
    guard case .memory(let t, let r) = v else { preconditionFailure("not a memory operand") }
    let decl = program.image.tensors[Int(t)]
    let offset = registers[Int(r)]
    let tile = Tile(
      tensor: Int(t), offset: Int(clamping: offset), rows: rows, cols: cols,
      rowLength: decl.rowLength)
    guard rows >= 1, cols >= 1 else {
      throw fault(
        .invalidInstruction,
        "\(what): the tile shape \(rows) x \(cols) is empty; set it with a shape instruction")
    }
    guard cols <= decl.rowLength || rows == 1 else {
      throw fault(
        .misalignedAccess,
        "\(what): a tile \(cols) wide does not fit in a row of \(decl.name), which has \(decl.rowLength) elements"
      )
    }
    // The last element the tile touches, in checked arithmetic: an offset register may hold
    // anything up to 2^63 - 1.
    let span = Int64(rows - 1).multipliedReportingOverflow(by: Int64(decl.rowLength))
    let end = span.partialValue.addingReportingOverflow(Int64(cols) - 1)
    let last = offset.addingReportingOverflow(end.partialValue)
    guard offset >= 0, !span.overflow, !end.overflow, !last.overflow,
      last.partialValue < Int64(decl.elementCount)
    else {
      let reach =
        span.overflow || end.overflow || last.overflow
        ? "reaches past element 2^63" : "reaches element \(last.partialValue)"
      throw fault(
        .addressOutOfRange,
        "\(what): a \(rows) x \(cols) tile at element \(offset) of \(decl.name) \(reach), past its \(decl.elementCount) elements"
      )
    }
    return tile
  }
}

/// Why the control core could not issue.
enum IssueStall: String, CaseIterable {
  /// Waiting for a register being written.
  case dataDependency = "data_dependency"
  /// The target unit's queue is full behind compute.
  case structural
  /// The target unit's queue is full behind memory-bound work.
  case memoryBandwidth = "memory_bandwidth"
  /// `dma.wait`.
  case dmaWait = "dma_wait"
  /// `wait` and `halt` waiting for units.
  case sync
  /// A taken branch's penalty.
  case branch
}

/// Counters gathered during a run.
struct Counters {
  var instructions = 0
  var instructionsByUnit: [FunctionalUnit: Int] = [:]
  var issueStalls: [IssueStall: Int] = [:]
  /// Cycles lost inside units: waiting for operands, bank conflicts, table port conflicts,
  /// memory bandwidth beyond compute.
  var unitStalls: [UnitStall: Int] = [:]
  var bytesRead: [MemorySpace: Int] = [:]
  var bytesWritten: [MemorySpace: Int] = [:]
  var multiplyAccumulates = 0
  /// Cycles the array spent shifting stationary operands in: one per row each weight- or
  /// input-stationary fold fills (``Roofline``'s `array_weight_fill`).
  var arrayFillCycles = 0
  var overflows = 0
  var underflows = 0
}

extension Simulator {
  /// Tensor `t`'s values, taken out of the program (its slot holds
  /// ``TensorValues/placeholder`` until they are put back) so that changing them does not copy
  /// its storage. Read every other operand before, and put them back before anything else
  /// reads the program's values.
  /// Takes a tensor's contents out of the machine (by tensor or binding name) after a run, to
  /// give to a later run as ``ResidentTensor``; the tensor is left empty. Nil for an unknown
  /// name.
  public mutating func takeResident(named name: String) -> ResidentTensor? {
    guard
      let i = program.image.tensors.firstIndex(where: { $0.name == name || $0.binding == name })
    else { return nil }
    return ResidentTensor(takeValues(i), shape: program.image.tensors[i].shape, machine: machine)
  }

  mutating func takeValues(_ t: Int) -> TensorValues {
    let v = program.values[t]
    program.values[t] = .placeholder
    return v
  }
}
