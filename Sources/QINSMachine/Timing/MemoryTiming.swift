import FPINSISA
import MachineDescription
import QBinary

/// A 2-D tile of a tensor: `rows x cols` elements from element `offset`, rows `rowLength` apart.
struct Tile {
  var tensor: Int
  var offset: Int
  var rows: Int
  var cols: Int
  var rowLength: Int
  var elements: Int { rows * cols }

  /// The element index of (r, c).
  @inline(__always) func index(_ r: Int, _ c: Int) -> Int { offset + r * rowLength + c }
}

/// The cycles a memory level needs to read or write a tile.
///
/// On-chip levels have `banks` banks of `bytes_per_cycle / banks` bytes each; a byte at
/// address `a` lives in bank `(a / width) mod banks`. Each bank serves one word a cycle, so a
/// tile takes as many cycles as its busiest bank has words: contiguous data spreads evenly,
/// rows whose stride is a multiple of `width x banks` pile onto the same banks (a bank
/// conflict). DRAM moves `bandwidth / clock` bytes a cycle, whatever the addresses.
struct MemoryTiming {
  struct Access {
    var cycles: Int
    /// What the access would take with no bank conflicts.
    var conflictFreeCycles: Int
    var bytes: Int
  }

  static func access(_ tile: Tile, placement: TensorPlacement, machine m: MachineDescription)
    -> Access
  {
    let bpv = placement.bytesPerValue
    let bytes = tile.elements * bpv
    guard let memory = m.memory(placement.space) else {
      let c = Int((Double(bytes) / m.dramBytesPerCycle).rounded(.up))
      return Access(cycles: c, conflictFreeCycles: c, bytes: bytes)
    }
    let banks = memory.banks
    let width = max(1, memory.bytesPerCycle / banks)
    var perBank = [Int](repeating: 0, count: banks)
    var base = 0
    var words = 0
    for r in 0..<tile.rows {
      let start = placement.byteOffset + (tile.offset + r * tile.rowLength) * bpv
      let end = start + tile.cols * bpv - 1
      let w0 = start / width
      let n = end / width - w0 + 1
      words += n
      base += n / banks
      let rest = n % banks
      for k in 0..<rest { perBank[(w0 + k) % banks] += 1 }
    }
    let cycles = base + (perBank.max() ?? 0)
    return Access(cycles: cycles, conflictFreeCycles: (words + banks - 1) / banks, bytes: bytes)
  }

  /// Access latency of a level, cycles.
  static func latency(_ space: MemorySpace, machine m: MachineDescription) -> Int {
    m.memory(space)?.latencyCycles ?? m.dramLatencyCycles
  }
}
