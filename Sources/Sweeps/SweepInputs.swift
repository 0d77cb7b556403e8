import Foundation
import MachineDescription
import ProgramLibrary
import QINSSupport

/// Everything besides the spec that a sweep's figures depend on, each with a fingerprint: the
/// programs the points run, every machine description file and energy table they read, and
/// the tool's version. Recorded in the folder's `sweep.json`; resuming or merging with any of
/// them changed is refused, naming what changed, so that one results table never mixes
/// figures of different programs, machines or builds.
public enum SweepInputs {
  /// The fingerprints, by item: `programs`, `machine FILE`, `energy table FILE`, `tool`.
  public static func fingerprints(
    _ spec: SweepSpecification, programs: ProgramSource, toolVersion: String
  ) -> [String: String] {
    var out: [String: String] = ["tool": toolVersion, "programs": programsDigest(programs)]
    var machines = [spec.machine]
    for (field, value) in spec.fixed where field == "machine" { machines.append(value.description) }
    for p in spec.list {
      for a in p where a.field == "machine" { machines.append(a.value.description) }
    }
    for a in spec.grid where a.field == "machine" { machines += a.values.map(\.description) }
    for m in Set(machines) where Presets.all[m] == nil {
      out["machine \(m)"] = fileDigest(m)
      if let d = try? MachineLoader.load(m),
        !MachineDescription.builtInEnergyTables.contains(d.energyTable)
      {
        out["energy table \(d.energyTable)"] = fileDigest(d.energyTable)
      }
    }
    return out
  }

  /// The items whose fingerprints differ between `a` and `b` (present in one only, or with
  /// another fingerprint), sorted.
  public static func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
  }

  /// SHA-256 of a file's bytes, or "unreadable".
  static func fileDigest(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
    return SHA256.hex(of: data)
  }

  /// SHA-256 over the programs' names and bytes, in name order: the built-in ones, or every
  /// `.qasm` and `.qinc` under a `--programs` folder.
  static func programsDigest(_ source: ProgramSource) -> String {
    var bytes: [UInt8] = []
    switch source {
    case .builtIn:
      for name in ProgramSource.builtInNames {
        bytes += Array((name + "\n").utf8) + (ProgramSource.builtIn(name) ?? [])
      }
    case .directory(let d):
      let names =
        (FileManager.default.enumerator(atPath: d)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".qasm") || $0.hasSuffix(".qinc") }.sorted()
      for name in names {
        bytes +=
          Array((name + "\n").utf8)
          + Array(FileManager.default.contents(atPath: d + "/" + name) ?? Data())
      }
    }
    return SHA256.hex(of: bytes)
  }
}
