import Foundation
import QINSSupport

/// The repository root, from this file's location.
let repositoryRootURL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The support module's generator, under a name local to these tests.
typealias SeededGeneratorBox = SeededGenerator
