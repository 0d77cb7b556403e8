import Foundation

/// `EmbedFiles`: the build-time tool of the `EmbedFilesPlugin`. It writes a Swift source that
/// holds files' bytes (base64 in string literals, which compile in a moment where an array
/// literal of the same bytes takes minutes), so that the built tools carry the programs and
/// the chart library inside the executable.
///
///     EmbedFiles OUTPUT.swift TYPE ROOT [FILE ...]
///
/// writes `enum TYPE` with `static func contents(of name: String) -> [UInt8]?` and
/// `static let names: [String]`, each file named by its path relative to ROOT. A file that
/// cannot be read stops the build with its path.
@main
enum EmbedFiles {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.count >= 3 else {
      fail("usage: EmbedFiles OUTPUT.swift TYPE ROOT [FILE ...]")
    }
    let (output, type, root) = (arguments[0], arguments[1], arguments[2])
    let prefix = root.hasSuffix("/") ? root : root + "/"
    var entries: [(name: String, base64: String)] = []
    for file in arguments.dropFirst(3) {
      guard file.hasPrefix(prefix) else { fail("\(file) is not under \(root)") }
      guard let data = FileManager.default.contents(atPath: file) else {
        fail("cannot read \(file)")
      }
      entries.append((String(file.dropFirst(prefix.count)), data.base64EncodedString()))
    }
    entries.sort { $0.name < $1.name }
    var source = """
      // Generated at build time by EmbedFiles (Sources/EmbedFiles) from \(entries.count) files; \
      do not edit.
      import Foundation

      /// Files embedded in this module at build time, by their path relative to their folder.
      enum \(type) {
        /// The names, sorted.
        static let names: [String] = [\(entries.map { literal($0.name) }.joined(separator: ", "))]

        /// The bytes of the file `name`, or nil when no such file was embedded.
        static func contents(of name: String) -> [UInt8]? {
          guard let encoded = encoded[name], let data = Data(base64Encoded: encoded) else {
            return nil
          }
          return [UInt8](data)
        }

        private static let encoded: [String: String] = [

      """
    for e in entries {
      source += "    \(literal(e.name)): \"\(e.base64)\",\n"
    }
    source += entries.isEmpty ? "    :\n  ]\n}\n" : "  ]\n}\n"
    let data = Data(source.utf8)
    // Written only when it changes, so that an unchanged input rebuilds nothing.
    if FileManager.default.contents(atPath: output) != data {
      do {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        fail("cannot write \(output): \(error)")
      }
    }
  }

  /// `name` as a Swift string literal: embedded names are plain paths (letters, digits and
  /// `_ . / -`), so they need no escaping; any other name stops the build.
  static func literal(_ name: String) -> String {
    let plain = name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "_./-".unicodeScalars.contains($0)
    }
    guard plain, !name.isEmpty else { fail("'\(name)': embedded file names must be plain paths") }
    return "\"\(name)\""
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EmbedFiles: \(message)\n".utf8))
    exit(1)
  }
}
