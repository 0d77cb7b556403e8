/// Why a value or tensor cannot be converted.
public enum NumberFormatError: Error, Equatable, CustomStringConvertible {
  /// A NaN or an infinity, at `index` of the input.
  case nonFinite(index: Int, value: Double)
  /// An FPINS depth outside the supported range.
  case depthOutOfRange(depth: Int, supported: ClosedRange<Int>)
  /// A level byte outside 0...255.
  case levelOutOfRange(position: Int, value: Int)
  /// A sign other than -1, 0 or +1.
  case invalidSign(Int)

  public var description: String {
    switch self {
    case .nonFinite(let index, let value):
      "element \(index) is \(value); only finite values can be encoded"
    case .depthOutOfRange(let depth, let supported):
      "depth \(depth) is out of range; supported depths are \(supported.lowerBound)...\(supported.upperBound)"
    case .levelOutOfRange(let position, let value):
      "level byte \(position) is \(value); level bytes are 0...255"
    case .invalidSign(let s):
      "sign \(s) is invalid; a sign is -1, 0 or +1"
    }
  }
}
