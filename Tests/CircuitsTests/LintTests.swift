import Circuits
import Foundation
import Testing

/// Every module of `Sources/RTL` passes Verilator's lint, and each file holds the module it is
/// named after.
@Suite(
  .enabled(if: VectorBench.isAvailable, "verilator is not installed (apt-get install verilator)"))
struct LintTests {
  @Test("every module is lint-clean with Verilator's -Wall")
  func lintClean() throws {
    let verilator = try Verilator.find()
    let modules = try RTLSources.modules()
    #expect(modules.count >= 10)
    for module in modules {
      let report = try verilator.lint(module: module)
      #expect(report.isEmpty, "\(module):\n\(report)")
    }
  }

  @Test("each file declares the module it is named after, and only that one")
  func oneModulePerFile() throws {
    for file in try RTLSources.designFiles() {
      let text = try String(contentsOf: file, encoding: .utf8)
      let declared = text.split(separator: "\n").filter { $0.hasPrefix("module ") }.map {
        $0.dropFirst(7).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      }
      #expect(
        declared == [Substring(file.deletingPathExtension().lastPathComponent)], "\(file.path)")
    }
  }
}
