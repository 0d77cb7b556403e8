import FPINSISA

extension Simulator {
  /// Memory cycles and byte/energy accounting for tiles read and written by one operation.
  /// Returns the cycles the memories need: levels in parallel, and in each on-chip level the
  /// reads and the writes in parallel (every level has a read port and a write port of
  /// `bytes_per_cycle`, as scratchpads and accumulators built for read-modify-write at the
  /// array's rate do: adding a tile into C costs what setting it does), tiles on one port in
  /// series. DRAM moves its bandwidth in both directions together.
  mutating func memoryCycles(reads: [Tile], writes: [Tile], group: InstructionGroup) -> Int {
    struct Port: Hashable {
      var space: MemorySpace
      var writing: Bool
    }
    var perPort: [Port: Int] = [:]
    var conflictFree: [Port: Int] = [:]
    for (tiles, isWrite) in [(reads, false), (writes, true)] {
      for tile in tiles {
        let placement = program.placements[tile.tensor]
        let a = MemoryTiming.access(tile, placement: placement, machine: machine)
        let port = Port(space: placement.space, writing: isWrite && placement.space != .dram)
        perPort[port, default: 0] += a.cycles
        conflictFree[port, default: 0] += a.conflictFreeCycles
        if isWrite {
          stats.bytesWritten[placement.space, default: 0] += a.bytes
        } else {
          stats.bytesRead[placement.space, default: 0] += a.bytes
        }
        ledger.charge(
          .memory(placement.space), isWrite ? .writeByte : .readByte, count: Double(a.bytes),
          picojoules: costs.bytePicojoules[placement.space]!, group: group)
      }
    }
    for (port, c) in perPort where c > conflictFree[port]! {
      stats.unitStalls[.memory(port.space, .bankConflict), default: 0] += c - conflictFree[port]!
    }
    return perPort.values.max() ?? 0
  }
}
