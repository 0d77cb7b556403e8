import MachineDescription
import QINSAssembler
import QINSMachine
import TensorIO
import Testing

@Suite("Resident tensors")
struct ResidentTensorTests {
  /// Copies bound A through the scratchpad into bound B.
  let source = """
    .tensor A dram [2, 4] storage bind "a"
    .tensor B dram [2, 4] storage bind "b"
    .tensor T spad [2, 4] storage
    li x1, 2
    li x2, 4
    dma.shape x1, x2
    dma.copy T, A, 0
    dma.wait 0
    dma.copy B, T, 1
    dma.wait 1
    halt
    """

  @Test("a tensor taken out of one run is given to the next as it was, without converting it again")
  func handover() throws {
    let image = try #require(Assembler.assemble(source: source, name: "r.qasm").image)
    let a = FloatTensor(shape: [2, 4], values: [0.3, -1.7, 250, 0.01, 3, 3.5, -0.2, 9])
    var first = try Simulator(
      image: image, machine: Presets.qinsDefault,
      bindings: [Binding(name: "a", tensor: a, source: "a")])
    _ = try first.run()
    let stored = try #require(first.tensor(named: "b"))
    #expect(stored.values != a.values)  // QINS8 with per-channel scales rounds them
    let taken = first.takeResident(named: "b")
    let resident = try #require(taken)
    #expect(resident.shape == [2, 4] && resident.machineName == "qins-default")
    let nothing = first.takeResident(named: "nothing")
    #expect(nothing == nil)

    var second = try Simulator(
      image: image, machine: Presets.qinsDefault, resident: ["a": resident])
    _ = try second.run()
    #expect(second.tensor(named: "b")?.values.map(\.bitPattern) == stored.values.map(\.bitPattern))

    // Another machine, or a name the program does not bind, is refused.
    #expect {
      _ = try Simulator(image: image, machine: Presets.bf16, resident: ["a": resident])
    } throws: {
      "\($0)".contains("resident tensor 'a' from qins-default (shape [2, 4]) does not fit")
    }
    #expect {
      _ = try Simulator(image: image, machine: Presets.qinsDefault, resident: ["c": resident])
    } throws: { "\($0)".contains("the program binds no tensor named 'c' (a resident tensor)") }
  }
}
