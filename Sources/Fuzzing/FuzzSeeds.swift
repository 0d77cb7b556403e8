import Foundation
import TensorIO

/// The valid inputs the fuzzers start from: small programs that use every unit, tensor files,
/// a machine description, and the fragments that mutations insert.
public enum FuzzSeeds {
  /// Self-contained programs, small enough to run in milliseconds: control flow, DMA, the
  /// vector unit, the array and the SFU, each with a bound input `x` ([4, 8] FP32).
  public static let programs: [String] = [
    """
    .const N = 8
    .tensor X spad [4, N] fp32 bind "x"
    .tensor Y spad [4, N] storage
    .tensor Z dram [4, N] storage
    .operator setup
        li x1, 4
        li x2, N
    .operator body
        v.shape x1, x2
        dma.shape x1, x2
        v.cvt Y[x0], X[x0], fit
        v.add Y[x0], Y[x0], Y[x0]
        v.rcp Y[x0], Y[x0]
        dma.copy Z[x0], Y[x0], 1
        dma.wait 1
        halt
    """,
    """
    .tensor X spad [4, 8] fp32 bind "x"
    .tensor A spad [8, 8] storage
    .tensor B spad [8, 8] storage
    .tensor C acc [8, 8] acc
        li x1, 8
        sa.shape x1, x1, x1
        sa.load B[x0]
        sa.matmul C[x0], A[x0], set
        wait all
        halt
    """,
    """
    .tensor X spad [4, 8] fp32 bind "x"
    .tensor G spad [8] fp32
    .tensor Y spad [4, 8] storage
        li x1, 4
        li x2, 8
        sfu.shape x1, x2
        sfu.eps 1e-5
        sfu.layernorm Y[x0], X[x0], G, G
        sfu.softmax Y[x0], X[x0]
        sfu.ropebase 10000.0
        sfu.rope Y[x0], X[x0], x0
        sfu.silu Y[x0], X[x0]
        sfu.exp Y[x0], X[x0]
        halt
    """,
    """
    .tensor X spad [4, 8] fp32 bind "x"
    .tensor T spad [16] fp32
        li x1, 0
        li x2, 10
        li x3, 1
        v.shape x3, x3
    loop:
        v.fill T[x1], 2.5
        addi x1, x1, 1
        blt x1, x2, loop
        halt
    """,
  ]

  /// Lines and pieces that mutations insert into programs.
  public static let fragments: [String] = [
    "halt", "loop2: jmp loop2", "li x1, -1", "lui x3, 0x7fffffff", "v.shape x3, x3",
    "dma.shape x3, x1", "sa.shape x3, x3, x3", "sfu.shape x1, x3", "muli x1, x1, 1000000",
    "shl x1, x1, x2", ".tensor W dram [4000000000] storage", ".tensor V spad [65536, 65536] fp32",
    "((((((((1))))))))",
    String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
    ".macro M a\nM a\n.endm\nM 1", ".include \"Programs/gemm.qasm\"", ".include \"/dev/zero\"",
    "v.fill T[x0], nan", "sfu.eps inf", "sfu.ropebase 0.0", "t.scale Y, 1000000",
    "dma.copy Z[x1], Y[x0], 1", "sa.matmul C[x3], A[x0], acc", "wait all", "@", "\u{0}",
    "v.cvt Y[x0], X[x0], fit", "sfu.softmax.causal Y[x0], X[x0], x3", ".const N = 1 << 62",
    ".operator setup", ".operator x3", ".operator body\n.operator tail", ".operator \\@",
  ]

  /// Sweep specs the spec reader's cases start from: one of each workload, with every table.
  public static let sweepSpecs: [String] = [
    """
    # A grid of arrays for bare GEMMs.
    workload = "gemm"
    machine = "qins-default"
    [set]
    "gemm.timing" = "default"
    [grid]
    "array.rows" = [8, 16, 32]
    "array.cols" = [8, 16]
    "array.dataflow" = ["ws", "os", "is"]
    [[points]]
    "gemm.m" = 128
    "gemm.n" = 3072
    "gemm.k" = 3072
    [[points]]
    "gemm.m" = 16
    "gemm.n" = 384
    "gemm.k" = 1536
    """,
    """
    workload = "transformer"
    machine = "qins-default"
    [set]
    "transformer.model" = "minilm-l6"
    "transformer.layers" = "0"
    "memories.spad.capacity_bytes" = 1048576
    [grid]
    machine = ["qins-default", "int8", "bf16", "fp32-reference"]
    "transformer.seq" = [32, 128]
    "storage_format" = ["qins8", "int8"]
    [[points]]
    "array.rows" = 32
    "array.cols" = 32
    """,
  ]

  /// Lines and pieces that mutations insert into TOML: table and array headers, every kind of
  /// string and key, values at and past the limits, and the key shapes that once stopped the
  /// TOML parser on an assertion (a quoted key followed at once by a key character, a header
  /// or dotted key with a missing key).
  public static let tomlFragments: [String] = [
    "[", "]", "[[", "]]", "[a]", "[[points]]", "[grid]", "[set]", "[a.b.c]", "[ a . \"b\" ]",
    "{", "}", "x = { a = 1, b = { c = [1, 2] } }", "x = [", "x = [[[[[[[[[[1]]]]]]]]]]",
    "=", "= 1", "x =", "x = 1 = 2", "\"\" = 1", "'' = 1", "\"k\"x = 1", "'k'\"j\" = 1",
    "[a.]", "[.a]", "a..b = 1", "a. = 1", "x = { = 1 }", "x = { a. = 1 }", "x = {a=1,}",
    "\"\"\"", "'''", "x = \"\"\"\nmulti\nline\"\"\"", "x = '''\n'''", "x = \"\\u0000\"",
    "x = \"\\U0010FFFF\"", "x = \"\\UFFFFFFFF\"", "x = \"\\q\"", "x = \"unterminated",
    "x = 1e999", "x = -inf", "x = nan", "x = +nan", "x = 0x7fffffffffffffff",
    "x = 9223372036854775808", "x = -9223372036854775809", "x = 0b2", "x = 0o8", "x = 1__0",
    "x = 1979-05-27T07:32:00Z", "x = 07:32:00", "x = 1979-02-30", "x = true", "x = tru",
    "\"array.rows\" = 0", "\"array.rows\" = -1", "\"array.rows\" = 4294967296",
    "\"array.rows\" = [1, \"a\", 2.5]", "\"gemm.m\" = 1e300", "machine = \"/dev/zero\"",
    "machine = \"../../etc/passwd\"", "workload = \"gemm\"", "workload = 7",
    "\"array\" = 1", "array = { rows = 8 }", "# comment \u{0}", "\u{0}", "\t", "\r", "\\",
    String(repeating: "[", count: 2_000), String(repeating: "a.", count: 2_000) + "a = 1",
    "x = " + String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000),
  ]

  /// Arguments of the fuzzed runs of programs: small limits, so a runaway program stops.
  public static let runLimits = [
    "--max-cycles", "200000", "--max-host-memory", "1G", "--max-trace-bytes", "2000000",
  ]

  /// The input `x` of the programs: [4, 8] FP32.
  public static let input = NPYFile.bytes(
    of: FloatTensor(shape: [4, 8], values: (0..<32).map { Float($0) / 8 - 2 }))

  /// A safetensors file with an F32 [2, 3], an F16 [4] and a BF16 [2, 2] tensor.
  public static var safetensors: [UInt8] {
    let header =
      #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F16","shape":[4],"data_offsets":[24,32]},"c":{"dtype":"BF16","shape":[2,2],"data_offsets":[32,40]}}"#
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes += $0 }
    bytes += Array(header.utf8)
    for v in [Float](arrayLiteral: 1, 2, 3, 4, 5, 6) {
      withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 }
    }
    bytes += [0x00, 0x3C, 0x00, 0x40, 0x00, 0xC0, 0x00, 0x7C]  // F16 1, 2, -2, inf
    bytes += [0x80, 0x3F, 0x00, 0x40, 0x80, 0xBF, 0xC0, 0x7F]  // BF16 1, 2, -1, NaN
    return bytes
  }

  /// A GGUF version 3 file: two metadata pairs (a string, an array of uint32), an F32 [3, 2]
  /// tensor and a Q8_0 row of 32.
  public static var gguf: [UInt8] {
    var b: [UInt8] = Array("GGUF".utf8)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    func string(_ s: String) {
      u64(UInt64(s.utf8.count))
      b += Array(s.utf8)
    }
    u32(3)
    u64(2)
    u64(2)
    string("general.architecture")
    u32(8)
    string("llama")
    string("tokenizer.ggml.token_type")
    u32(9)
    u32(4)
    u64(3)
    for v: UInt32 in [1, 3, 6] { u32(v) }
    for (name, dims, type, offset) in [
      ("a", [3, 2] as [UInt64], UInt32(0), UInt64(0)), ("b", [32], 8, 32),
    ] {
      string(name)
      u32(UInt32(dims.count))
      for d in dims { u64(d) }
      u32(type)
      u64(offset)
    }
    while b.count % 32 != 0 { b.append(0) }
    for v in 0..<6 { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { b += $0 } }
    b += [UInt8](repeating: 0, count: 8)
    b += [0x00, 0x38] + (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
    return b
  }
}
