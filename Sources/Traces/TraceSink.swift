/// What a trace records. The simulator calls these as it runs; sinks stream them to disk.
///
/// Times are cycles. Unit activity is reported when it is scheduled, which may be ahead of
/// the control core, but never before the core's current cycle (``advance(to:)``), so a sink
/// that needs time order can hold back only what lies ahead.
public protocol TraceSink: AnyObject {
  /// Called once before anything else.
  func begin(units: [String], stallCauses: [String], clockMHz: Double) throws
  /// The control core issued instruction `pc` at `cycle`.
  func issue(cycle: Int, pc: Int, mnemonic: String, source: String) throws
  /// A unit was busy with an instruction from `start` for `duration` cycles.
  func busy(unit: String, start: Int, duration: Int, pc: Int, mnemonic: String, source: String)
    throws
  /// Issue stalled from `start` for `duration` cycles for `cause`.
  func stall(cause: String, start: Int, duration: Int) throws
  /// A counter's value from `cycle` on.
  func counter(name: String, cycle: Int, value: Double) throws
  /// Nothing will be reported before `cycle` any more.
  func advance(to cycle: Int) throws
  /// The run ended (normally or by a fault) at `cycle`; write what is held and close.
  func finish(cycle: Int) throws
}

/// Buffered writing to a file, so that traces go to disk as they are made.
public final class StreamingFile {
  private let handle: UnsafeMutablePointer<FILE>
  private var buffer: [UInt8] = []
  public let path: String

  public init(path: String) throws(TraceError) {
    guard let h = fopen(path, "wb") else { throw TraceError("\(path): cannot open for writing") }
    handle = h
    self.path = path
    buffer.reserveCapacity(1 << 16)
  }

  public func write(_ s: String) throws(TraceError) {
    buffer.append(contentsOf: s.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func flush() throws(TraceError) {
    guard !buffer.isEmpty else { return }
    let n = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
    guard n == buffer.count else { throw TraceError("\(path): write failed (disk full?)") }
    buffer.removeAll(keepingCapacity: true)
  }

  public func close() throws(TraceError) {
    try flush()
    guard fclose(handle) == 0 else { throw TraceError("\(path): cannot close") }
  }
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
