import CHost

/// SIGINT and SIGTERM, handled so that no signal loses a user's work or leaves a partial
/// file (Docs/reliability.md, "Signals"):
/// - while a simulation runs, the first signal asks it to stop at its next instruction
///   boundary (``requested``), so that its command can write its statistics and close its
///   traces, marked interrupted, and exit with 128 + the signal (130, 143);
/// - otherwise, or on a second signal, every partial output file is removed and the process
///   ends at once with that status.
public enum Interruption {
  /// Installs the handlers (once, at the start of a command).
  public static func install() { qins_install_interruption_handlers() }

  /// The signal received, or nil.
  public static var signal: Int32? {
    let s = qins_received_signal()
    return s == 0 ? nil : s
  }

  /// Whether a signal asks the running simulation to stop.
  @inline(__always) public static var requested: Bool { qins_received_signal() != 0 }

  /// The signal's name, for messages.
  public static func name(_ signal: Int32) -> String {
    signal == 2 ? "SIGINT" : signal == 15 ? "SIGTERM" : "signal \(signal)"
  }

  /// Runs `body` as a simulation that polls ``requested``: a first signal during it does not
  /// end the process.
  public static func polling<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    qins_begin_polling()
    defer { qins_end_polling() }
    return try body()
  }

  /// Registers a partial file for removal should a signal end the process.
  static func registerPartialFile(_ path: String) -> Int32 {
    qins_register_partial_file(path)
  }

  static func unregisterPartialFile(_ slot: Int32) { qins_unregister_partial_file(slot) }
}
