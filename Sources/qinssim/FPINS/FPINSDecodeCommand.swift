import ArgumentParser
import QINSNumbers
import QINSSupport

/// `qinssim fpins decode`.
struct FPINSDecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Decode FPINS level bytes (b0 ... bL, each 0...255) to a real value.",
    discussion: """
      Each level byte b stands for k = 256 - b; the magnitude is 256 / (k0 * ... * kL), \
      computed exactly with GMP. One to sixteen bytes (L = 0...15).
      """
  )

  @Argument(help: ArgumentHelp("The level bytes, decimal or 0x-prefixed hex.", valueName: "byte"))
  var bytes: [String]

  @Option(parsing: .unconditional, help: "The sign: 1, -1 or 0 (zero).")
  var sign: Int = 1

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  struct Report: Encodable {
    var sign: Int
    var depth: Int
    var levelBytes: [Int]
    var factors: [Int]
    var product: String
    var exact: String
    var value: Double
  }

  func parsedBytes() throws -> [Int] {
    try bytes.enumerated().map { i, text in
      let parsed = text.lowercased().hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
      guard let b = parsed else {
        throw ValidationError("level byte \(i) ('\(text)') is not an integer.")
      }
      return b
    }
  }

  func validate() throws {
    guard !bytes.isEmpty else { throw ValidationError("Give at least one level byte.") }
    do {
      _ = try FPINSValue(sign: sign, levelBytes: try parsedBytes())
    } catch let error as NumberFormatError {
      throw ValidationError(error.description + ".")
    }
  }

  func run() throws {
    let x = try FPINSValue(sign: sign, levelBytes: try parsedBytes())
    let report = Report(
      sign: sign, depth: x.depth, levelBytes: x.levels.map(Int.init), factors: x.factors,
      product: x.exactProduct.description, exact: x.exactValue.description,
      value: Double(x.sign) * x.exactMagnitude)
    if json {
      print(try JSONOutput.string(report), terminator: "")
      return
    }
    print(
      """
      format     FPINS(\(x.depth))
      factors k  \(x.factors.map(String.init).joined(separator: " "))
      product    \(report.product)
      exact      \(report.exact)
      value      \(report.value)
      """)
  }
}
