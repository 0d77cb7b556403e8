#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    Glibc.write(fd, p, n)
  }
#elseif canImport(Darwin)
  private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    Darwin.write(fd, p, n)
  }
#endif

/// Why an output file could not be written; the message names the path and the reason.
public struct OutputFileError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A result file written without destroying anything.
///
/// - A regular file (or a new one) is written to a temporary file beside it and renamed over
///   it by ``commit()``, so readers see the old file or the whole new one, never a part. A
///   symbolic link is followed: the file it points to is replaced and the link stays.
/// - A character device or a FIFO (`/dev/null`, `/dev/stdout` on a pipe, a shell's
///   `>(...)`) is written through, in place; it is never replaced by a regular file.
/// - A directory, a block device, a socket, a dangling link, a missing or read-only directory
///   are refused when the file is opened, which commands do before they run
///   (``check(_:)``).
///
/// An output that is never committed (the run failed, or the object was released first) is
/// discarded: its temporary file is removed and the old file, if any, is untouched. A write
/// beyond ``maxBytes`` fails, naming the limit.
public final class OutputFile {
  /// The path as given.
  public let path: String
  /// How many bytes may be written before ``write(_:)`` fails.
  public let maxBytes: Int
  /// Bytes written so far.
  public private(set) var bytesWritten = 0
  /// The file renamed over by ``commit()``; nil when writing through a device or FIFO.
  private let destination: String?
  /// The temporary file's path, for a regular destination.
  private let temporary: String?
  private var descriptor: Int32
  private var finished = false
  /// The temporary file's slot in the list a signal's handler removes (``Interruption``).
  private var partialSlot: Int32 = -1
  /// The write error that discarded the file, repeated by later writes.
  private var failure: OutputFileError?

  /// What is at an output path.
  enum Kind {
    /// A regular file or nothing: write beside `destination` and rename.
    case replace(destination: String)
    /// A character device or FIFO: write in place.
    case writeThrough
  }

  /// Checks that `path` can be written, without creating anything.
  public static func check(_ path: String) throws(OutputFileError) {
    _ = try kind(of: path)
  }

  static func kind(of path: String) throws(OutputFileError) -> Kind {
    guard !path.isEmpty else { throw OutputFileError("an output path is empty") }
    var link = stat()
    guard lstat(path, &link) == 0 else {
      guard errno == ENOENT else { throw OutputFileError("\(path): \(reason(errno))") }
      try checkDirectory(of: path, for: path)
      return .replace(destination: path)
    }
    var target = stat()
    guard stat(path, &target) == 0 else {
      throw OutputFileError("\(path): a symbolic link to a missing file (\(reason(errno)))")
    }
    switch target.st_mode & S_IFMT {
    case S_IFREG:
      guard let resolved = realPath(path) else {
        throw OutputFileError("\(path): cannot resolve the path (\(reason(errno)))")
      }
      try checkDirectory(of: resolved, for: path)
      return .replace(destination: resolved)
    case S_IFCHR, S_IFIFO:
      guard access(path, W_OK) == 0 else {
        throw OutputFileError("\(path): not writable (\(reason(errno)))")
      }
      return .writeThrough
    case S_IFDIR:
      throw OutputFileError("\(path): is a directory; give a file name")
    default:
      throw OutputFileError(
        "\(path): not a regular file, character device or FIFO; refusing to write to it")
    }
  }

  /// Checks that the directory that will hold `file` exists and is writable.
  private static func checkDirectory(of file: String, for given: String) throws(OutputFileError) {
    let directory = directoryName(file)
    var s = stat()
    guard stat(directory, &s) == 0 else {
      throw OutputFileError("\(given): the directory \(directory) does not exist")
    }
    guard s.st_mode & S_IFMT == S_IFDIR else {
      throw OutputFileError("\(given): \(directory) is not a directory")
    }
    guard access(directory, W_OK) == 0 else {
      throw OutputFileError("\(given): the directory \(directory) is not writable")
    }
  }

  /// Opens `path` for writing (see the type's description for what each kind of path gets).
  public init(path: String, maxBytes: Int = .max) throws(OutputFileError) {
    self.path = path
    self.maxBytes = maxBytes
    switch try Self.kind(of: path) {
    case .writeThrough:
      destination = nil
      temporary = nil
      descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw OutputFileError("\(path): cannot open for writing (\(Self.reason(errno)))")
      }
    case .replace(let target):
      var existing = stat()
      let mode: mode_t =
        stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o666 & ~Self.umaskValue
      let base = Self.baseName(target)
      var template = Array("\(Self.directoryName(target))/.\(base).partial-XXXXXX".utf8CString)
      let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
      guard fd >= 0 else {
        throw OutputFileError("\(path): cannot create a file beside it (\(Self.reason(errno)))")
      }
      _ = fchmod(fd, mode)
      descriptor = fd
      destination = target
      temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      partialSlot = Interruption.registerPartialFile(temporary!)
    }
  }

  deinit { discard() }

  /// Appends `bytes`. Fails (and discards the file) on a write error or past ``maxBytes``.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
    if let failure { throw failure }
    guard !finished else { throw OutputFileError("\(path): written after it was closed") }
    guard bytes.count <= maxBytes - bytesWritten else {
      throw fail(
        OutputFileError(
          "\(path): more than \(maxBytes) bytes; the limit can be raised (see --help)"))
    }
    var offset = 0
    while offset < bytes.count {
      let n = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        throw fail(OutputFileError("\(path): cannot write (\(Self.reason(errno)))"))
      }
      offset += n
    }
    bytesWritten += bytes.count
  }

  /// Discards the file and remembers why, for later writes and the commit.
  private func fail(_ error: OutputFileError) -> OutputFileError {
    discard()
    failure = error
    return error
  }

  /// Appends `bytes`.
  public func write(_ bytes: [UInt8]) throws(OutputFileError) {
    let result = bytes.withUnsafeBytes { b -> Result<Void, OutputFileError> in
      do throws(OutputFileError) {
        try write(b)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Finishes the file: closes it and, for a regular destination, renames it into place.
  public func commit() throws(OutputFileError) {
    if let failure { throw failure }
    guard !finished else { throw OutputFileError("\(path): already closed") }
    finished = true
    defer { Interruption.unregisterPartialFile(partialSlot) }
    guard close(descriptor) == 0 else {
      let why = Self.reason(errno)
      if let temporary { unlink(temporary) }
      throw OutputFileError("\(path): cannot write (\(why))")
    }
    if let temporary, let destination {
      guard rename(temporary, destination) == 0 else {
        let why = Self.reason(errno)
        unlink(temporary)
        throw OutputFileError("\(path): cannot replace the file (\(why))")
      }
    }
  }

  /// Abandons the file: closes it and removes the temporary file; the old file stays. Does
  /// nothing after ``commit()`` or a previous discard.
  public func discard() {
    guard !finished else { return }
    finished = true
    close(descriptor)
    if let temporary { unlink(temporary) }
    Interruption.unregisterPartialFile(partialSlot)
  }

  /// Writes `bytes` to `path` in one go (see the type's description).
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
    let file = try OutputFile(path: path)
    try file.write(bytes)
    try file.commit()
  }

  /// Refuses outputs that are one of `inputs` (writing would destroy an input) or that name
  /// the same file twice, comparing paths with symbolic links resolved.
  public static func refuseOverlaps(outputs: [String], inputs: [String]) throws(OutputFileError) {
    let ins = Set(inputs.map(canonical))
    var seen: [String: String] = [:]
    for out in outputs {
      let c = canonical(out)
      if ins.contains(c) {
        throw OutputFileError("\(out) is an input of this command; choose another output path")
      }
      if let first = seen[c] {
        throw OutputFileError(
          "\(out) and \(first) are the same file, given for two outputs; choose distinct paths")
      }
      seen[c] = out
    }
  }

  /// Creates the directory `path` and any missing parents (as `mkdir -p`), with mode 0777
  /// less the umask; an existing directory is fine. The error names the part that failed.
  public static func makeDirectory(_ path: String) throws(OutputFileError) {
    guard !path.isEmpty else { throw OutputFileError("an output directory path is empty") }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
      var s = stat()
      if stat(prefix, &s) == 0 {
        guard s.st_mode & S_IFMT == S_IFDIR else {
          throw OutputFileError(
            prefix == path
              ? "\(path): exists and is not a directory"
              : "\(path): \(prefix) exists and is not a directory")
        }
        continue
      }
      guard mkdir(prefix, 0o777) == 0 || errno == EEXIST else {
        let why = reason(errno)
        throw OutputFileError(
          prefix == path
            ? "\(path): cannot create the directory (\(why))"
            : "\(path): cannot create the directory \(prefix) (\(why))")
      }
    }
  }

  /// `path` with links resolved; for a file that does not exist yet, its directory resolved.
  static func canonical(_ path: String) -> String {
    if let r = realPath(path) { return r }
    let directory = directoryName(path)
    return (realPath(directory) ?? directory) + "/" + baseName(path)
  }

  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  static func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let d = path[..<slash]
    return d.isEmpty ? "/" : String(d)
  }

  static func baseName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// The process's file-creation mask, read once.
  static let umaskValue: mode_t = {
    let m = umask(0o022)
    umask(m)
    return m
  }()
}
