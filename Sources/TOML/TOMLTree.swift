/// The document as it is built: tables as reference nodes (so a header can reopen one deep in
/// the tree), and beside them the flags that say what may still be written where.
///
/// The rules are TOML 1.0's: a table is declared by a header once; a header cannot reopen a
/// table made by dotted keys, nor dotted keys one made by a header or by dotted keys under an
/// earlier header; an inline table or an array given as a value is closed, with everything in
/// it; `[[name]]` appends a table to an array of tables and opens it.
struct TOMLTree {
  /// A table being built.
  final class Node {
    enum Entry {
      case value(TOMLValue)
      case table(Node)
      case tables([Node])
    }
    var keys: [String] = []
    var entries: [String: Entry] = [:]

    func set(_ key: String, _ entry: Entry) {
      if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
    }

    /// The finished table.
    var table: TOMLTable {
      var t = TOMLTable()
      for k in keys {
        switch entries[k]! {
        case .value(let v): t.set(k, v)
        case .table(let n): t.set(k, .table(n.table))
        case .tables(let list): t.set(k, .array(list.map { .table($0.table) }))
        }
      }
      return t
    }
  }

  /// What may happen at a path: declared by a header (or, pending, made by dotted keys in the
  /// current section), or closed.
  enum Flag: Hashable {
    case explicitNest
    case frozen
  }

  final class FlagNode {
    var flags: Set<Flag> = []
    var recursive: Set<Flag> = []
    var nested: [String: FlagNode] = [:]
  }

  let root = Node()
  let flagRoot = FlagNode()
  var pending: [(path: [String], flag: Flag)] = []

  /// Whether `flag` holds at `path`: set there, or set recursively on a table above it.
  func has(_ path: [String], _ flag: Flag) -> Bool {
    guard let last = path.last else { return false }
    var node = flagRoot
    for k in path.dropLast() {
      guard let next = node.nested[k] else { return false }
      if next.recursive.contains(flag) { return true }
      node = next
    }
    guard let leaf = node.nested[last] else { return false }
    return leaf.flags.contains(flag) || leaf.recursive.contains(flag)
  }

  func set(_ path: [String], _ flag: Flag, recursive: Bool) {
    var node = flagRoot
    for k in path {
      if let next = node.nested[k] {
        node = next
      } else {
        let next = FlagNode()
        node.nested[k] = next
        node = next
      }
    }
    if recursive { node.recursive.insert(flag) } else { node.flags.insert(flag) }
  }

  /// Forgets every flag at and under `path` (a new element of an array of tables).
  func unsetAll(_ path: [String]) {
    var node = flagRoot
    for k in path.dropLast() {
      guard let next = node.nested[k] else { return }
      node = next
    }
    if let last = path.last { node.nested[last] = nil }
  }

  /// Flags that take effect at the next header: tables made by dotted keys in this section.
  mutating func addPending(_ path: [String], _ flag: Flag) { pending.append((path, flag)) }

  mutating func finalizePending() {
    for p in pending { set(p.path, p.flag, recursive: false) }
    pending = []
  }

  /// The table at `path`, made where missing; through an array of tables, its last element.
  /// Nil when a value that is not such a table is in the way.
  func nest(_ path: [String], throughArrays: Bool = true) -> Node? {
    var node = root
    for k in path {
      switch node.entries[k] {
      case nil:
        let next = Node()
        node.set(k, .table(next))
        node = next
      case .table(let next): node = next
      case .tables(let list):
        guard throughArrays, let last = list.last else { return nil }
        node = last
      case .value: return nil
      }
    }
    return node
  }

  /// Appends an empty table to the array of tables at `path` (made where missing) and
  /// returns it; nil when something else is there.
  func appendToArray(_ path: [String]) -> Node? {
    guard let parent = nest(Array(path.dropLast())), let last = path.last else { return nil }
    let element = Node()
    switch parent.entries[last] {
    case nil: parent.set(last, .tables([element]))
    case .tables(var list):
      list.append(element)
      parent.entries[last] = .tables(list)
    default: return nil
    }
    return element
  }
}
