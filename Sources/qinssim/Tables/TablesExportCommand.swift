import ArgumentParser
import Foundation
import QINSNumbers
import QINSSupport

/// `qinssim tables export`: writes the four tables, their flag planes and a manifest.
struct TablesExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the ADD, SUB, MUL and RCP tables and tables.json to a directory.",
    discussion: """
      Writes add.bin, sub.bin and mul.bin (65,536 bytes each, row-major [a][b] by code \
      byte), rcp.bin (256 bytes), a flags file beside each (<op>.flags.bin, one byte an \
      entry: 1 overflow, 2 underflow, 4 inexact, 8 zero, 16 invalid) and tables.json \
      (rounding mode, layout, sizes and the SHA-256 of each file). Every file is written \
      beside its destination first, so a failure changes nothing; tables.json is removed, the \
      files are renamed into place and tables.json comes last: if it is present, the set is \
      complete. The directory is created if needed.
      """
  )

  @Option(help: "Rounding of inexact results: nearest or seed.")
  var rounding: RoundingMode = .nearest

  @Option(help: "Directory to write the tables into.")
  var dir: String

  /// The manifest written as tables.json.
  struct Manifest: Encodable {
    struct File: Encodable {
      var name: String
      var operation: TableOperation
      var content: String
      var bytes: Int
      var sha256: String
    }
    var format = "qins8-lookup-tables"
    var version = 1
    var rounding: RoundingMode
    var layout =
      "binary tables: entry [a][b] at offset a*256+b, a and b code bytes (s = 256 - b, mu = 256/s); rcp: entry [a] at offset a"
    var entry = "result code byte; 0 where the result is zero (flag 8)"
    var flagBits = ["overflow": 1, "underflow": 2, "inexact": 4, "zero": 8, "invalid": 16]
    var semantics = [
      "add": "mu = mu_a + mu_b (same-sign harmonic addition)",
      "sub": "mu = |mu_a - mu_b|; the sign is the sign of the operand with the larger code",
      "mul": "mu = mu_a * mu_b",
      "rcp": "mu = 256 / mu_a (the reciprocal scaled by 2^8)",
    ]
    var codeBytes: Int
    var hardwareBits: Int
    var files: [File]
  }

  func run() throws {
    let directory = try OutputFiles.prepareDirectory(dir)
    let tables = QINS8Tables(rounding: rounding)
    var files: [Manifest.File] = []
    var contents: [(path: String, data: Data)] = []
    for table in tables.all {
      for (suffix, content, bytes) in [
        ("bin", "codes", table.codes), ("flags.bin", "flags", table.flags),
      ] {
        let name = "\(table.operation.rawValue).\(suffix)"
        contents.append((directory.appendingPathComponent(name).path, Data(bytes)))
        files.append(
          .init(
            name: name, operation: table.operation, content: content, bytes: bytes.count,
            sha256: SHA256.hex(of: bytes)))
      }
    }
    let manifest = Manifest(
      rounding: rounding, codeBytes: tables.codeBytes, hardwareBits: tables.hardwareBits,
      files: files)
    let manifestPath = directory.appendingPathComponent("tables.json").path
    try OutputFiles.writeSet(
      contents + [(manifestPath, try JSONOutput.encode(manifest))], manifest: manifestPath)
    var table = TextTable("file", "bytes", "sha256")
    for f in files { table.add(f.name, String(f.bytes), String(f.sha256.prefix(16)) + "…") }
    print("QINS8 tables, rounding \(rounding.rawValue), written to \(directory.path)")
    print(table.rendered)
    print(
      "code planes: \(tables.codeBytes) bytes; with the flag bits hardware needs: "
        + "\(tables.hardwareBits / 8) bytes")
  }
}
