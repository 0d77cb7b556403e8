import CHost

/// The end of a command's standard output.
///
/// A command whose output went to a full disk or a closed pipe must not exit 0 as if it had
/// succeeded. The tools call ``checkAtExit()`` first thing.
public enum StandardOutput {
  /// From now on, however the process exits (a command's end, `--help`, an error), standard
  /// output is flushed at exit, and a failed write ends the process with status 1 and a
  /// message on standard error.
  public static func checkAtExit() {
    qins_check_standard_output_at_exit()
  }
}
