import Foundation
import MachineDescription
import ProgramLibrary
import QINSSupport
import Synchronization
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
  /// The host memory the points running at once may hold: a point that needs more on its own
  /// stops the sweep before anything runs, and fewer points run at once when the largest
  /// would not fit together.
  public var hostMemory: HostMemoryBudget = .standard
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
    /// Points run at once: the threads asked for, or fewer when the largest points' host
    /// memory would not fit together.
    public var threads: Int
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
    let manifest = SweepManifest(
      spec, inputs: SweepInputs.fingerprints(spec, programs: programs, toolVersion: toolVersion))
    // A folder already there must be this sweep's; a new one is made only once the points
    // have been checked, so a refused sweep writes nothing.
    let resuming = FileManager.default.fileExists(atPath: directory.pointsPath)
    if resuming { try directory.claim(for: manifest) }
    let done = resuming ? try directory.points(of: digest) : [:]
    let mine = (0..<total).filter(shard.contains)
    let pending = mine.filter { done[$0] == nil }
    let machines = try machines(pending)
    // Each point's workload is read (a bad field becomes that point's error) and its host
    // memory checked before any point runs.
    var prepared: [Result<SweepWorkload, SweepError>] = []
    for (j, i) in pending.enumerated() {
      prepared.append(
        Result { () throws(SweepError) -> SweepWorkload in
          try SweepWorkload.prepare(
            spec.workload, machine: machines[j],
            fields: spec.assignments(of: i).filter { Self.isWorkloadField($0.field) },
            programs: self.programs)
        })
    }
    let workloads = prepared
    let threads = try checkHostMemory(workloads, pending: pending, threads: parallelism.threads)
    try directory.prepare()
    try directory.claim(for: manifest)
    let failures = ConcurrentSlots<SweepError>(count: pending.count)
    let failed = ConcurrentSlots<Bool>(count: pending.count)
    let counter = Atomic<Int>(0)
    let start = Date()
    let directory = directory
    Parallelism(threads: threads).forEach(pending.count) { j in
      let i = pending[j]
      let a = spec.assignments(of: i)
      var fields: [String: SweepValue] = [:]
      let shown = Set(spec.fields)
      for (f, v) in a where shown.contains(f) { fields[f] = v }
      var result = SweepPointResult(
        sweep: digest, index: i, fields: fields, figures: [:], error: nil)
      do throws(SweepError) {
        result.figures = try workloads[j].get().figures()
      } catch {
        result.error = error.description
        failed[j] = true
      }
      // A point a signal stopped is not a result: it is left to run again on resume.
      guard !Interruption.requested else { return }
      do throws(SweepError) { try directory.write(result) } catch { failures[j] = error }
      let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
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
      ran: pending.count, failed: pending.indices.filter { failed[$0] == true }.count,
      threads: threads)
  }

  /// Refuses the sweep when a point needs more host memory than the budget on its own (with
  /// the count of such points and the largest named); returns how many points may run at
  /// once: at most `threads`, and no more than the largest needs fit together.
  func checkHostMemory(
    _ workloads: [Result<SweepWorkload, SweepError>], pending: [Int], threads: Int
  ) throws(SweepError) -> Int {
    let needs: [Int?] = workloads.map { w in
      guard case .success(let work) = w else { return 0 }
      return work.hostBytes
    }
    let over = needs.indices.filter { needs[$0] == nil || needs[$0]! > hostMemory.limitBytes }
    if let worst = over.max(by: { (needs[$0] ?? .max) < (needs[$1] ?? .max) }) {
      do throws(HostMemoryError) {
        try hostMemory.check(needs[worst], for: "point \(pending[worst])")
      } catch {
        throw SweepError(
          "\(over.count) of \(pending.count) points to run need more host memory than the limit; the largest: \(error.description)"
        )
      }
    }
    let largest = needs.map { $0 ?? .max }.sorted(by: >)
    var fit = 1
    var sum = largest.first ?? 0
    while fit < min(threads, largest.count) {
      let (next, overflow) = sum.addingReportingOverflow(largest[fit])
      guard !overflow, next <= hostMemory.limitBytes else { break }
      sum = next
      fit += 1
    }
    return largest.isEmpty ? threads : fit
  }
}
