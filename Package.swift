// swift-tools-version: 6.1
//
// qins: a cycle-level simulator of a native QINS/FPINS processor.
// The module layout mirrors the machine; Docs/architecture.md maps every block to its module.

import PackageDescription

/// The simulator's hot modules are optimised in debug builds too: the tests run the debug
/// build, and unspecialised generic array kernels there are two orders of magnitude slower.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "qins",
  products: [
    .executable(name: "qinssim", targets: ["qinssim"]),
    .executable(name: "qinsasm", targets: ["qinsasm"]),
    .library(name: "QINSNumbers", targets: ["QINSNumbers"]),
    .library(name: "ExactArithmetic", targets: ["ExactArithmetic"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    // GMP, the exact big-number library, seen through a C shim for its function-like macros.
    .systemLibrary(
      name: "CGMP",
      path: "Sources/CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"])]
    ),
    // Exact integers and rationals that own their GMP memory.
    .target(name: "ExactArithmetic", dependencies: ["CGMP"]),
    // The number formats: QINS8, rounding, lookup tables, codecs, FPINS(L).
    .target(
      name: "QINSNumbers",
      dependencies: [
        "ExactArithmetic", "QINSSupport", "CKernels",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: optimisedInDebug),
    // The exact rational semantics of every QINS8 operation, written independently of
    // QINSNumbers' integer arithmetic so that each can check the other.
    .target(name: "QINSReference", dependencies: ["ExactArithmetic", "QINSNumbers"]),
    // The FPINS instruction set, defined once (in the top-level ISA/ folder).
    .target(name: "FPINSISA", path: "ISA", exclude: ["README.md"]),
    // The .qbin container: program image, writer, validating reader, memory layout.
    .target(name: "QBinary", dependencies: ["FPINSISA"]),
    // The assembler and disassembler: text programs to and from .qbin images.
    .target(name: "QINSAssembler", dependencies: ["FPINSISA", "QBinary", "QINSSupport"]),
    // TOML 1.0 documents (machine files, sweep specs), read without any way to stop the process.
    .target(name: "TOML"),
    // The machine description: every block's parameters, JSON files, presets.
    .target(
      name: "MachineDescription",
      dependencies: [
        "FPINSISA", "QINSNumbers", "QINSSupport", "TOML",
      ]),
    // Energy, power and area: the action-energy table and what a machine's actions cost.
    .target(name: "EnergyModel", dependencies: ["MachineDescription", "QINSSupport"]),
    // The systolic array: folding, timing models, SCALE-Sim conventions.
    .target(
      name: "SystolicArray", dependencies: ["FPINSISA", "QINSNumbers", "QINSSupport"],
      swiftSettings: optimisedInDebug),
    // The independent FP32 reference of transformer layers (plain loops).
    .target(
      name: "FP32Reference",
      dependencies: [
        "TensorIO", "QINSSupport", .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: optimisedInDebug),
    // Tokenizers: BERT's WordPiece (MiniLM) and byte-level BPE from GGUF metadata (Llama).
    .target(
      name: "Tokenization", dependencies: ["TensorIO", "QINSSupport"],
      swiftSettings: optimisedInDebug),
    // The programs of Programs/, compiled into the tools at build time (EmbedFilesPlugin), or
    // a directory a user names with --programs.
    .target(
      name: "ProgramLibrary", dependencies: ["QINSAssembler"], plugins: ["EmbedFilesPlugin"]),
    // Files embedded in modules at build time: the programs, the chart library and the commit
    // the tools were built from, so that each installed tool is one file.
    .executableTarget(name: "EmbedFiles"),
    .plugin(
      name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["EmbedFiles"],
      path: "Sources/EmbedFilesPlugin"),
    // Experiments that run whole models on machines against the FP32 reference: programs
    // assembled for a model and tiled for the machines, state kept between runs, figures.
    .target(
      name: "Workloads",
      dependencies: [
        "FP32Reference", "QINSMachine", "QINSAssembler", "QBinary", "MachineDescription",
        "EnergyModel", "TensorIO", "Tokenization", "QINSSupport", "ProgramLibrary", "FPINSISA",
        "Traces", "SystolicArray", "QINSNumbers",
        .product(name: "RealModule", package: "swift-numerics"),
      ], swiftSettings: optimisedInDebug),
    // Design-space sweeps: spec files (TOML), points run in parallel and written one file
    // each, shards, results tables with Pareto frontiers and sensitivities.
    .target(
      name: "Sweeps",
      dependencies: [
        "Workloads", "MachineDescription", "EnergyModel", "SystolicArray", "FP32Reference",
        "QINSSupport", "ProgramLibrary", "QINSMachine", "TOML",
      ]),
    // HTML reports: plots of the commands' JSON and traces, drawn by a vendored Chart.js.
    .target(
      name: "Reports", dependencies: ["Sweeps", "QINSSupport"], exclude: ["Vendor"],
      plugins: ["EmbedFilesPlugin"]),
    // Cycle traces: Chrome Trace Event JSON and VCD, streamed to disk.
    .target(name: "Traces", dependencies: ["QINSSupport"]),
    // Tensor files: .npy (and safetensors, later).
    .target(name: "TensorIO", dependencies: ["QINSSupport"], swiftSettings: optimisedInDebug),
    // The simulator: loading, machine state, execution, timing, statistics.
    .target(
      name: "QINSMachine",
      dependencies: [
        "FPINSISA", "QBinary", "QINSNumbers", "MachineDescription", "EnergyModel", "TensorIO",
        "QINSSupport", "Traces", "SystolicArray",
      ],
      swiftSettings: optimisedInDebug
    ),
    // Small shared pieces: SHA-256 for manifests, seeded random numbers for synthetic data,
    // host threads, the FP32 matrix kernels.
    .target(
      name: "QINSSupport",
      dependencies: ["CKernels", "CHost", .product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: optimisedInDebug),
    // The host's C library seen from Swift where its headers are not (glibc's mallopt).
    .target(name: "CHost"),
    // Vector kernels in C, one source compiled for SSE2, AVX2 and AVX-512 and chosen at run
    // time; no contraction of multiply and add into FMA.
    .target(
      name: "CKernels", exclude: ["KernelBody.h"],
      cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-fast-math"])]),
    // The simulator's command line.
    .executableTarget(
      name: "qinssim",
      dependencies: [
        "QINSNumbers",
        "QINSSupport",
        "MachineDescription",
        "EnergyModel",
        "FPINSISA",
        "QBinary",
        "QINSAssembler",
        "QINSMachine",
        "TensorIO",
        "Workloads",
        "Traces",
        "SystolicArray",
        "FP32Reference",
        "Tokenization",
        "ProgramLibrary",
        "Sweeps",
        "Reports",
        "Circuits",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["EmbedFilesPlugin"]
    ),
    .executableTarget(
      name: "qinsasm",
      dependencies: [
        "QINSAssembler", "QBinary", "FPINSISA", "QINSSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["EmbedFilesPlugin"]
    ),
    // Fuzzing: hostile values, mutations, seed inputs, the cases of every surface, a runner
    // of the built commands under a memory cap and a time limit, campaigns.
    .target(
      name: "Fuzzing",
      dependencies: [
        "QINSSupport", "QINSAssembler", "QBinary", "TensorIO", "MachineDescription", "Sweeps",
        "Tokenization", "FP32Reference", "Workloads",
      ]),
    .executableTarget(
      name: "qinsfuzz",
      dependencies: [
        "Fuzzing", "QINSSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The machine's circuits: the Verilog of Sources/RTL driven by Icarus Verilog against the
    // Swift models, and synthesized by Yosys.
    .target(
      name: "Circuits",
      dependencies: [
        "QINSNumbers", "SystolicArray", "MachineDescription", "EnergyModel", "QINSSupport",
      ],
      swiftSettings: optimisedInDebug),
    // Helpers shared by the tests that run the built commands.
    .target(name: "QINSTestSupport", path: "Tests/Support"),
    .testTarget(name: "ExactArithmeticTests", dependencies: ["ExactArithmetic", "CGMP"]),
    .testTarget(
      name: "QINSNumbersTests",
      dependencies: ["QINSNumbers", "QINSReference", "ExactArithmetic", "QINSSupport"]
    ),
    .testTarget(name: "QINSSupportTests", dependencies: ["QINSSupport"]),
    .testTarget(
      name: "TOMLTests",
      dependencies: ["TOML", "Fuzzing", "MachineDescription", "QINSTestSupport"]),
    .testTarget(
      name: "FuzzingTests",
      dependencies: ["Fuzzing", "QINSTestSupport", "TensorIO", "Workloads", "QINSSupport"]),
    .testTarget(name: "TensorIOTests", dependencies: ["TensorIO", "QINSTestSupport"]),
    .testTarget(
      name: "TokenizationTests", dependencies: ["Tokenization", "TensorIO", "QINSTestSupport"]),
    .testTarget(
      name: "FP32ReferenceTests",
      dependencies: ["FP32Reference", "TensorIO", "QINSSupport", "QINSTestSupport", "Tokenization"]
    ),
    .testTarget(
      name: "SystolicArrayTests",
      dependencies: [
        "SystolicArray", "FPINSISA", "QINSTestSupport", "ExactArithmetic", "QINSNumbers",
        "QINSSupport",
      ]
    ),
    .testTarget(
      name: "QINSMachineTests",
      dependencies: [
        "QINSMachine", "QINSAssembler", "QBinary", "MachineDescription", "QINSNumbers", "TensorIO",
        "EnergyModel", "FPINSISA", "QINSSupport", "FP32Reference",
      ]
    ),
    .testTarget(
      name: "MachineDescriptionTests",
      dependencies: ["MachineDescription", "FPINSISA", "EnergyModel"]),
    .testTarget(
      name: "WorkloadsTests",
      dependencies: [
        "Workloads", "FP32Reference", "MachineDescription", "QINSMachine", "QINSTestSupport",
        "Tokenization", "TensorIO", "QINSSupport", "ProgramLibrary", "QINSAssembler",
        "EnergyModel", "SystolicArray", "FPINSISA",
      ],
      exclude: ["PlainSchedules"]),
    .testTarget(
      name: "CircuitsTests",
      dependencies: [
        "Circuits", "SystolicArray", "QINSNumbers", "QINSSupport", "FPINSISA", "EnergyModel",
        "MachineDescription", "ProgramLibrary", "Workloads", "QINSTestSupport",
      ],
      swiftSettings: optimisedInDebug),
    .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "MachineDescription"]),
    .testTarget(name: "qinssimTests", dependencies: ["qinssim", "qinsasm", "QINSTestSupport"]),
    .testTarget(
      name: "QINSAssemblerTests",
      dependencies: [
        "QINSAssembler", "QBinary", "FPINSISA", "qinsasm", "QINSSupport", "QINSTestSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
