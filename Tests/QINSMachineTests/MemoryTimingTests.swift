import MachineDescription
import QINSSupport
import Testing

@testable import QBinary
@testable import QINSMachine

@Suite("Memory timing")
struct MemoryTimingTests {
  @Test("bank cycles of random tiles: the counted form equals a count of every word's bank")
  func banksAgainstWordCount() {
    var g = SeededGenerator(seed: 2026)
    func next(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }
    var m = Presets.qinsDefault
    for trial in 0..<400 {
      let banks = [1, 2, 3, 8, 16, 32][next(6)]
      m.spad = .init(
        capacityBytes: 1 << 24, banks: banks, bytesPerCycle: banks * [1, 4, 8][next(3)],
        latencyCycles: 1)
      let bpv = [1, 2, 4][next(3)]
      let placement = TensorPlacement(
        space: .spad, byteOffset: 64 * next(50), byteCount: 1 << 20, bytesPerValue: bpv)
      let cols = 1 + next(300)
      let tile = Tile(
        tensor: 0, offset: next(1000), rows: 1 + next(70), cols: cols,
        rowLength: cols + next(200))
      // The oracle: every word of every row, one at a time.
      let width = max(1, m.spad.bytesPerCycle / banks)
      var perBank = [Int](repeating: 0, count: banks)
      var words = 0
      for r in 0..<tile.rows {
        let start = placement.byteOffset + (tile.offset + r * tile.rowLength) * bpv
        let end = start + tile.cols * bpv - 1
        for w in (start / width)...(end / width) {
          perBank[w % banks] += 1
          words += 1
        }
      }
      let a = MemoryTiming.access(tile, placement: placement, machine: m)
      #expect(a.cycles == perBank.max()!, "trial \(trial)")
      #expect(a.conflictFreeCycles == (words + banks - 1) / banks, "trial \(trial)")
      #expect(a.bytes == tile.elements * bpv)
    }
  }
}
