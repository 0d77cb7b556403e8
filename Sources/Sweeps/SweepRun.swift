import Foundation
import MachineDescription
import ProgramLibrary
import QINSSupport
import Workloads

/// Runs a sweep's points (those of one shard) in parallel, each point's workload on one
/// thread, writing each finished point's file; points already in the folder are not run
/// again, so a killed sweep resumes where it stopped.
public struct SweepRun: Sendable {
  public var specification: SweepSpecification
  public var directory: SweepDirectory
  public var shard: SweepShard = .all
  /// Where the block programs are read from (transformer sweeps).
  public var programs: ProgramSource
  /// The tool's version line, one of the inputs the folder records (``SweepInputs``).
  public var toolVersion = "unknown"
  /// The largest sweep run without being confirmed.
  public static let confirmationLimit = 10_000
  /// The largest sweep run at all: its point list and tables are held in memory (a 10^9-point
  /// sweep with --yes once aborted allocating them). Split larger designs into several specs.
  public static let maximumPoints = 10_000_000

  public init(specification: SweepSpecification, directory: SweepDirectory, programs: ProgramSource)
  {
    self.specification = specification
    self.directory = directory
    self.programs = programs
  }

  /// What a run did.
  public struct Outcome: Sendable {
    public var total: Int
    public var inShard: Int
    public var alreadyDone: Int
    public var ran: Int
    public var failed: Int
  }

  /// The machine of each of `indices`, built before anything runs, so a bad field stops the
  /// sweep at once with the point and field named.
  func machines(_ indices: [Int]) throws(SweepError) -> [MachineDescription] {
    let spec = specification
    var bases: [String: MachineDescription] = [:]
    func base(_ name: String) throws(SweepError) -> MachineDescription {
      if let b = bases[name] { return b }
      do {
        let b = try MachineLoader.load(name)
        bases[name] = b
        return b
      } catch { throw SweepError("machine \(name): \(error)") }
    }
    var out: [MachineDescription] = []
    for i in indices {
      let a = spec.assignments(of: i)
      var baseName = spec.machine
      if case .text(let n)? = a.last(where: { $0.field == "machine" })?.value { baseName = n }
      let fields = a.filter { $0.field != "machine" && !Self.isWorkloadField($0.field) }
      do {
        out.append(try MachineFields.apply(fields, to: try base(baseName), name: "point-\(i)"))
      } catch { throw SweepError("point \(i): \(error)") }
    }
    return out
  }

  static func isWorkloadField(_ f: String) -> Bool {
    SweepWorkloadKind.allCases.contains { f.hasPrefix($0.rawValue + ".") }
  }

  /// Runs the shard's points not yet in the folder on `parallelism`'s threads.
  public func run(parallelism: Parallelism, progress: ProgressDisplay = .disabled)
    throws(SweepError) -> Outcome
  {
    let spec = specification
    let total = spec.pointCount
    let digest = spec.digest
    try directory.prepare()
    try directory.claim(
      for: SweepManifest(
        spec,
        inputs: SweepInputs.fingerprints(spec, programs: programs, toolVersion: toolVersion)))
    let done = try directory.points(of: digest)
    let mine = (0..<total).filter(shard.contains)
    let pending = mine.filter { done[$0] == nil }
    let machines = try machines(pending)
    let failures = ConcurrentSlots<SweepError>(count: pending.count)
    let failed = ConcurrentSlots<Bool>(count: pending.count)
    let counter = Counter()
    let start = Date()
    let directory = directory
    let programs = programs
    parallelism.forEach(pending.count) { j in
      let i = pending[j]
      let a = spec.assignments(of: i)
      var fields: [String: SweepValue] = [:]
      let shown = Set(spec.fields)
      for (f, v) in a where shown.contains(f) { fields[f] = v }
      var result = SweepPointResult(
        sweep: digest, index: i, fields: fields, figures: [:], error: nil)
      do throws(SweepError) {
        result.figures = try SweepWorkload.run(
          spec.workload, machine: machines[j],
          fields: a.filter { Self.isWorkloadField($0.field) }, programs: programs)
      } catch {
        result.error = error.description
        failed[j] = true
      }
      // A point a signal stopped is not a result: it is left to run again on resume.
      guard !Interruption.requested else { return }
      do throws(SweepError) { try directory.write(result) } catch { failures[j] = error }
      let n = counter.increment()
      let elapsed = Date().timeIntervalSince(start)
      let rate = Double(n) / max(elapsed, 1e-9)
      let left = Double(pending.count - n) / rate
      progress.note(
        "\(n + done.count)/\(mine.count) points, \(String(format: "%.1f", rate)) per second, about \(Int(left.rounded())) s left"
      )
    }
    progress.clear()
    if let signal = Interruption.signal {
      throw SweepError(
        "stopped by \(Interruption.name(signal)); the points finished are kept, run the sweep again to finish it"
      )
    }
    for j in pending.indices { if let e = failures[j] { throw e } }
    return Outcome(
      total: total, inShard: mine.count, alreadyDone: mine.count - pending.count,
      ran: pending.count, failed: pending.indices.filter { failed[$0] == true }.count)
  }
}

/// A count shared by the workers.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// Adds one and returns the new count.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
