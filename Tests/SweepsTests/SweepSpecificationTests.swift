import MachineDescription
import Sweeps
import Testing

@Suite("Sweep specs")
struct SweepSpecificationTests {
  let gemmSpec = """
    # a comment
    workload = "gemm"
    machine = "qins-default"
    [set]
    "gemm.k" = 64
    [grid]
    "array.rows" = [8, 16]       # axes in name order: array.dataflow, then array.rows
    "array.dataflow" = ["ws", "os", "is"]
    [[points]]
    "gemm.m" = 32
    "gemm.n" = 48
    [[points]]
    "gemm.m" = 64
    "gemm.n" = 16
    """

  @Test("Points: the list crossed with the grid, the last axis fastest, fields in order")
  func points() throws {
    let s = try SweepSpecification(toml: gemmSpec)
    #expect(s.workload == .gemm && s.machine == "qins-default")
    #expect(s.pointCount == 2 * 3 * 2)
    #expect(s.fields == ["gemm.m", "gemm.n", "array.dataflow", "array.rows"])
    // Index 7 = list entry 1, dataflow index 0 (ws), rows index 1 (16): 7 = 1*6 + 0*2 + 1.
    let a = s.assignments(of: 7)
    #expect(a.map(\.field) == ["gemm.k", "gemm.m", "gemm.n", "array.dataflow", "array.rows"])
    #expect(
      a.map(\.value) == [.integer(64), .integer(64), .integer(16), .text("ws"), .integer(16)])
    let b = s.assignments(of: 4)  // list 0, dataflow 2 (is), rows 0 (8)
    #expect(b.map(\.value).suffix(2) == [.text("is"), .integer(8)])
    // The digest follows what runs, not the comments.
    let t = try SweepSpecification(toml: "# other words\n" + gemmSpec)
    #expect(t.digest == s.digest)
    let u = try SweepSpecification(
      toml: gemmSpec.replacingOccurrences(of: "[8, 16]", with: "[8, 32]"))
    #expect(u.digest != s.digest)
  }

  @Test(
    "Bad specs are refused with the place named",
    arguments: [
      ("workload = \"gemm\"\n[grid]\n\"array.rows\" = []", "array.rows is empty"),
      ("workload = \"conv\"", "workload 'conv' is not one of gemm, transformer"),
      ("workload = \"gemm\"\nspeed = 3", "unknown key 'speed'"),
      ("workload = \"gemm\"\n[set]\n\"gemm.q\" = 1", "unknown field gemm.q for a gemm sweep"),
      ("workload = \"gemm\"\n[grid]\n\"array.rows\" = 8", "must be a list of values"),
      ("workload = \"gemm\"\n[grid]\n\"array.rows\" = [8, 8]", "names a value twice"),
      ("workload = \"gemm\"\n[grid\n", "the spec:2:6: expected ']' to close the table header"),
      ("workload = \"gemm\"\n[set]\nname = \"x\"", "do not set 'name'"),
      // Found by fuzzing: toml++ (the reader before TOMLParser) stopped the process on these.
      (
        "workload = \"gemm\"\n[set]\n\"gemm.n\"transformer.seq\" = 24",
        "the spec:3:9: expected '=' after the key, not 't'"
      ),
      (
        "workload = \"gemm\"\n[\n[grid]\n",
        "the spec:2:2: a key is missing here (found a line break)"
      ),
      ("workload = \"gemm\"\n[set]\na. = 1", "the spec:3:4: a key is missing here (found '=')"),
      ("workload = \"gemm\"\n[set]\na = { b = 1, = 2 }", "a key is missing"),
      // Found by fuzzing (sweep-spec-reader, seed 7): an assertion in toml++'s time parser.
      (
        "workload = \"gemm\"\n[set]\n\"gemm.m\" = 1979-05-27T:32:00",
        "the spec:3:23: a date-time's time is missing or malformed after the 'T'"
      ),
      // Found by fuzzing (sweep-spec-reader, seed 35, case 59167): toml++'s value parser.
      ("x = [\n}\nworkload = \"gemm\"", "the spec:2:1: expected a value, not '}'"),
      ("workload = \"gemm\"\n[set]\na = nan", "[set] a must be a finite number, not nan"),
      (
        "workload = \"gemm\"\n[set]\na = 1979-05-27",
        "[set] a must be a number, a string or true/false, not a local date"
      ),
    ])
  func badSpecs(text: String, message: String) {
    #expect {
      _ = try SweepSpecification(toml: text)
    } throws: { error in
      (error as? SweepError)?.description.contains(message) == true
    }
  }

  @Test("Shards: I/N parsed, the split covers every point once")
  func shards() throws {
    #expect(SweepShard("2/3") == SweepShard(index: 2, count: 3))
    for bad in ["3/3", "-1/2", "1", "a/b", "0/0"] { #expect(SweepShard(bad) == nil) }
    let shards = (0..<3).map { SweepShard(index: $0, count: 3) }
    for i in 0..<20 { #expect(shards.filter { $0.contains(i) }.count == 1) }
  }
}

@Suite("Sweep tables")
struct SweepTableTests {
  func point(_ i: Int, _ m: Int, cycles: Double, area: Double, error: String? = nil)
    -> SweepPointResult
  {
    SweepPointResult(
      sweep: "d", index: i, fields: ["gemm.m": .integer(m), "array.rows": .integer(i)],
      figures: error == nil ? ["cycles": cycles, "area_mm2": area] : [:], error: error)
  }

  @Test("The frontier: non-dominated points, within each work")
  func frontier() {
    let t = SweepTable(
      workload: .gemm, fields: ["gemm.m", "array.rows"],
      points: [
        point(0, 8, cycles: 10, area: 5),  // on
        point(1, 8, cycles: 12, area: 5),  // dominated by 0
        point(2, 8, cycles: 4, area: 9),  // on
        point(3, 8, cycles: 4, area: 9.5),  // dominated by 2
        point(4, 16, cycles: 100, area: 50),  // alone in its work: on
        point(5, 8, cycles: 0, area: 0, error: "cannot run"),  // no figures: off
      ])
    #expect(t.frontier(x: "cycles", y: "area_mm2") == [0, 2, 4])
    let rows = t.csv.split(separator: "\n")
    #expect(rows[0].hasPrefix("index,gemm.m,array.rows,cycles,seconds,"))
    #expect(rows[0].hasSuffix(",error,pareto_cycles_area_mm2,pareto_energy_pj_rel_rms_error"))
    #expect(rows[1] == "0,8,0,10.0,,,,,,,,5.0,,,1,0")
    #expect(rows[6] == "5,8,5,,,,,,,,,,,cannot run,0,0")
  }

  @Test("Sensitivity: the mean of a figure per value of a field, and their spread")
  func sensitivity() {
    let t = SweepTable(
      workload: .gemm, fields: ["gemm.m"],
      points: [
        point(0, 8, cycles: 10, area: 1), point(1, 8, cycles: 30, area: 1),
        point(2, 16, cycles: 80, area: 1),
      ])
    let lines = t.sensitivityCSV.split(separator: "\n")
    #expect(lines.contains("cycles,gemm.m,8,2,20.0,4.0"))
    #expect(lines.contains("cycles,gemm.m,16,1,80.0,4.0"))
    #expect(lines.contains("area_mm2,gemm.m,8,2,1.0,1.0"))
    #expect(t.strongestFields.first { $0.figure == "cycles" }?.spread == 4)
  }

  @Test("CSV cells with commas or quotes are quoted")
  func quoting() {
    let t = SweepTable(
      workload: .gemm, fields: ["gemm.m"],
      points: [point(0, 8, cycles: 1, area: 1, error: "a, \"b\"")])
    #expect(t.csv.split(separator: "\n")[1].hasSuffix(",\"a, \"\"b\"\"\",0,0"))
  }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
  }
}
