import ArgumentParser
import Foundation
import QINSSupport

extension QinsAsm {
  func write(_ data: Data, to path: String) throws {
    do {
      try OutputFile.write([UInt8](data), to: path)
    } catch {
      let text = error.description
      let reason = text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
      printError("\(path): error: \(reason)")
      throw ExitCode(1)
    }
  }

  func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
