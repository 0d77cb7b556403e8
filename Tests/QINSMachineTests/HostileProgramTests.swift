import MachineDescription
import QINSAssembler
import QINSMachine
import QINSSupport
import TensorIO
import Testing

/// Programs that ask for the impossible: offsets near 2^63, tensors larger than the host.
@Suite("Hostile programs fault, never trap")
struct HostileProgramTests {
  @Test("A tile offset of 2^63 - 1 (and of 2^62) is an address fault, not an overflow trap")
  func offsetNearTheTop() {
    for (setup, offset) in [
      ("li x3, -1\nlui x3, 0x7fffffff", "9223372036854775807"),
      ("li x3, 0\nlui x3, 0x40000000", "4611686018427387904"),
    ] {
      let f = faultOf(
        ".tensor T spad [4, 4] fp32\nli x1, 2\nv.shape x1, x1\n\(setup)\nv.neg T, T[x3]\nhalt\n")
      #expect(
        f.hasSuffix(
          "address out of range: v.neg operand: a 2 x 2 tile at element \(offset) of T reaches past element 2^63, past its 16 elements"
        ) || f.contains("tile at element \(offset) of T reaches element"), "\(f)")
    }
  }

  @Test(
    "Explicit FPINS tensors on machines with element scales keep a per-tensor exponent",
    arguments: Presets.names)
  func fpinsOnScaledMachines(preset: String) throws {
    // Found by the campaign (binaries case 2322 of seed 2026): a tensor whose format a
    // mutation turned into FPINS on the bf16 machine trapped at load (no element grid).
    let source = """
      .tensor X spad [4, 8] fp32
      .tensor F spad [4, 8] fpins2
      .tensor G spad [4, 8] fpins2
      .tensor S spad [4, 8] storage
      .tensor A spad [8, 8] fpins2 bind "a"
      .tensor C acc [4, 8] acc
      .tensor D dram [4, 8] fpins2
       li x1, 4
       li x2, 8
       v.shape x1, x2
       sfu.shape x1, x2
       dma.shape x1, x2
       v.fill X[x0], 0.75
       v.cvt F[x0], X[x0], fit
       v.cvt S[x0], F[x0], fit
       v.add G[x0], F[x0], F[x0]
       v.rcp F[x0], G[x0]
       sfu.exp S[x0], F[x0]
       dma.copy D[x0], F[x0], 1
       dma.wait 1
       sa.shape x1, x2, x2
       sa.load A[x0]
       sa.matmul C[x0], F[x0], set
       wait all
       halt
      """
    let machine = try #require(Presets.all[preset])
    let a = Binding(
      name: "a", tensor: FloatTensor(shape: [8, 8], values: (0..<64).map { Float($0) / 64 }),
      source: "a")
    #expect(faultOf(source, machine: machine, bindings: [a]) == "no fault")
  }

  @Test("A tile shape past 2^31 is refused with its range")
  func hugeShape() {
    let f = faultOf(
      ".tensor T spad [4, 4] fp32\nli x1, -1\nlui x1, 0x7fffffff\nv.shape x1, x1\nhalt\n")
    #expect(f.contains("a tile shape's rows and columns must be 1...2^31"), "\(f)")
  }

  @Test("A DRAM tensor larger than the host-memory budget is refused before any allocation")
  func hostMemory() throws {
    let source = ".tensor BIG dram [4000000000] storage\nhalt\n"
    let image = try #require(Assembler.assemble(source: source, name: "p.qasm").image)
    do {
      _ = try Simulator(
        image: image, machine: Presets.qinsDefault,
        hostMemory: HostMemoryBudget(limitBytes: 1 << 30))
      Issue.record("accepted")
    } catch {
      #expect(
        error.description
          == "fault: host memory limit: host memory for the program's tensors: 22.4 GiB needed, the limit is 1.0 GiB; --max-host-memory raises it (the largest is BIG [4000000000], 22.4 GiB)"
      )
    }
    // Timing only holds no values: the same program runs.
    var timing = try Simulator(
      image: image, machine: Presets.all["fp32-reference"]!, timingOnly: true,
      hostMemory: HostMemoryBudget(limitBytes: 1 << 30))
    #expect(try timing.run(maxCycles: 100).cycles >= 1)
  }

  @Test("Sizes as users write them")
  func sizes() {
    #expect(HostMemoryBudget.parse("8G") == 8 << 30)
    #expect(HostMemoryBudget.parse("8GiB") == 8 << 30)
    #expect(HostMemoryBudget.parse("512m") == 512 << 20)
    #expect(HostMemoryBudget.parse("1048576") == 1 << 20)
    for bad in ["", "0", "-1G", "G", "8X", "9999999999T", "1.5G"] {
      #expect(HostMemoryBudget.parse(bad) == nil, "\(bad)")
    }
    #expect(HostMemoryBudget.text(3 << 29) == "1.5 GiB")
    #expect(HostMemoryBudget.product(1 << 40, 1 << 30) == nil)
  }
}
