import FPINSISA

extension Simulator {
  /// Memory cycles and byte/energy accounting for tiles read and written by one operation.
  /// Returns the cycles the memories need (levels in parallel, tiles in one level in series).
  mutating func memoryCycles(reads: [Tile], writes: [Tile], group: InstructionGroup) -> Int {
    var perLevel: [MemorySpace: Int] = [:]
    var conflictFree: [MemorySpace: Int] = [:]
    for (tiles, isWrite) in [(reads, false), (writes, true)] {
      for tile in tiles {
        let placement = program.placements[tile.tensor]
        let a = MemoryTiming.access(tile, placement: placement, machine: machine)
        perLevel[placement.space, default: 0] += a.cycles
        conflictFree[placement.space, default: 0] += a.conflictFreeCycles
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
    for (space, c) in perLevel where c > conflictFree[space]! {
      stats.unitStalls[.memory(space, .bankConflict), default: 0] += c - conflictFree[space]!
    }
    return perLevel.values.max() ?? 0
  }
}
