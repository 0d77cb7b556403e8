import MachineDescription
import QINSAssembler
import QINSMachine
import TensorIO
import Testing

func faultOf(
  _ source: String, machine: MachineDescription = Presets.qinsSeed, bindings: [Binding] = [],
  maxCycles: Int = .max
) -> String {
  let r = Assembler.assemble(source: source, name: "p.qasm")
  guard let image = r.image else { return "assembly failed: \(r.diagnostics)" }
  do {
    var sim = try Simulator(image: image, machine: machine, bindings: bindings)
    _ = try sim.run(maxCycles: maxCycles)
    return "no fault"
  } catch {
    return error.description
  }
}

@Suite("Architectural faults")
struct FaultTests {
  @Test("Address out of range names the pc, the source line and the cycle")
  func outOfRange() {
    let f = faultOf(
      ".tensor T spad [4, 4] fp32\nli x1, 4\nv.shape x1, x1\nli x3, 1\nv.neg T, T[x3]\nhalt\n")
    // Instructions: li (0), v.shape (1), li (2), v.neg (3), issued at cycles 0 to 3.
    #expect(
      f
        == "fault at pc 3 (p.qasm:5:1), cycle 3: address out of range: v.neg operand: a 4 x 4 tile at element 1 of T reaches element 16, past its 16 elements"
    )
  }

  @Test("A tile wider than the tensor's rows is a misaligned access")
  func misaligned() {
    // One-row tiles may run on across rows (a contiguous vector); a 2 x 8 tile may not.
    #expect(
      faultOf(".tensor T spad [4, 4] fp32\nli x1, 1\nli x2, 8\nv.shape x1, x2\nv.neg T, T\nhalt\n")
        == "no fault")
    let f = faultOf(
      ".tensor T spad [4, 4] fp32\nli x1, 2\nli x2, 8\nv.shape x1, x2\nv.neg T, T\nhalt\n")
    #expect(
      f.contains(
        "misaligned access: v.neg destination: a tile 8 wide does not fit in a row of T, which has 4 elements"
      ))
  }

  @Test("Capacity exceeded at load")
  func capacity() {
    let f = faultOf(".tensor Big spad [4096, 2048] storage\nhalt\n")
    #expect(
      f
        == "fault: capacity exceeded: spad needs 16777216 bytes for the program's tensors, the machine has 8388608 (the largest is Big, 16777216 bytes)"
    )
  }

  @Test("Bindings: wrong shape, unknown name")
  func bindings() {
    let t = FloatTensor(shape: [2, 2], values: [1, 2, 3, 4])
    #expect(
      faultOf(
        ".tensor X dram [4] fp32 bind \"x\"\nhalt\n",
        bindings: [Binding(name: "x", tensor: t, source: "x.npy")])
        == "fault: bad binding: x.npy has shape [2, 2], tensor X is declared [4]")
    #expect(
      faultOf(
        ".tensor X dram [4] fp32 bind \"x\"\nhalt\n",
        bindings: [Binding(name: "w", tensor: t, source: "w.npy")])
        == "fault: bad binding: the program binds no tensor named 'w' (it binds: x)")
  }

  @Test("An invalid instruction sequence: sa.matmul with nothing loaded")
  func invalidInstruction() {
    let f = faultOf(
      ".tensor A spad [4, 4] fp32\n.tensor C acc [4, 4] acc\nli x1, 4\nsa.shape x1, x1, x1\nsa.matmul C, A, set\nhalt\n"
    )
    #expect(f.contains("at pc 2 (p.qasm:5:1)"))
    #expect(
      f.contains(
        "invalid instruction: sa.matmul needs a 4 x 4 operand loaded by sa.load with the same sa.shape"
      ))
  }

  @Test("A format mismatch, a runaway loop, and falling off the end")
  func others() {
    #expect(
      faultOf(
        ".tensor A spad [4] fp32\n.tensor Q spad [4] q8\nli x1, 1\nli x2, 4\ndma.shape x1, x2\ndma.copy Q, A, 0\nhalt\n"
      ).contains(
        "format mismatch: dma.copy moves bytes, but A holds fp32 and Q holds q8; convert with v.cvt"
      ))
    // Each taken jmp takes 2 cycles (issue and penalty): the limit is passed at 1002.
    #expect(
      faultOf("loop: jmp loop\n", maxCycles: 1000).hasPrefix(
        "fault at pc 0 (p.qasm:1:7), cycle 1002: cycle limit reached"))
    #expect(
      faultOf("li x1, 1\n").contains(
        "no halt: execution ran past the last instruction without halt"))
  }
}

@Suite("Energy accounting")
struct EnergyAccountingTests {
  @Test("The dynamic total is exactly the counted actions times the table's energies")
  func total() throws {
    let (_, s) = try simulate(FunctionalTests.gemmSource)
    let sum = s.energy.actions.reduce(0) { $0 + $1.count * $1.pjEach }
    #expect(abs(sum - s.energy.dynamicPj) <= 1e-9 * sum)
    #expect(abs(s.energy.byClassPj.values.reduce(0, +) - s.energy.dynamicPj) <= 1e-9 * sum)
    let macs = try #require(s.energy.actions.first { $0.action == "multiply_accumulate" })
    #expect(macs.count == Double(8 * 16 * 8))
    #expect(abs(s.energy.totalPj - s.energy.dynamicPj - s.energy.leakagePj) < 1e-6)
    #expect(abs(s.averagePowerW - s.energy.totalPj * 1e-12 / s.seconds) < 1e-9)
  }
}
