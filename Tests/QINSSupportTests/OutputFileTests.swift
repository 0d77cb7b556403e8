import Foundation
import QINSSupport
import Testing

@Suite("OutputFile: outputs that never destroy a file")
struct OutputFileTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
  func contents(_ name: String) throws -> String {
    try String(contentsOfFile: path(name), encoding: .utf8)
  }
  /// The directory's entries, so a test sees any temporary file left behind.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
  }

  @Test("A regular file is replaced whole on commit, its mode kept; nothing else is left")
  func regularFile() throws {
    try "old".write(toFile: path("a.txt"), atomically: false, encoding: .utf8)
    chmod(path("a.txt"), 0o640)
    let file = try OutputFile(path: path("a.txt"))
    try file.write(Array("new contents".utf8))
    #expect(try contents("a.txt") == "old", "readers see the old file until the commit")
    try file.commit()
    #expect(try contents("a.txt") == "new contents")
    var s = stat()
    stat(path("a.txt"), &s)
    #expect(s.st_mode & 0o777 == 0o640)
    #expect(try entries() == ["a.txt"])
  }

  @Test("A file never committed (a failed run) leaves the old file and no temporary file")
  func discarded() throws {
    try "old".write(toFile: path("a.txt"), atomically: false, encoding: .utf8)
    do {
      let file = try OutputFile(path: path("a.txt"))
      try file.write(Array("half".utf8))
    }
    #expect(try contents("a.txt") == "old")
    #expect(try entries() == ["a.txt"])
  }

  @Test("A symbolic link stays a link; the file it points to gets the new contents")
  func symbolicLink() throws {
    try "old".write(toFile: path("target.txt"), atomically: false, encoding: .utf8)
    symlink(path("target.txt"), path("link.txt"))
    try OutputFile.write(Array("through the link".utf8), to: path("link.txt"))
    #expect(try contents("target.txt") == "through the link")
    var s = stat()
    lstat(path("link.txt"), &s)
    #expect(s.st_mode & S_IFMT == S_IFLNK)
  }

  @Test("/dev/null is written through and stays a device")
  func characterDevice() throws {
    try OutputFile.write(Array("discarded".utf8), to: "/dev/null")
    var s = stat()
    stat("/dev/null", &s)
    #expect(s.st_mode & S_IFMT == S_IFCHR)
  }

  @Test(
    "A write error on a device (/dev/full: disk full) is an error naming the path",
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func diskFull() throws {
    #expect {
      try OutputFile.write(Array(repeating: 1, count: 100_000), to: "/dev/full")
    } throws: { error in
      (error as? OutputFileError)?.description.hasPrefix("/dev/full: cannot write") == true
    }
  }

  @Test("Directories, dangling links and missing directories are refused before writing")
  func refused() throws {
    try FileManager.default.createDirectory(
      atPath: path("sub"), withIntermediateDirectories: false)
    symlink(path("nowhere"), path("dangling"))
    for (p, text) in [
      (path("sub"), "is a directory"), (path("dangling"), "a symbolic link to a missing file"),
      (path("missing/a.txt"), "does not exist"), ("", "empty"),
    ] {
      #expect(throws: OutputFileError.self) { try OutputFile.check(p) }
      do {
        try OutputFile.check(p)
      } catch {
        #expect(error.description.contains(text), "\(p): \(error)")
      }
    }
    #expect(try entries() == ["dangling", "sub"])
  }

  @Test("Past maxBytes a write fails naming the limit, and the old file is kept")
  func byteLimit() throws {
    try "old".write(toFile: path("t.json"), atomically: false, encoding: .utf8)
    let file = try OutputFile(path: path("t.json"), maxBytes: 10)
    try file.write(Array("0123456789".utf8))
    #expect(file.bytesWritten == 10)
    #expect {
      try file.write([1])
    } throws: { error in
      (error as? OutputFileError)?.description.contains("more than 10 bytes") == true
    }
    #expect(throws: OutputFileError.self) { try file.commit() }
    #expect(try contents("t.json") == "old")
    #expect(try entries() == ["t.json"])
  }

  @Test("An output equal to an input, or to another output, is refused (links resolved)")
  func overlaps() throws {
    try "program".write(toFile: path("p.qasm"), atomically: false, encoding: .utf8)
    symlink(path("p.qasm"), path("alias.qasm"))
    #expect(throws: OutputFileError.self) {
      try OutputFile.refuseOverlaps(outputs: [path("alias.qasm")], inputs: [path("p.qasm")])
    }
    #expect(throws: OutputFileError.self) {
      try OutputFile.refuseOverlaps(
        outputs: [path("s.json"), directory.path + "/./s.json"], inputs: [])
    }
    try OutputFile.refuseOverlaps(
      outputs: [path("s.json"), path("t.json")], inputs: [path("p.qasm")])
  }
}
