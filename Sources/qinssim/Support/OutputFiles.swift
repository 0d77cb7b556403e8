import Foundation
import QINSSupport

/// Writing a command's output files so that a failure never leaves a partial set behind
/// that looks complete.
enum OutputFiles {
  /// Makes sure `path` is a directory this process can write, creating it if needed.
  static func prepareDirectory(_ path: String) throws -> URL {
    do {
      try OutputFile.makeDirectory(path)
    } catch {
      throw CommandError(error.description)
    }
    guard access(path, W_OK) == 0 else {
      throw CommandError("\(path): directory is not writable")
    }
    return URL(fileURLWithPath: path, isDirectory: true)
  }

  /// Writes `data` to `url`: a regular file through a temporary file and a rename, a device
  /// or FIFO in place (``OutputFile``).
  static func write(_ data: Data, to url: URL) throws {
    do {
      try OutputFile.write([UInt8](data), to: url.path)
    } catch {
      throw CommandError(error.description)
    }
  }

  /// Writes several files as one set: every file is written to a temporary file first, so
  /// a failure (a full disk, a write error) leaves every old file as it was; then
  /// `manifest`, if given, is removed, the files are renamed into place in order, and
  /// `manifest` comes last, so a present manifest means a complete set.
  static func writeSet(_ files: [(path: String, data: Data)], manifest: String? = nil) throws {
    do {
      let opened = try files.map { f throws(OutputFileError) -> OutputFile in
        let file = try OutputFile(path: f.path)
        try file.write([UInt8](f.data))
        return file
      }
      if let manifest { unlink(manifest) }
      for file in opened { try file.commit() }
    } catch {
      throw CommandError(error.description)
    }
  }
}
