import ArgumentParser
import QINSNumbers
import QINSSupport

/// `qinssim tables stats`: the conservation and accumulation statistics.
struct TablesStatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Measure the tables' error against exact arithmetic over all 65,536 pairs.",
    discussion: """
      For ADD and MUL: mean, median and max of |mu(result) - exact| (the seed's \
      "conservation" error, which it reports as mean 3.51, max 256), over all pairs and \
      over the pairs that do not overflow; how many pairs overflow, are exact, or return an \
      operand unchanged. Then a running sum of 1s through the ADD table, and where it stops \
      growing.
      """
  )

  @Option(help: "Rounding of inexact results: nearest or seed.")
  var rounding: RoundingMode = .nearest

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  struct Report: Encodable {
    var rounding: RoundingMode
    var add: ConservationStatistics
    var mul: ConservationStatistics
    var accumulation: AccumulationStatistics
  }

  func run() throws {
    let tables = QINS8Tables(rounding: rounding)
    let report = Report(
      rounding: rounding, add: ConservationStatistics(tables.add),
      mul: ConservationStatistics(tables.mul), accumulation: AccumulationStatistics(tables: tables))
    if json {
      print(try JSONOutput.string(report), terminator: "")
      return
    }
    print("QINS8 table statistics, rounding \(rounding.rawValue), all 65,536 operand pairs\n")
    var t = TextTable("", "ADD", "MUL")
    let a = report.add
    let m = report.mul
    func row(_ name: String, _ f: (ConservationStatistics) -> String) { t.add(name, f(a), f(m)) }
    row("mean |error|, all pairs") { Format.g($0.meanAbsoluteError) }
    row("median |error|, all pairs") { Format.g($0.medianAbsoluteError) }
    row("max |error|, all pairs") { Format.g($0.maxAbsoluteError) }
    row("99.9th percentile |error|") { Format.g($0.p999AbsoluteError) }
    row("mean |error|, no overflow") { Format.g($0.meanAbsoluteErrorInRange) }
    row("max |error|, no overflow") { Format.g($0.maxAbsoluteErrorInRange) }
    row("mean relative error, no overflow") { Format.percent($0.meanRelativeErrorInRange) }
    row("max relative error, no overflow") { Format.percent($0.maxRelativeErrorInRange) }
    row("exact pairs") { String($0.exactPairs) }
    row("overflowing pairs (saturated)") { String($0.overflowPairs) }
    row("operand returned unchanged") { String($0.unchangedOperandPairs) }
    print(t.rendered)
    let acc = report.accumulation
    print(
      """

      Accumulation: adding 1 (code 0) again and again through the ADD table
        the sum stops growing after \(acc.termsWhenStalled) terms, at \(Format.g(acc.stalledValue, 6)) \
      (code \(acc.stalledCode)); the exact sum is \(Format.g(acc.exactValueWhenStalled, 6))
        after \(acc.referenceTerms) terms it is still \(Format.g(acc.valueAfterReferenceTerms, 6)), \
      against the exact \(acc.referenceTerms)
        first sums: \(acc.trajectory.prefix(24).map { Format.g($0, 5) }.joined(separator: " "))
      """)
  }
}
