import ArgumentParser
import QINSNumbers
import QINSSupport

/// `qinssim fpins encode`.
struct FPINSEncodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "encode",
    abstract: "Encode a real value as FPINS(L) level bytes.",
    discussion: """
      The value is encoded unscaled, as the seed does: its magnitude must lie in \
      [256^-L / 2, 256] to be represented (smaller magnitudes round to zero, larger ones \
      saturate at 256). Negative values work as they are: qinssim fpins encode -0.25 --depth 2
      """
  )

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The value to encode, for example 0.1 or -0.25.", valueName: "value"))
  var value: [String] = []

  @Option(parsing: .unconditional, help: "L, the depth: L + 1 level bytes (0...15).")
  var depth: Int = 2

  @Option(help: "greedy (the seed's root-based factoring) or optimal (nearest magnitude).")
  var encoder: FPINSEncoder = .optimal

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  struct Report: Encodable {
    var value: Double
    var depth: Int
    var encoder: FPINSEncoder
    var sign: Int
    var levelBytes: [Int]
    var factors: [Int]
    var product: String
    var decoded: Double
    var exactDecoded: String
    var relativeError: Double?
    var saturated: Bool
  }

  func validate() throws {
    guard value.count == 1 else {
      throw ValidationError(
        value.isEmpty
          ? "Missing the value to encode."
          : "Expected one value, got \(value.joined(separator: " ")).")
    }
    guard let v = Double(value[0]) else {
      throw ValidationError("'\(value[0])' is not a number.")
    }
    guard v.isFinite else {
      throw ValidationError("'\(value[0])' is not finite; only finite values can be encoded.")
    }
    guard FPINSValue.depths.contains(depth) else {
      throw ValidationError("--depth \(depth) is out of range; depths are 0...15.")
    }
  }

  func run() throws {
    let v = Double(value[0])!
    let x = encoder.encode(v, depth: depth)
    let decoded = Double(x.sign) * x.exactMagnitude
    let report = Report(
      value: v, depth: depth, encoder: encoder, sign: Int(x.sign),
      levelBytes: x.levels.map(Int.init),
      factors: x.factors, product: x.exactProduct.description, decoded: decoded,
      exactDecoded: x.exactValue.description,
      relativeError: v == 0 ? nil : abs(decoded - v) / abs(v),
      saturated: v.magnitude > 256)
    if json {
      print(try JSONOutput.string(report), terminator: "")
      return
    }
    print(
      """
      value           \(v)
      format          FPINS(\(depth)): \(depth + 1) level bytes and a sign byte
      encoder         \(encoder.rawValue)
      sign            \(x.sign)
      level bytes     \(x.levels.map(String.init).joined(separator: " "))
      factors k       \(x.factors.map(String.init).joined(separator: " "))
      product         \(report.product)
      decoded         \(decoded)   (exactly \(report.exactDecoded))
      relative error  \(report.relativeError.map { Format.g($0) } ?? "n/a (zero)")
      """)
    if report.saturated {
      print("note            |value| > 256 saturates at the largest magnitude, 256")
    }
  }
}
