import ArgumentParser
import QINSSupport

/// `--max-host-memory SIZE`: how much host memory a run may allocate, checked against an
/// estimate before it allocates anything.
struct HostMemoryOption: ParsableArguments {
  @Option(
    name: .customLong("max-host-memory"),
    help: ArgumentHelp(
      "Refuse a run whose values would need more host memory than this: 8G, 512M, or bytes (default: three quarters of this host's memory or of the address-space limit, \(HostMemoryBudget.text(HostMemoryBudget.standard.limitBytes)) here).",
      discussion:
        "Every tensor's values live in host memory, DRAM tensors included; a program or a size that asks for more is refused with what needs the memory, before anything runs.",
      valueName: "size"))
  var maxHostMemory: String?

  func validate() throws {
    if let maxHostMemory, HostMemoryBudget.parse(maxHostMemory) == nil {
      throw ValidationError(
        "--max-host-memory must be a size such as 8G, 512M or 1048576, not '\(maxHostMemory)'.")
    }
  }

  var budget: HostMemoryBudget {
    maxHostMemory.flatMap(HostMemoryBudget.parse).map(HostMemoryBudget.init(limitBytes:))
      ?? .standard
  }

  /// Refuses (exit 1, with the message) a run whose estimate exceeds the budget.
  func check(_ bytes: Int?, for what: String) throws {
    do {
      try budget.check(bytes, for: what)
    } catch {
      throw CommandError(error.description)
    }
  }
}
