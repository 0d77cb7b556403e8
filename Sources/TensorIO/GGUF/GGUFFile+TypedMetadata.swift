extension GGUFFile {
  /// The metadata at `key` as an integer: nil when the file has no such key; an error naming
  /// the key when it holds another type, or an integer beyond `Int`.
  public func integer(_ key: String) throws(TensorFileError) -> Int? {
    guard let v = self[key] else { return nil }
    guard let i = v.integer else {
      if case .uint64(let u) = v {
        throw TensorFileError("\(path): metadata \(key) is \(u), beyond the integers modelled")
      }
      throw TensorFileError("\(path): metadata \(key) is a \(v.type), not an integer")
    }
    return i
  }

  /// The metadata at `key` as a number (`float32` or `float64`; an integer type is taken as
  /// its value): nil when absent; an error naming the key for another type.
  public func real(_ key: String) throws(TensorFileError) -> Double? {
    guard let v = self[key] else { return nil }
    if let r = v.real { return r }
    if let i = v.integer { return Double(i) }
    throw TensorFileError("\(path): metadata \(key) is a \(v.type), not a number")
  }

  /// The metadata at `key` as a string: nil when absent; an error naming the key for another
  /// type.
  public func string(_ key: String) throws(TensorFileError) -> String? {
    guard let v = self[key] else { return nil }
    guard let s = v.string else {
      throw TensorFileError("\(path): metadata \(key) is a \(v.type), not a string")
    }
    return s
  }

  /// The metadata at `key` as a boolean: nil when absent; an error naming the key for another
  /// type.
  public func bool(_ key: String) throws(TensorFileError) -> Bool? {
    guard let v = self[key] else { return nil }
    guard let b = v.bool else {
      throw TensorFileError("\(path): metadata \(key) is a \(v.type), not a boolean")
    }
    return b
  }
}
