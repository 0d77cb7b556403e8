import Foundation

/// ProgressDisplay of long work on standard error: on a terminal a one-line display refreshed at
/// most four times a second; elsewhere (a log, a batch job, a pipe) one full line every
/// ``logInterval`` seconds once the work has run that long, so short runs print nothing and a
/// slow one (an FPINS accumulator, a whole model) still shows it is alive. Thread-safe.
public final class ProgressDisplay: Sendable {
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
  private let start = Date()
  /// When the last line was shown, whether one was, and what cycle updates are of ("layer 3
  /// on qins-default: ", set by ``machine(_:layer:)``).
  private struct State {
    var last = Date()
    var shown = false
    var context = ""
  }
  private let state = Locked(State())

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

  /// This display, with the simulator's cycle updates labelled as a layer's run on `name`.
  public func machine(_ name: String, layer: Int) -> ProgressDisplay {
    state.withLock { $0.context = "layer \(layer) on \(name): " }
    return self
  }

  /// Called by the simulator with the cycle and the instruction count: every 256
  /// instructions, so no text is built unless a line is due.
  public func update(cycle: Int, instructions: Int) {
    let now = Date()
    let prefix: String? = state.withLock { s in
      switch mode {
      case .off: return nil
      case .terminal: return now.timeIntervalSince(s.last) > 0.25 || !s.shown ? s.context : nil
      case .log: return now.timeIntervalSince(s.last) >= Self.logInterval ? s.context : nil
      }
    }
    guard let prefix else { return }
    show("\(prefix)cycle \(cycle), \(instructions) instructions")
  }

  /// Shows what is being done now.
  public func note(_ text: String) { show(text) }

  private func show(_ text: String) {
    state.withLock { s in
      let now = Date()
      switch mode {
      case .off: return
      case .terminal:
        guard now.timeIntervalSince(s.last) > 0.25 || !s.shown else { return }
        s.last = now
        s.shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K  \(text)".utf8))
      case .log:
        guard now.timeIntervalSince(s.last) >= Self.logInterval else { return }
        s.last = now
        let elapsed = Int(now.timeIntervalSince(start))
        FileHandle.standardError.write(Data("progress after \(elapsed) s: \(text)\n".utf8))
      }
    }
  }

  public func clear() {
    state.withLock { s in
      if mode == .terminal && s.shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
  }
}
