extension MachineDescription {
  /// The parts of the machine that are not its number formats, where `other` differs: the
  /// clock, the control core, the ALU, the array's size, dataflow and overlap (not how its PEs
  /// multiply), the SFU, the DMA engine, each memory level and the energy table, by their
  /// description-file names. Empty when the two are the same hardware apart from their
  /// formats: a comparison's ratios to `fp32-reference` compare formats only when this is
  /// empty for the compared machine.
  public func platformDifferences(from other: MachineDescription) -> [String] {
    var out: [String] = []
    if clockMHz != other.clockMHz { out.append("clock_mhz") }
    if control != other.control { out.append("control") }
    if alu != other.alu { out.append("alu") }
    var a = array
    let b = other.array
    // How the PEs multiply belongs to the format, not to the platform.
    (a.product, a.decodedFractionBits, a.tables, a.tablePorts) = (
      b.product, b.decodedFractionBits, b.tables, b.tablePorts
    )
    if a != b { out.append("array") }
    if sfu != other.sfu { out.append("sfu") }
    if dma != other.dma { out.append("dma") }
    for (name, x, y) in [
      ("spad", spad, other.spad), ("lbuf", lbuf, other.lbuf), ("acc", acc, other.acc),
    ]
    where x != y {
      out.append("memories.\(name)")
    }
    if dram != other.dram { out.append("memories.dram") }
    if energyTable != other.energyTable { out.append("energy_table") }
    return out
  }
}
