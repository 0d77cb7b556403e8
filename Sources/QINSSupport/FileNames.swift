/// File names made from names that are data (machine names): they never leave the folder
/// they are written into and never collide.
public enum FileNames {
  /// A file name (without extension) for each of `names`, in order: the characters outside
  /// `A-Z a-z 0-9 . _ -` become `_`, a leading `.` becomes `_` (no hidden files, no `..`), an
  /// empty result is `_`, and a name that would repeat an earlier one or one of `taken` gets
  /// `-2`, `-3`, ... Names that need none of this are kept as they are.
  public static func unique(_ names: [String], taken: Set<String> = []) -> [String] {
    var used = taken
    return names.map { name in
      var base = String(
        name.unicodeScalars.map { s -> Character in
          let ok =
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
            || s == "." || s == "_" || s == "-"
          return ok ? Character(s) : "_"
        })
      if base.hasPrefix(".") { base = "_" + base.dropFirst() }
      if base.isEmpty { base = "_" }
      var candidate = base
      var n = 2
      while used.contains(candidate) {
        candidate = "\(base)-\(n)"
        n += 1
      }
      used.insert(candidate)
      return candidate
    }
  }
}
