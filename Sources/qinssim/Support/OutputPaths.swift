import ArgumentParser
import Foundation

/// Checks of output paths made before a command runs.
enum OutputPaths {
  /// Refuses an output that is one of the command's inputs (it would be destroyed) or another
  /// output, comparing paths with symbolic links resolved.
  static func refuseInputs(_ outputs: [String?], inputs: [String]) throws {
    func canonical(_ p: String) -> String {
      URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
    }
    let ins = Set(inputs.map(canonical))
    var seen = Set<String>()
    for case let out? in outputs {
      let c = canonical(out)
      if ins.contains(c) {
        throw ValidationError("\(out) is an input of this command; choose another output path.")
      }
      if !seen.insert(c).inserted {
        throw ValidationError("\(out) is given for two outputs; choose distinct paths.")
      }
    }
  }
}
