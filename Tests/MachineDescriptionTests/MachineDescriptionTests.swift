import EnergyModel
import FPINSISA
import Foundation
import MachineDescription
import Testing

func parse(_ json: String) throws(DescriptionError) -> MachineDescription {
  try MachineDescription(json: Data(json.utf8))
}

@Suite("Machine descriptions")
struct MachineDescriptionTests {
  @Test("An empty object is the qins-default machine; every preset survives show and read back")
  func defaultsAndRoundTrip() throws {
    #expect(try parse("{}") == Presets.qinsDefault)
    for (name, machine) in Presets.all {
      #expect(try parse(machine.json) == machine, "\(name)")
    }
  }

  @Test("The presets: same array and memories for the FP32 reference; TPU-v1-like peaks at 92 TOPS")
  func presets() {
    let q = Presets.qinsDefault
    let f = Presets.fp32Reference
    #expect(f.array == q.array && f.spad == q.spad && f.dram == q.dram && f.clockMHz == q.clockMHz)
    #expect(f.storageFormat == .fp32 && q.storageFormat == .q8)
    #expect(f.bytesPerValue(.storage) == 4 && q.bytesPerValue(.storage) == 2)
    let tpu = Presets.tpuV1Like
    // 2 x 256 x 256 x 700 MHz = 91.75e12; Jouppi et al. publish 92 TOPS.
    #expect(tpu.peakOperationsPerSecond == 2 * 65_536 * 700e6)
    #expect((tpu.peakOperationsPerSecond / 1e12).rounded() == 92)
    #expect(tpu.spad.capacityBytes == 24 << 20)
    // The rivals and the seed: the same array, memories and clock as qins-default.
    for r in [Presets.qinsSeed, Presets.int8, Presets.fp8E4M3, Presets.fp8E5M2, Presets.bf16] {
      #expect(r.spad == q.spad && r.dram == q.dram && r.clockMHz == q.clockMHz, "\(r.name)")
      #expect(r.array.rows == q.array.rows && r.array.dataflow == q.array.dataflow, "\(r.name)")
    }
    #expect(Presets.int8.bytesPerValue(.storage) == 1 && Presets.bf16.bytesPerValue(.storage) == 2)
    #expect(Presets.qinsSeed.array.product == .table8 && !Presets.qinsSeed.usesElementScales)
    #expect(q.array.product == .decoded && q.array.decodedFractionBits == 7)
    #expect(q.usesElementScales && q.quantization.activationCalibration == .mse)
    // The rivals scale activations per token from each row's largest magnitude, as built.
    #expect(Presets.int8.quantization.activationCalibration == .max)
    #expect(Presets.int8.quantization.weightCalibration == .mse)
    #expect(Presets.qinsFast.quantization.activationMaxShiftOctaves == 2)
  }

  @Test("Quantization and product fields read, round-trip and reject unknown values")
  func quantizationFields() throws {
    let m = try parse(
      #"{"storage_format": "fp8_e5m2", "array": {"product": "decoded", "decoded_fraction_bits": 5}, "quantization": {"weights": "tensor", "activations": "tile", "scale_type": "power_of_two", "weight_calibration": "max", "activation_calibration": "max"}}"#
    )
    #expect(m.storageFormat == .fp8e5m2 && m.array.product == .decoded)
    #expect(m.array.decodedFractionBits == 5 && m.quantization.activations == .tile)
    #expect(try parse(m.json) == m)
    for (json, message) in [
      (#"{"quantization": {"activations": "column"}}"#, "quantization.activations"),
      (#"{"array": {"decoded_fraction_bits": 12}}"#, "array.decoded_fraction_bits must be 1...11"),
      (#"{"quantization": {"scale": "fp32"}}"#, "quantization.scale"),
      (
        #"{"quantization": {"activation_max_shift_octaves": 9}}"#,
        "quantization.activation_max_shift_octaves must be -8...8"
      ),
    ] {
      do {
        _ = try parse(json)
        Issue.record("accepted \(json)")
      } catch {
        #expect(error.description.contains(message), "\(error.description)")
      }
    }
  }

  @Test(
    "Bad files get an error naming the field",
    arguments: [
      (#"{"clock_mhz": 0}"#, "clock_mhz must be 0.001...1000000, found 0.0"),
      (#"{"clock_mhz": 1e300}"#, "clock_mhz must be 0.001...1000000, found 1e+300"),
      (#"{"array": {"rows": 1000000000}}"#, "array.rows must be 1...65536, found 1000000000"),
      (
        #"{"array": {"rows": 8192, "cols": 8192}}"#,
        "array rows x cols must be at most 16777216 PEs, found 8192 x 8192"
      ),
      (
        #"{"memories": {"dram": {"bandwidth_gb_per_s": 1e-300}}}"#,
        "memories.dram.bandwidth_gb_per_s must be 0.001...1000000, found 1e-300"
      ),
      (
        #"{"memories": {"spad": {"capacity_bytes": 1e15}}}"#,
        "memories.spad.capacity_bytes must be 1...1099511627776, found 1000000000000000"
      ),
      (
        #"{"control": {"taken_branch_penalty_cycles": -1}}"#,
        "control.taken_branch_penalty_cycles must be 0...1000000, found -1"
      ),
      (#"{"clock_mhz": "fast"}"#, "clock_mhz must be a number, found a string"),
      (#"{"clock_mhz": true}"#, "clock_mhz must be a number, found a boolean"),
      (#"{"clockmhz": 100}"#, "clockmhz is not a known field"),
      (#"{"memories": {"spad": {"banks": 0}}}"#, "memories.spad.banks must be 1...65536, found 0"),
      (
        #"{"memories": {"spad": {"banks": 2.5}}}"#,
        "memories.spad.banks must be a whole number, found 2.5"
      ),
      (
        #"{"memories": {"dram": {"bandwidth_gb_per_s": -1}}}"#,
        "memories.dram.bandwidth_gb_per_s must be 0.001...1000000, found -1.0"
      ),
      (
        #"{"array": {"dataflow": "rs"}}"#,
        #"array.dataflow must be one of "ws", "os", "is", found "rs""#
      ),
      (
        #"{"storage_format": "fpins9"}"#,
        #"storage_format must be one of "fp32", "q8", "fpins1", "fpins2", "fpins3", "fpins4", "fpins5", "fpins6", "int8", "fp8_e4m3", "fp8_e5m2", "bf16", found "fpins9""#
      ),
      (#"{"alu": []}"#, "alu must be an object"),
      (#"[1, 2]"#, "must be an object"),
      (#"{"name": }"#, "is not valid JSON"),
    ])
  func badFiles(json: String, message: String) {
    do {
      _ = try parse(json)
      Issue.record("accepted \(json)")
    } catch {
      #expect(error.description.hasPrefix(message), "got: \(error.description)")
    }
  }

  @Test("Derived figures: DRAM bytes per cycle and latency at the clock")
  func derived() throws {
    let m = try parse(
      #"{"clock_mhz": 500, "memories": {"dram": {"bandwidth_gb_per_s": 100, "latency_ns": 90}}}"#)
    #expect(m.dramBytesPerCycle == 200)
    #expect(m.dramLatencyCycles == 45)
  }
}

@Suite("The energy model")
struct EnergyModelTests {
  @Test("The default table carries the published figures")
  func published() {
    let t = EnergyTable.standard
    #expect(t["int8", "add"] == 0.03 && t["int8", "mul"] == 0.2)
    #expect(t["fp32", "add"] == 0.9 && t["fp32", "mul"] == 3.7)
    #expect(
      t["sram_8kib", "read64"] == 10 && t["sram_32kib", "read64"] == 20
        && t["sram_1mib", "read64"] == 100)
    #expect((1300...2600).contains(t["dram", "read64"]))
    for (c, a) in EnergyTable.required {
      #expect(!(t.entries[.init(c, a)]?.source.isEmpty ?? true), "\(c) \(a) needs a source")
    }
  }

  @Test("SRAM energy interpolates through the three points, about as the square root of size")
  func sramScaling() {
    let t = EnergyTable.standard
    #expect(abs(t.sramRead64(bytes: 8 * 1024) - 10) < 1e-9)
    #expect(abs(t.sramRead64(bytes: 32 * 1024) - 20) < 1e-9)
    #expect(abs(t.sramRead64(bytes: 1 << 20) - 100) < 1e-9)
    #expect(abs(t.sramRead64(bytes: 16 * 1024) - 10 * 2.0.squareRoot()) < 1e-9)
    // A 64 KiB table with 9-bit entries (73,728 bytes): 20 * (2.25)^(log 5 / log 32).
    let expected = 20 * pow(73_728.0 / 32_768, log(5.0) / log(32.0))
    #expect(abs(t.sramRead64(bytes: 73_728) - expected) < 1e-9)
  }

  @Test("Bad tables: a missing field, an unknown unit, a duplicate, a missing required entry")
  func badTables() {
    func message(_ text: String) -> String {
      do {
        _ = try EnergyTable(text: text)
        return "accepted"
      } catch { return error.description }
    }
    let base = DefaultEnergyTable.text
    #expect(message(base + "\nfoo bar 1\n").hasPrefix("line "))
    #expect(message(base + "\nfoo bar 1 furlongs x\n").contains("unknown unit 'furlongs'"))
    #expect(message(base + "\nint8 add 1 pJ again\n").contains("int8 add appears twice"))
    #expect(message("int8 add 1 pJ x\n") == "the table has no entry for int8 mul")
    #expect(message(base + "\nx y -3 pJ z\n").contains("'-3' is not a non-negative number"))
  }

  @Test(
    "Costs: table look-ups in SRAM cost more than FP32 arithmetic; private tables per PE dominate area"
  )
  func costs() {
    let t = EnergyTable.standard
    let q = MachineCosts(machine: Presets.qinsSeed, table: t)
    #expect(q.aluLookup == t.sramRead64(bytes: MachineCosts.qins8TableBytes))
    #expect(q.aluLookup > t["fp32", "mul"] + t["fp32", "add"])
    // The seed's array computes its tables in logic: one look-up, a conversion, an FP32 add.
    #expect(
      q.peMultiplyAccumulate == t["qins8_logic", "lookup"] + t["fp32", "convert"] + t["fp32", "add"]
    )
    // qins-default's decoded operands (7 fraction bits): an 8 x 8 significand multiply, an
    // exponent add, an FP32 add.
    let d = MachineCosts(machine: Presets.qinsDefault, table: t)
    #expect(d.peMultiplyAccumulate == t["int8", "mul"] + t["int8", "add"] + t["fp32", "add"])
    // The exact product in logic: a 24 x 24 significand multiply (9 int8 multiplies), an
    // exponent add, an FP32 add; in SRAM, a 256 KiB table read.
    var exact = Presets.qinsDefault
    exact.array.product = .exact
    #expect(
      MachineCosts(machine: exact, table: t).peMultiplyAccumulate
        == 9 * t["int8", "mul"] + t["int8", "add"] + t["fp32", "add"])
    var sramExact = exact
    sramExact.array.tables = .sharedSRAM
    #expect(
      MachineCosts(machine: sramExact, table: t).peMultiplyAccumulate
        == t.sramRead64(bytes: 262_144) + t["fp32", "add"])
    // The rivals: INT8 an int8 multiply and an int32 add; E4M3 a 4 x 4 significand multiply.
    #expect(
      MachineCosts(machine: Presets.int8, table: t).peMultiplyAccumulate
        == t["int8", "mul"] + t["int32", "add"])
    #expect(
      MachineCosts(machine: Presets.fp8E4M3, table: t).peMultiplyAccumulate
        == 0.25 * t["int8", "mul"] + t["int8", "add"] + t["fp32", "add"])
    #expect(
      MachineCosts(machine: Presets.int8, table: t).areaSquareMillimetres["array_pes"]!
        < MachineCosts(machine: Presets.bf16, table: t).areaSquareMillimetres["array_pes"]!)
    #expect(q.areaSquareMillimetres["array_tables"] == 0)
    var privateTables = Presets.qinsDefault
    privateTables.array.tables = .privateSRAM
    privateTables.accumulatorFormat = .q8
    let p = MachineCosts(machine: privateTables, table: t)
    // 16,384 PEs x 3 tables x 73,728 bytes = 3.375 GiB of SRAM.
    let bytes = 128.0 * 128 * 3 * 73_728
    #expect(
      abs(p.areaSquareMillimetres["array_tables"]! - bytes / Double(1 << 20) * t["sram", "area"])
        < 1e-6)
    #expect(p.areaSquareMillimetres["array_tables"]! > 10 * q.totalAreaSquareMillimetres)
    let f = MachineCosts(machine: Presets.fp32Reference, table: t)
    #expect(f.peMultiplyAccumulate == t["fp32", "mul"] + t["fp32", "add"])
    #expect(f.bytePicojoules == q.bytePicojoules)
  }
}

@Suite("Array options in the description")
struct ArrayOptionTests {
  @Test(
    "double_buffered_stationary and overlap_folds read as booleans, default true in every preset, and round-trip"
  )
  func booleans() throws {
    let m = try parse(#"{"array": {"double_buffered_stationary": false, "overlap_folds": false}}"#)
    #expect(!m.array.doubleBufferedStationary && !m.array.overlapFolds)
    for p in Presets.all.values {
      #expect(p.array.doubleBufferedStationary && p.array.overlapFolds)
    }
    #expect(try parse(m.json) == m)
    do {
      _ = try parse(#"{"array": {"overlap_folds": 1}}"#)
      Issue.record("accepted a number")
    } catch {
      #expect(error.description == "array.overlap_folds must be true or false, found a number")
    }
  }

  @Test("A relative energy_table is read beside the description file, not in the working directory")
  func relativeEnergyTable() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qins-machine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("m.json").path
    try #"{"energy_table": "tables/e.txt"}"#.write(toFile: file, atomically: true, encoding: .utf8)
    let machine = try MachineLoader.load(file)
    #expect(machine.energyTable == dir.appendingPathComponent("tables/e.txt").path)
    #expect(try MachineLoader.load("qins-default").energyTable == "default")
  }
}

@Suite("The hardware a comparison's FP32 machine shares")
struct PlatformDifferenceTests {
  @Test("Every preset but tpu-v1-like is fp32-reference's hardware with other formats")
  func presets() {
    for (name, m) in Presets.all {
      let differs = m.platformDifferences(from: Presets.fp32Reference)
      #expect(differs == (name == "tpu-v1-like" ? differs : []), "\(name): \(differs)")
    }
    #expect(
      Presets.tpuV1Like.platformDifferences(from: Presets.fp32Reference).contains("clock_mhz"))
  }

  @Test("The clock, the array's size and a memory differ; how the PEs multiply does not")
  func parts() {
    var m = Presets.int8
    m.array.product = .exact
    m.array.tablePorts = 4
    #expect(m.platformDifferences(from: Presets.fp32Reference).isEmpty)
    m.clockMHz = 500
    m.array.rows = 64
    m.dram.bandwidthGBPerSecond = 100
    #expect(
      m.platformDifferences(from: Presets.fp32Reference) == [
        "clock_mhz", "array", "memories.dram",
      ])
  }

  @Test(
    "The synthesized table prices each preset's PE by its kind's entries; SRAM tables and QINS accumulators keep the estimate"
  )
  func synthesizedTable() throws {
    #expect(Set(EnergyTable.builtIn.keys) == MachineDescription.builtInEnergyTables)
    #expect(Set(EnergyTable.builtInTexts.keys) == MachineDescription.builtInEnergyTables)
    let t = EnergyTable.synthesized
    for name in Presets.names {
      let m = Presets.all[name]!
      let kind = try #require(m.peKind, "\(name) has no PE kind")
      let mac = try #require(t.value(kind.name, "mac"), "no \(kind.name) mac")
      let area = try #require(t.value(kind.name, "area"), "no \(kind.name) area")
      let costs = MachineCosts(machine: m, table: t)
      #expect(costs.peMultiplyAccumulate == mac, "\(name)")
      #expect(
        costs.areaSquareMillimetres["array_pes"] == Double(m.array.rows * m.array.cols) * area)
      // The default table has no such entries: its estimate stands.
      #expect(t.entries[.init(kind.name, "mac")]!.source.hasPrefix("synthesized: "))
      #expect(EnergyTable.standard.value(kind.name, "mac") == nil)
    }
    var sramExact = Presets.qinsDefault
    sramExact.array.product = .exact
    sramExact.array.tables = .sharedSRAM
    #expect(sramExact.peKind == nil)
    #expect(
      MachineCosts(machine: sramExact, table: t).peMultiplyAccumulate
        == t.sramRead64(bytes: 262_144) + t["fp32", "add"])
    var pure = Presets.qinsDefault
    pure.accumulatorFormat = .q8
    #expect(pure.peKind == nil)
    // Every logic entry of the table comes from the flow; the memories are the default's.
    for (c, a) in [("int8", "add"), ("int8", "mul"), ("fp32", "mul"), ("qins8_logic", "lookup")] {
      #expect(t.entries[.init(c, a)]!.source.hasPrefix("synthesized: "), "\(c) \(a)")
    }
    #expect(t["int8", "mul"] == 0.2)
    #expect(t["dram", "read64"] == EnergyTable.standard["dram", "read64"])
  }
}
