/// What one module synthesizes to: its gates by type, transistors, NAND2-equivalent area and
/// logic depth, read from Yosys's `stat`, `stat -tech cmos` and `ltp`.
public struct SynthesisReport: Hashable, Sendable, Codable {
  public var module: String
  public var parameters: [String: Int]
  /// Cells by Yosys type (`$_AND_`, `$_DFF_P_`, ...).
  public var cells: [String: Int]
  /// Transistors of a static CMOS implementation of the cells (Yosys's per-gate counts).
  public var transistors: Int
  /// Gates on the longest path from an input or register to an output or register.
  public var depth: Int

  /// Transistors of a two-input NAND gate: the unit of NAND2-equivalent area.
  public static let nand2Transistors = 4
  /// A NAND2's area at 45 nm: NAND2_X1 of the Nangate (now Silvaco) 45 nm Open Cell Library,
  /// 0.798 µm² (0.57 µm wide in its 1.4 µm row; its AND2_X1 is 1.064 µm²).
  public static let nand2SquareMicrometres45nm = 0.798

  /// All cells.
  public var gates: Int { cells.values.reduce(0, +) }
  /// Flip-flops among them.
  public var flipFlops: Int { cells.filter { $0.key.contains("DFF") }.values.reduce(0, +) }
  /// Area in two-input NAND gates: transistors / 4.
  public var nand2Equivalents: Double { Double(transistors) / Double(Self.nand2Transistors) }
  /// Area at 45 nm, mm²: NAND2 equivalents times a NAND2's area (cells only: no wires, no
  /// placement utilisation).
  public var squareMillimetres45nm: Double {
    nand2Equivalents * Self.nand2SquareMicrometres45nm / 1e6
  }

  public init(
    module: String, parameters: [String: Int], cells: [String: Int], transistors: Int, depth: Int
  ) {
    self.module = module
    self.parameters = parameters
    self.cells = cells
    self.transistors = transistors
    self.depth = depth
  }

  /// Reads the three reports; throws ``CircuitError/malformedOutput(_:)`` when one lacks its
  /// figure.
  public init(module: String, parameters: [String: Int], stat: String, cmos: String, ltp: String)
    throws
  {
    var cells: [String: Int] = [:]
    for line in stat.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      if fields.count == 2, fields[0].hasPrefix("$_"), let n = Int(fields[1]) {
        cells[String(fields[0]), default: 0] += n
      }
    }
    guard
      let transistors = Self.number(after: "Estimated number of transistors:", in: cmos),
      let depth = Self.number(after: "(length=", in: ltp)
    else {
      throw CircuitError.malformedOutput("no transistor count or path length for \(module)")
    }
    self.init(
      module: module, parameters: parameters, cells: cells, transistors: transistors, depth: depth)
  }

  static func number(after marker: String, in text: String) -> Int? {
    guard let range = text.range(of: marker) else { return nil }
    let digits = text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
    return Int(digits)
  }
}
