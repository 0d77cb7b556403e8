import MachineDescription
import QINSMachine
import Testing

@Suite("Run statistics added over runs")
struct RunStatisticsSumTests {
  @Test("A run added to itself doubles every count and keeps utilisation and power")
  func doubled() throws {
    let source = TimingTests.tensors + "v.add A, B, C\nsfu.exp D, E\nhalt\n"
    let s = try run(source)
    let d = s.adding(s)
    #expect(d.cycles == 2 * s.cycles && d.instructions == 2 * s.instructions)
    #expect(d.issueStalls == s.issueStalls.mapValues { 2 * $0 })
    #expect(d.unitBusyCycles == s.unitBusyCycles.mapValues { 2 * $0 })
    #expect(d.bytesRead == s.bytesRead.mapValues { 2 * $0 })
    #expect(d.overflows == s.overflows.map { 2 * $0 })
    #expect(d.utilization == s.utilization)
    #expect(abs(d.averagePowerW - s.averagePowerW) <= 1e-12 * s.averagePowerW)
    #expect(d.energy.actions.count == s.energy.actions.count)
    for (a, b) in zip(d.energy.actions, s.energy.actions) {
      #expect(a.component == b.component && a.action == b.action && a.count == 2 * b.count)
    }
    #expect(d.roofline?.cycles == 2 * s.cycles)
    #expect(d.roofline?.bounds == s.roofline?.bounds.mapValues { 2 * $0 })
  }
}
