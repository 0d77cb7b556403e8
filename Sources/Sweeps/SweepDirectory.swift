import Foundation
import QINSSupport

/// A sweep's output folder: `points/point-N.json`, one file per finished point, each written
/// whole (a temporary file renamed into place), so a killed sweep leaves whole points only;
/// `results.csv` and `sensitivity.csv`, made from the point files.
public struct SweepDirectory: Sendable {
  public let path: String
  public var pointsPath: String { path + "/points" }

  public init(path: String) { self.path = path }

  /// Creates the folder and its `points/` (an existing folder is reused: that is a resume).
  public func prepare() throws(SweepError) {
    do {
      try FileManager.default.createDirectory(
        atPath: pointsPath, withIntermediateDirectories: true)
    } catch {
      throw SweepError("\(path): cannot create the folder (\(InputFile.whyUnreadable(path)))")
    }
  }

  /// The finished points of sweep `digest` found here, by index. A point file of another
  /// sweep is an error: two sweeps must not share a folder.
  public func points(of digest: String?) throws(SweepError) -> [Int: SweepPointResult] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: pointsPath, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw SweepError("\(path): not a sweep's folder (it has no points/ folder)")
    }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: pointsPath) } catch {
      throw SweepError("\(pointsPath): cannot list (\(error.localizedDescription))")
    }
    var out: [Int: SweepPointResult] = [:]
    let decoder = JSONDecoder()
    for name in names.sorted() where name.hasPrefix("point-") && name.hasSuffix(".json") {
      let file = pointsPath + "/" + name
      guard let data = FileManager.default.contents(atPath: file),
        let p = try? decoder.decode(SweepPointResult.self, from: data),
        SweepPointResult.fileName(p.index) == name
      else {
        throw SweepError("\(file): not a point file of a sweep; remove it to resume")
      }
      if let digest, p.sweep != digest {
        throw SweepError(
          "\(path) holds the points of another sweep (\(file)); give this sweep another -o folder"
        )
      }
      out[p.index] = p
    }
    return out
  }

  public var manifestPath: String { path + "/sweep.json" }

  /// Writes the manifest, or checks that the one here is this sweep's.
  public func claim(for manifest: SweepManifest) throws(SweepError) {
    if FileManager.default.fileExists(atPath: manifestPath) {
      let existing = try self.manifest()
      if let why = manifest.mismatch(with: existing) {
        throw SweepError("\(path) holds \(why); give this sweep another -o folder")
      }
      return
    }
    try writeJSON(manifest, to: manifestPath)
  }

  /// The manifest here.
  public func manifest() throws(SweepError) -> SweepManifest {
    guard let data = FileManager.default.contents(atPath: manifestPath) else {
      throw SweepError(
        "\(path): not a sweep's folder (no sweep.json: \(InputFile.whyUnreadable(manifestPath)))")
    }
    do { return try JSONDecoder().decode(SweepManifest.self, from: data) } catch {
      throw SweepError("\(manifestPath): not a sweep manifest")
    }
  }

  func writeJSON<T: Encodable>(_ value: T, to file: String) throws(SweepError) {
    do {
      let data = try JSONOutput.encode(value, snakeCaseKeys: false)
      try OutputFile.write(Array(data), to: file)
    } catch { throw SweepError("\(error)") }
  }

  /// Writes the tables of `points` here: results.csv and sensitivity.csv.
  public func writeTables(_ table: SweepTable) throws(SweepError) {
    do {
      try OutputFile.write(Array(table.csv.utf8), to: path + "/results.csv")
      try OutputFile.write(Array(table.sensitivityCSV.utf8), to: path + "/sensitivity.csv")
    } catch { throw SweepError("\(error)") }
  }

  /// Writes a point's file whole.
  public func write(_ p: SweepPointResult) throws(SweepError) {
    try writeJSON(p, to: pointsPath + "/" + SweepPointResult.fileName(p.index))
  }
}
