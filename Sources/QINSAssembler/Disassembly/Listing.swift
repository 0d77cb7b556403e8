import FPINSISA
import QBinary

/// The assembler's listing: every instruction with its index, byte offset, encoding and
/// source, then the symbol table and the tensor layout.
public enum Listing {
  /// Value widths the listing lays tensors out with: the default machine's QINS8 storage
  /// (2 bytes, the seed's layout) and FP32 accumulators.
  public static let storageBytes = 2
  public static let accumulatorBytes = 4

  public static func text(of image: ProgramImage, sourceLines: [String], source: String) -> String {
    var out = "qinsasm listing of \(source)\n\n"
    out += "index  offset    encoding            source\n"
    for (i, word) in image.code.enumerated() {
      let hex = String(word, radix: 16)
      let encoding = "0x" + String(repeating: "0", count: 16 - hex.count) + hex
      let text = i < sourceLines.count ? sourceLines[i].trimmingSpaces : ""
      out +=
        pad(String(i), 5) + "  " + pad(String(i * 8), 8) + "  " + encoding + "  "
        + image.sourceDescription(ofInstruction: i) + "  " + text + "\n"
    }
    out += "\nSymbols\n"
    for s in image.symbols {
      let value: String
      switch s.kind {
      case .label, .operator: value = "instruction \(s.value)"
      case .integer: value = String(Int64(bitPattern: s.value))
      case .float: value = "\(Double(bitPattern: s.value))"
      }
      out += "  " + padRight(kindName(s.kind), 8) + padRight(s.name, 24) + value + "\n"
    }
    let (placements, used) = TensorLayout.place(
      image.tensors, storageBytesPerValue: storageBytes, accumulatorBytesPerValue: accumulatorBytes)
    out +=
      "\nTensors (laid out for storage = q8, \(storageBytes) bytes a value; acc = fp32, \(accumulatorBytes) bytes)\n"
    out +=
      "  " + padRight("name", 16) + padRight("level", 6) + padRight("format", 9)
      + padRight("shape", 18)
      + pad("offset", 12) + pad("bytes", 12) + "  binding\n"
    for (t, p) in zip(image.tensors, placements) {
      out +=
        "  " + padRight(t.name, 16) + padRight(t.space.rawValue, 6) + padRight(t.format.name, 9)
        + padRight("[" + t.shape.map(String.init).joined(separator: ", ") + "]", 18)
        + pad(String(p.byteOffset), 12) + pad(String(p.byteCount), 12) + "  "
        + (t.binding ?? (t.initialData != nil ? "(initial data)" : "-")) + "\n"
    }
    out +=
      "\nBytes used per memory level: "
      + MemorySpace.allCases.map { "\($0.rawValue) \(used[$0] ?? 0)" }.joined(separator: ", ")
      + "\n"
    return out
  }

  static func kindName(_ k: Symbol.Kind) -> String {
    switch k {
    case .label: "label"
    case .integer: "const"
    case .float: "const"
    case .operator: "operator"
    }
  }

  static func pad(_ s: String, _ n: Int) -> String {
    String(repeating: " ", count: max(0, n - s.count)) + s
  }
  static func padRight(_ s: String, _ n: Int) -> String {
    s + String(repeating: " ", count: max(1, n - s.count))
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
