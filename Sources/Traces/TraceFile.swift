/// The trace formats, chosen by a file's name: `.vcd` is a Value Change Dump (GTKWave,
/// Surfer), `.json` a Chrome Trace Event file (Perfetto, chrome://tracing).
public enum TraceFile {
  /// True when `path` names a trace format this package writes.
  public static func isTraceName(_ path: String) -> Bool {
    path.hasSuffix(".json") || path.hasSuffix(".vcd")
  }

  /// Opens a trace of the format `path`'s suffix names (anything but `.vcd` is Chrome JSON),
  /// failing once it passes `maxBytes`; a Chrome trace's events carry `context` in their args.
  public static func open(
    _ path: String, maxBytes: Int = .max, context: [(String, String)] = []
  ) throws(TraceError) -> TraceSink {
    path.hasSuffix(".vcd")
      ? try VCDWriter(path: path, maxBytes: maxBytes)
      : try ChromeTraceWriter(path: path, maxBytes: maxBytes, context: context)
  }
}
