import ArgumentParser
import EnergyModel
import FPINSISA
import MachineDescription
import QINSSupport

/// `qinssim machine costs`: per-action energy, leakage, area and peak throughput.
struct MachineCostsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "costs",
    abstract:
      "Show what a machine's actions cost: energy per action, leakage, area, peak throughput.",
    discussion:
      "Derived from the machine description and its action-energy table (Docs/energy-model.md)."
  )

  @Argument(help: ArgumentHelp(MachineOption.help, valueName: "machine"))
  var machine: String = "qins-default"

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  struct Report: Encodable {
    var machine: String
    var peakTops: Double
    var energyPj: [String: Double]
    var leakageMw: [String: Double]
    var areaMm2: [String: Double]
    var totalLeakageMw: Double
    var totalAreaMm2: Double
  }

  func run() throws {
    let (m, table) = try MachineOption.load(machine)
    let c = MachineCosts(machine: m, table: table)
    var energy: [String: Double] = [
      "alu_lookup": c.aluLookup, "pe_multiply_accumulate": c.peMultiplyAccumulate,
      "fp32_add": c.fp32Add, "fp32_multiply": c.fp32Multiply, "convert": c.convert,
      "sfu_special": c.special, "scalar_operation": c.scalarOperation,
    ]
    for (space, pj) in c.bytePicojoules { energy["\(space.rawValue)_byte"] = pj }
    let report = Report(
      machine: m.name, peakTops: m.peakOperationsPerSecond / 1e12, energyPj: energy,
      leakageMw: c.leakageMilliwatts, areaMm2: c.areaSquareMillimetres,
      totalLeakageMw: c.totalLeakageMilliwatts, totalAreaMm2: c.totalAreaSquareMillimetres)
    if json {
      print(try JSONOutput.string(report), terminator: "")
      return
    }
    print(
      "Machine \(m.name): \(m.array.rows) x \(m.array.cols) array at \(Format.g(m.clockMHz)) MHz, storage \(m.storageFormat), accumulator \(m.accumulatorFormat)"
    )
    print("Peak: \(Format.g(report.peakTops, 4)) TOPS (2 operations per multiply-accumulate)\n")
    var e = TextTable("action", "pJ")
    for key in energy.keys.sorted() { e.add(key, Format.g(energy[key]!, 4)) }
    print(e.rendered + "\n")
    var t = TextTable("component", "leakage mW", "area mm2")
    for key in Set(c.leakageMilliwatts.keys).union(c.areaSquareMillimetres.keys).sorted() {
      t.add(
        key, Format.g(c.leakageMilliwatts[key] ?? 0, 4),
        Format.g(c.areaSquareMillimetres[key] ?? 0, 4))
    }
    t.add("total", Format.g(c.totalLeakageMilliwatts, 4), Format.g(c.totalAreaSquareMillimetres, 4))
    print(t.rendered)
  }
}
