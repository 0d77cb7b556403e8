import Foundation

/// ProgressDisplay of long work on standard error: on a terminal a one-line display refreshed at
/// most four times a second; elsewhere (a log, a batch job, a pipe) one full line every
/// ``logInterval`` seconds once the work has run that long, so short runs print nothing and a
/// slow one (an FPINS accumulator, a whole model) still shows it is alive. Thread-safe.
public final class ProgressDisplay: @unchecked Sendable {
  public enum Mode: Sendable {
    case off
    case terminal
    case log
  }

  /// Seconds between lines off a terminal: 30, or `QINS_PROGRESS_INTERVAL` seconds when that
  /// variable holds a number >= 0 (a batch log that wants more lines, or a test that wants
  /// one at every update).
  public static let logInterval: Double = {
    guard let text = ProcessInfo.processInfo.environment["QINS_PROGRESS_INTERVAL"],
      let v = Double(text), v.isFinite, v >= 0
    else { return 30 }
    return v
  }()

  public let mode: Mode
  private let lock = NSLock()
  private let start = Date()
  private var last = Date()
  private var shown = false

  public init(mode: Mode) { self.mode = mode }

  /// Shown on standard error: the terminal display when standard error (and, with
  /// `terminalOutput`, standard output) is a terminal, otherwise periodic lines.
  public static func standardError(terminalOutput: Bool = false) -> ProgressDisplay {
    let terminal =
      isatty(STDERR_FILENO) != 0 && (!terminalOutput || isatty(STDOUT_FILENO) != 0)
    return ProgressDisplay(mode: terminal ? .terminal : .log)
  }

  /// No display: for runs nested in a command that shows its own.
  public static var disabled: ProgressDisplay { ProgressDisplay(mode: .off) }

  /// What the cycle updates are of ("layer 3 on qins-default: "), set by ``machine(_:layer:)``.
  private var context = ""

  /// This display, with the simulator's cycle updates labelled as a layer's run on `name`.
  public func machine(_ name: String, layer: Int) -> ProgressDisplay {
    lock.lock()
    context = "layer \(layer) on \(name): "
    lock.unlock()
    return self
  }

  /// Called by the simulator with the cycle and the instruction count.
  public func update(cycle: Int, instructions: Int) {
    lock.lock()
    let prefix = context
    let due = isDue(Date())
    lock.unlock()
    guard due else { return }
    show("\(prefix)cycle \(cycle), \(instructions) instructions")
  }

  /// Whether a line would be shown now (called with the lock held): the simulator calls
  /// ``update(cycle:instructions:)`` every 256 instructions, and builds no text in between.
  private func isDue(_ now: Date) -> Bool {
    switch mode {
    case .off: false
    case .terminal: now.timeIntervalSince(last) > 0.25 || !shown
    case .log: now.timeIntervalSince(last) >= Self.logInterval
    }
  }

  /// Shows what is being done now.
  public func note(_ text: String) { show(text) }

  private func show(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    switch mode {
    case .off: return
    case .terminal:
      guard now.timeIntervalSince(last) > 0.25 || !shown else { return }
      last = now
      shown = true
      FileHandle.standardError.write(Data("\r\u{1B}[2K  \(text)".utf8))
    case .log:
      guard now.timeIntervalSince(last) >= Self.logInterval else { return }
      last = now
      let elapsed = Int(now.timeIntervalSince(start))
      FileHandle.standardError.write(Data("progress after \(elapsed) s: \(text)\n".utf8))
    }
  }

  public func clear() {
    lock.lock()
    defer { lock.unlock() }
    if mode == .terminal && shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }
}
