import ArgumentParser
import Foundation

extension QinsAsm {
  func write(_ data: Data, to path: String) throws {
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      printError("\(path): error: cannot write the file")
      throw ExitCode(1)
    }
  }

  func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
