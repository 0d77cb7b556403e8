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
    // Each row's words w0 ..< w0 + n go round the banks: n / banks to every bank, and one
    // more to the `n % banks` banks from w0 % banks on (cyclically), counted with a
    // difference array so that a row costs O(1) and the tile O(rows + banks).
    var extra = [Int](repeating: 0, count: banks + 1)
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
      if rest == 0 { continue }
      let first = w0 % banks
      let last = first + rest
      extra[first] += 1
      if last <= banks {
        extra[last] -= 1
      } else {
        extra[banks] -= 1
        extra[0] += 1
        extra[last - banks] -= 1
      }
    }
    var running = 0
    var most = 0
    for b in 0..<banks {
      running += extra[b]
      most = max(most, running)
    }
    let cycles = base + most
    return Access(cycles: cycles, conflictFreeCycles: (words + banks - 1) / banks, bytes: bytes)
  }

  /// Access latency of a level, cycles.
  static func latency(_ space: MemorySpace, machine m: MachineDescription) -> Int {
    m.memory(space)?.latencyCycles ?? m.dramLatencyCycles
  }
}
