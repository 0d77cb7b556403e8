import QINSSupport

/// What a trace records. The simulator calls these as it runs; sinks stream them to disk.
///
/// Times are cycles. Unit activity is reported when it is scheduled, which may be ahead of
/// the control core, but never before the core's current cycle (``advance(to:)``), so a sink
/// that needs time order can hold back only what lies ahead.
public protocol TraceSink: AnyObject {
  /// Called once before anything else.
  func begin(units: [String], stallCauses: [String], clockMHz: Double) throws
  /// The control core issued instruction `pc` at `cycle`; `operatorName` is the program's
  /// operator it belongs to (`.operator`), nil when the program names none.
  func issue(cycle: Int, pc: Int, mnemonic: String, source: String, operatorName: String?) throws
  /// A unit was busy with an instruction from `start` for `duration` cycles.
  func busy(
    unit: String, start: Int, duration: Int, pc: Int, mnemonic: String, source: String,
    operatorName: String?
  ) throws
  /// Issue stalled from `start` for `duration` cycles for `cause`.
  func stall(cause: String, start: Int, duration: Int) throws
  /// A counter's value from `cycle` on.
  func counter(name: String, cycle: Int, value: Double) throws
  /// Nothing will be reported before `cycle` any more.
  func advance(to cycle: Int) throws
  /// The run ended at `cycle`, at its `halt` or stopped by a signal (`interrupted`, which the
  /// trace records); write what is held and close: the file is put in place.
  func finish(cycle: Int, interrupted: Bool) throws
  /// The run failed: the trace is dropped and any old file stays.
  func abandon()
}

/// Buffered writing of a trace to an ``OutputFile``: a regular file appears, complete, when
/// the trace is closed (an unfinished trace leaves any old file untouched); devices and FIFOs
/// are written through. Writing past `maxBytes` fails with a message naming the limit.
public final class StreamingFile {
  private let file: OutputFile
  private var buffer: [UInt8] = []
  public var path: String { file.path }

  public init(path: String, maxBytes: Int = .max) throws(TraceError) {
    do {
      file = try OutputFile(path: path, maxBytes: maxBytes)
    } catch {
      throw TraceError(error.description)
    }
    buffer.reserveCapacity(1 << 16)
  }

  public func write(_ s: String) throws(TraceError) {
    buffer.append(contentsOf: s.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func flush() throws(TraceError) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    do {
      try file.write(buffer)
    } catch {
      throw TraceError(error.description)
    }
  }

  /// Writes what is buffered and puts the file in place. Closing twice, or after a failed
  /// write, is an error, never a second close of the same file.
  public func close() throws(TraceError) {
    do {
      try flush()
      try file.commit()
    } catch {
      file.discard()
      throw TraceError("\(error)")
    }
  }

  /// Abandons the trace: the old file, if any, stays.
  public func discard() { file.discard() }
}

/// Why a trace could not be written.
public struct TraceError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
