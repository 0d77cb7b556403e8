import FPINSISA

/// A tensor or buffer declared by a program.
public struct TensorDeclaration: Hashable, Sendable {
  public var name: String
  public var space: MemorySpace
  public var format: TensorFormat
  /// Dimensions, outermost first; the last is the row length (the stride of 2-D tiles).
  public var shape: [Int]
  /// Alignment of the tensor's first byte within its memory level, a power of two.
  public var alignment: Int
  /// The name the simulator binds a file's tensor to (`--bind NAME=...`), or nil.
  public var binding: String?
  /// Initial values, one per element, or nil.
  public var initialData: [Float]?

  public init(
    name: String, space: MemorySpace, format: TensorFormat, shape: [Int], alignment: Int = 64,
    binding: String? = nil, initialData: [Float]? = nil
  ) {
    self.name = name
    self.space = space
    self.format = format
    self.shape = shape
    self.alignment = alignment
    self.binding = binding
    self.initialData = initialData
  }

  /// Elements in the tensor.
  public var elementCount: Int { shape.reduce(1, *) }

  /// The row length: the stride between rows of a 2-D tile.
  public var rowLength: Int { shape.last ?? 1 }
}

/// A named value in the symbol table.
public struct Symbol: Hashable, Sendable {
  public enum Kind: UInt8, Sendable {
    /// An instruction index.
    case label = 0
    /// An integer constant.
    case integer = 1
    /// A floating-point constant.
    case float = 2
    /// Where a named operator of the program begins (`.operator NAME`): an instruction index.
    /// The operator runs to the next operator's start or to the end of the code. Operators
    /// have their own names, apart from labels, constants and tensors.
    case `operator` = 3
  }
  public var name: String
  public var kind: Kind
  /// The label's or operator's instruction index, the integer, or the `Double`'s bit pattern.
  public var value: UInt64

  public init(name: String, kind: Kind, value: UInt64) {
    self.name = name
    self.kind = kind
    self.value = value
  }
}

/// Where an instruction came from.
public struct SourcePosition: Hashable, Sendable {
  /// Index into ``ProgramImage/files``.
  public var file: Int
  public var line: Int
  public var column: Int

  public init(file: Int, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// Everything a `.qbin` file holds: code, tensor declarations, symbols and the line table.
public struct ProgramImage: Hashable, Sendable {
  /// 64-bit instruction words.
  public var code: [UInt64]
  public var tensors: [TensorDeclaration]
  /// Labels, constants and operators, sorted by kind, then name.
  public var symbols: [Symbol]
  /// Source files named by the line table.
  public var files: [String]
  /// One position per instruction.
  public var lines: [SourcePosition]

  public init(
    code: [UInt64], tensors: [TensorDeclaration], symbols: [Symbol], files: [String],
    lines: [SourcePosition]
  ) {
    self.code = code
    self.tensors = tensors
    self.symbols = symbols
    self.files = files
    self.lines = lines
  }

  /// The decoded instructions. Every word of a validated image decodes.
  public var instructions: [Instruction] { code.map { try! Instruction(word: $0) } }

  /// `file:line:col` of instruction `index`.
  public func sourceDescription(ofInstruction index: Int) -> String {
    guard index >= 0, index < lines.count else { return "instruction \(index)" }
    let p = lines[index]
    return "\(files[p.file]):\(p.line):\(p.column)"
  }
}
