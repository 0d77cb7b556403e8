#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an input file could not be read, in the words a user needs to fix it.
public enum InputFile {
  /// The reason `path` cannot be read as a file: it does not exist, it is a directory, it
  /// may not be read, or the system's own reason. Callers ask after a read failed.
  public static func whyUnreadable(_ path: String) -> String {
    guard !path.isEmpty else { return "the path is empty" }
    var s = stat()
    guard stat(path, &s) == 0 else {
      let code = errno
      return code == ENOENT
        ? "no such file" : String(cString: strerror(code)).lowercased()
    }
    switch s.st_mode & S_IFMT {
    case S_IFDIR: return "is a directory, not a file"
    case S_IFREG:
      return access(path, R_OK) == 0
        ? "cannot read the file" : "not readable (permission denied)"
    default: return "not a regular file"
    }
  }
}
