import ArgumentParser

/// `qinssim circuits`: the Verilog of the machine's circuits, synthesized and priced.
struct CircuitsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "circuits",
    abstract: "The PEs, the LUT ALU lane and the converters as circuits: synthesis and energy.",
    discussion: """
      `synthesize` (the default) reports gates, area and depth; `energy` measures switching \
      energy on random and real operands and writes the synthesized energy table. \
      Docs/circuits.md explains both. Needs yosys (apt-get install yosys) and a checkout of \
      qins: the Verilog is read from Sources/RTL.
      """,
    subcommands: [CircuitsSynthesizeCommand.self, CircuitsEnergyCommand.self],
    defaultSubcommand: CircuitsSynthesizeCommand.self
  )
}
