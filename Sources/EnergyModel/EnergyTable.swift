import Foundation
import QINSSupport

/// Why an energy table cannot be used: the line and what is wrong.
public struct EnergyTableError: Error, Equatable, CustomStringConvertible {
  public let line: Int
  public let message: String
  public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// Component x action -> value, read from the text format of ``DefaultEnergyTable``:
/// one entry a line, `component action value unit source...`, `#` comments.
public struct EnergyTable: Hashable, Sendable {
  public struct Key: Hashable, Sendable {
    public var component: String
    public var action: String
    public init(_ component: String, _ action: String) {
      self.component = component
      self.action = action
    }
  }

  public struct Entry: Hashable, Sendable {
    public var value: Double
    public var unit: String
    public var source: String
  }

  public private(set) var entries: [Key: Entry] = [:]
  /// Keys in file order, for printing.
  public private(set) var order: [Key] = []

  /// The units the table may use, and what each measures.
  public static let units: Set<String> = [
    "pJ", "uW_per_KiB", "mW_per_unit", "uW_per_pe", "mm2_per_MiB", "mm2_per_pe", "mm2_per_unit",
  ]

  /// Entries every table must have: the simulator reads them.
  public static let required: [(String, String)] = [
    ("int8", "add"), ("int8", "mul"), ("int32", "add"), ("fp32", "add"), ("fp32", "mul"),
    ("fp32", "convert"), ("fp32", "special"), ("sram_8kib", "read64"), ("sram_32kib", "read64"),
    ("sram_1mib", "read64"), ("dram", "read64"), ("qins8_logic", "lookup"), ("sram", "leakage"),
    ("logic", "leakage"), ("pe", "leakage"), ("sram", "area"), ("pe", "area"), ("pe_fp32", "area"),
    ("pe_fp32_adder", "area"), ("logic", "area"),
  ]

  public init(text: String) throws(EnergyTableError) {
    var lineNumber = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line =
        raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(
          String.init) ?? ""
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if fields.isEmpty { continue }
      guard fields.count >= 5 else {
        throw EnergyTableError(
          line: lineNumber, message: "expected: component action value unit source")
      }
      guard let value = Double(fields[2]), value.isFinite, value >= 0 else {
        throw EnergyTableError(
          line: lineNumber, message: "'\(fields[2])' is not a non-negative number")
      }
      guard Self.units.contains(fields[3]) else {
        throw EnergyTableError(
          line: lineNumber,
          message:
            "unknown unit '\(fields[3])' (known: \(Self.units.sorted().joined(separator: ", ")))")
      }
      let key = Key(fields[0], fields[1])
      guard entries[key] == nil else {
        throw EnergyTableError(line: lineNumber, message: "\(fields[0]) \(fields[1]) appears twice")
      }
      entries[key] = Entry(
        value: value, unit: fields[3], source: fields[4...].joined(separator: " "))
      order.append(key)
    }
    for (c, a) in Self.required where entries[Key(c, a)] == nil {
      throw EnergyTableError(line: 0, message: "the table has no entry for \(c) \(a)")
    }
  }

  /// The built-in table.
  public static let standard: EnergyTable = try! EnergyTable(text: DefaultEnergyTable.text)

  /// The table the circuit flow made (``SynthesizedEnergyTable``).
  public static let synthesized: EnergyTable = try! EnergyTable(text: SynthesizedEnergyTable.text)

  /// The built-in tables' text by the name a machine's `energy_table` gives them
  /// (``MachineDescription/builtInEnergyTables``).
  public static let builtInTexts: [String: String] = [
    "default": DefaultEnergyTable.text, "synthesized": SynthesizedEnergyTable.text,
  ]

  /// The built-in tables by name.
  public static let builtIn: [String: EnergyTable] = [
    "default": standard, "synthesized": synthesized,
  ]

  /// Reads a built-in table (`default`, `synthesized`) or a file.
  public static func load(_ nameOrPath: String) throws(EnergyTableError) -> EnergyTable {
    if let table = builtIn[nameOrPath] { return table }
    guard let data = FileManager.default.contents(atPath: nameOrPath),
      let text = String(data: data, encoding: .utf8)
    else {
      throw EnergyTableError(
        line: 0,
        message:
          "\(nameOrPath): cannot read the energy table (\(InputFile.whyUnreadable(nameOrPath)))")
    }
    do {
      return try EnergyTable(text: text)
    } catch {
      throw EnergyTableError(line: error.line, message: "\(nameOrPath): \(error.message)")
    }
  }

  /// An entry's value, or nil when the table has no such entry (optional entries, such as a
  /// PE kind's `mac`).
  public func value(_ component: String, _ action: String) -> Double? {
    entries[Key(component, action)]?.value
  }

  /// An entry's value. Required entries always exist.
  public subscript(_ component: String, _ action: String) -> Double {
    entries[Key(component, action)]?.value ?? 0
  }

  /// The energy of one 64-bit read from an SRAM of `bytes`, interpolated in log-log space
  /// through the table's 8 KiB, 32 KiB and 1 MiB points and extrapolated with the nearest
  /// segment's slope outside them. With the defaults the slope is 0.5 from 8 to 32 KiB and
  /// 0.46 from 32 KiB to 1 MiB: energy grows about as the square root of the size, as
  /// bit-line and word-line lengths do.
  public func sramRead64(bytes: Int) -> Double {
    let points: [(Double, Double)] = [
      (8 * 1024, self["sram_8kib", "read64"]), (32 * 1024, self["sram_32kib", "read64"]),
      (1024 * 1024, self["sram_1mib", "read64"]),
    ]
    let x = log(Double(max(bytes, 1)))
    let segment = x < log(points[1].0) ? 0 : 1
    let (x0, y0) = (log(points[segment].0), log(points[segment].1))
    let (x1, y1) = (log(points[segment + 1].0), log(points[segment + 1].1))
    return exp(y0 + (x - x0) * (y1 - y0) / (x1 - x0))
  }
}
