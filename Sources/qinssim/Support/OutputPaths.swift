import ArgumentParser
import QINSSupport

/// Checks of output paths made before a command runs, so that nothing runs whose results
/// cannot be written, and no output destroys an input or another output.
enum OutputPaths {
  /// Refuses (exit 64) an output that is one of the command's inputs or another output
  /// (paths compared with symbolic links resolved), and one that cannot be written: a
  /// directory, a missing or read-only directory, a block device (``OutputFile``).
  /// Output directories (`directories`) take part in the overlap check only.
  static func refuseInputs(
    _ outputs: [String?], directories: [String?] = [], inputs: [String]
  ) throws {
    let given = outputs.compactMap { $0 }
    do {
      try OutputFile.refuseOverlaps(
        outputs: given + directories.compactMap { $0 }, inputs: inputs)
      for path in given { try OutputFile.check(path) }
    } catch {
      throw ValidationError(error.description + ".")
    }
  }
}
