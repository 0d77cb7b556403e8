import QINSSupport
import Testing

@Suite("File names from data")
struct FileNamesTests {
  @Test("Unsafe characters become _, no hidden or parent names, and names never collide")
  func unique() {
    #expect(
      FileNames.unique(["int8", "../up", "a/b", "a_b", ".hidden", "", "ü", "reference"]) == [
        "int8", "_._up", "a_b", "a_b-2", "_hidden", "_", "_-2", "reference",
      ])
    #expect(FileNames.unique(["reference", "x"], taken: ["reference"]) == ["reference-2", "x"])
  }

  @Test("Control and format characters print as escapes")
  func printable() {
    #expect(PrintableText.escaped("a\u{1B}[2Jb\r\u{202E}c é") == "a\\u{1B}[2Jb\\u{D}\\u{202E}c é")
  }
}
