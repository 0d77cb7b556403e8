#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A run that would allocate more host memory than it may; the message names what needs the
/// memory, how much, the limit, and the option that raises it.
public struct HostMemoryError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// How much host memory a run may allocate, checked against an estimate before it allocates.
///
/// A description or a command line can ask for a tensor of billions of elements or a sample of
/// a trillion values; allocating it would abort the process (or, worse, drive the host into
/// swap). Commands estimate what a run will hold and refuse it up front instead.
public struct HostMemoryBudget: Sendable, Equatable {
  /// The most bytes the run may hold.
  public var limitBytes: Int

  public init(limitBytes: Int) { self.limitBytes = limitBytes }

  /// No limit (library callers that have checked already).
  public static let unlimited = HostMemoryBudget(limitBytes: .max)

  /// Three quarters of the host's physical memory, or of the process's address-space limit
  /// (`ulimit -v`) when that is lower: a run that needs more would page, be killed by the
  /// kernel, or fail an allocation, rather than finish.
  public static let standard = HostMemoryBudget(
    limitBytes: min(physicalBytes, addressSpaceLimitBytes ?? .max) / 4 * 3)

  /// The process's address-space limit (`RLIMIT_AS`), or nil when there is none.
  public static let addressSpaceLimitBytes: Int? = {
    var limit = rlimit()
    #if canImport(Glibc)
      let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
      let resource = RLIMIT_AS
    #endif
    guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
    return limit.rlim_cur > UInt64(Int.max) ? nil : Int(limit.rlim_cur)
  }()

  /// The host's physical memory in bytes (16 GiB where it cannot be read).
  public static let physicalBytes: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let size = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, size > 0 else { return 16 << 30 }
    let (bytes, overflow) = pages.multipliedReportingOverflow(by: size)
    return overflow ? .max : bytes
  }()

  /// Throws unless `bytes` (an estimate of what `what` will allocate; nil if the estimate
  /// itself overflowed) fits in the limit.
  public func check(_ bytes: Int?, for what: String, option: String = "--max-host-memory")
    throws(HostMemoryError)
  {
    guard let bytes, bytes <= limitBytes else {
      throw HostMemoryError(
        "host memory for \(what): \(bytes.map(Self.text) ?? "more than 2^63 bytes") needed, the limit is \(Self.text(limitBytes)); \(option) raises it"
      )
    }
  }

  /// Bytes as a person reads them: 1.5 GiB, 12 MiB, 300 bytes.
  public static func text(_ bytes: Int) -> String {
    let units: [(Int, String)] = [
      (1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB"),
    ]
    for (size, name) in units where bytes >= size {
      let v = Double(bytes) / Double(size)
      let shown = v >= 100 ? String(Int(v.rounded())) : String((v * 10).rounded() / 10)
      return "\(shown) \(name)"
    }
    return "\(bytes) bytes"
  }

  /// Parses a size as a user writes it: 8G, 8GiB, 512M, 64K, 1T (binary units) or a number
  /// of bytes; nil for anything else, zero, or a size past 2^63.
  public static func parse(_ text: String) -> Int? {
    var s = Substring(text.uppercased())
    if s.count > 1, s.last == "B" { s = s.dropLast() }
    if s.count > 1, s.last == "I" { s = s.dropLast() }
    var shift = 0
    if let last = s.last, let unit = ["K": 10, "M": 20, "G": 30, "T": 40][String(last)] {
      shift = unit
      s = s.dropLast()
    }
    guard let v = Int(s), v > 0, v <= Int.max >> shift else { return nil }
    return v << shift
  }

  /// `a * b * ...`, or nil if the product overflows.
  public static func product(_ factors: Int...) -> Int? {
    var p = 1
    for f in factors {
      let (r, o) = p.multipliedReportingOverflow(by: f)
      if o || f < 0 { return nil }
      p = r
    }
    return p
  }

  /// `a + b + ...` of optional estimates, or nil if one is nil or the sum overflows.
  public static func sum(_ terms: [Int?]) -> Int? {
    var s = 0
    for t in terms {
      guard let t else { return nil }
      let (r, o) = s.addingReportingOverflow(t)
      if o { return nil }
      s = r
    }
    return s
  }
}
