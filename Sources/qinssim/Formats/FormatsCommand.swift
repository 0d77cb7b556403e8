import ArgumentParser
import Foundation
import QINSNumbers
import QINSSupport

/// `qinssim formats`: every number format's conversion error, side by side.
struct FormatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "Measure the conversion error of QINS8, QINS-L and FPINS(L) side by side.",
    discussion: """
      Two studies. The seed's six test values (0.5, 0.1, -0.25, 0.003, 1.0, 0.0001), \
      encoded unscaled as the seed did, with the greedy and the optimal FPINS encoder at \
      each depth. Then a sample of normally distributed values (fixed seed), each format \
      with its per-tensor power-of-two scale, reporting relative RMS error, mean and max \
      relative error, zeros and saturations, and bytes per value as stored.
      """
  )

  @Option(parsing: .unconditional, help: "Values in the normal sample.")
  var samples: Int = 20_000

  @Option(parsing: .unconditional, help: "Standard deviation of the normal sample.")
  var sigma: Double = 0.02

  @Option(parsing: .unconditional, help: "Seed of the normal sample.")
  var seed: UInt64 = 2024

  @Option(parsing: .unconditional, help: "Deepest FPINS depth to study (0...15).")
  var maxDepth: Int = 7

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  @OptionGroup var hostMemoryOption: HostMemoryOption

  func validate() throws {
    guard samples > 0 else { throw ValidationError("--samples must be > 0.") }
    guard sigma > 0, sigma.isFinite else {
      throw ValidationError("--sigma must be a positive number.")
    }
    guard FPINSValue.depths.contains(maxDepth) else {
      throw ValidationError("--max-depth \(maxDepth) is out of range; depths are 0...15.")
    }
  }

  func run() throws {
    // The sample and each format's decoded copy, as Floats, and working space.
    try hostMemoryOption.check(HostMemoryBudget.product(samples, 16), for: "--samples \(samples)")
    let progress = ProgressDisplay.standardError()
    let study = try FormatErrorStudy(
      sampleCount: samples, sigma: sigma, seed: seed, depths: 0...maxDepth
    ) { name in
      progress.note("measuring \(name)")
    }
    progress.clear()
    if json {
      print(try JSONOutput.string(study), terminator: "")
      return
    }
    print("The seed's test values, unscaled (relative error of each)\n")
    var t = TextTable(
      "format", "0.5", "0.1", "-0.25", "0.003", "1.0", "0.0001", "mean")
    for row in study.seedValueRows {
      let mean = row.relativeErrors.reduce(0, +) / Double(row.relativeErrors.count)
      t.rows.append(
        ["FPINS(\(row.depth)) \(row.encoder.rawValue)"]
          + row.relativeErrors.map { Format.percent($0, 3) }
          + [Format.percent(mean, 3)])
    }
    print(t.rendered)
    print(
      "\nNormal sample: \(study.sampleCount) values, sigma \(study.sampleSigma), seed \(study.sampleSeed)\n"
    )
    var s = TextTable(
      "format", "bytes/value", "scale e", "rel. RMS", "mean rel.", "max rel.", "zeros", "saturated")
    for row in study.sampleRows {
      s.add(
        row.format, Format.g(row.bytesPerValue, 3), row.scaleExponent.map(String.init) ?? "-",
        Format.g(row.relativeRMSError, 3), Format.g(row.meanRelativeError, 3),
        Format.g(row.maxRelativeError, 3), String(row.zeros), String(row.saturated))
    }
    print(s.rendered)
  }
}
