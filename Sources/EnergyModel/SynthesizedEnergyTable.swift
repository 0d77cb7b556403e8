/// The built-in action-energy table. `qinssim energy show` prints it; copy it, edit it, and
/// name the copy in a machine description's `energy_table`. Docs/energy-model.md explains
/// every line.
public enum SynthesizedEnergyTable {
  public static let text = """
    # qins action-energy table, version 1
    # component      action       value    unit         source
    #
    # Published figures: M. Horowitz, "Computing's energy problem (and what we can do about
    # it)", ISSCC 2014, 45 nm, 0.9 V.
    int8             add          0.03     pJ           Horowitz ISSCC 2014, 45 nm
    int8             mul          0.2      pJ           Horowitz ISSCC 2014, 45 nm
    int32            add          0.1      pJ           Horowitz ISSCC 2014, 45 nm
    fp32             add          0.9      pJ           Horowitz ISSCC 2014, 45 nm
    fp32             mul          3.7      pJ           Horowitz ISSCC 2014, 45 nm
    sram_8kib        read64       10       pJ           Horowitz ISSCC 2014, 45 nm: 64-bit access, 8 KB SRAM
    sram_32kib       read64       20       pJ           Horowitz ISSCC 2014, 45 nm: 64-bit access, 32 KB SRAM
    sram_1mib        read64       100      pJ           Horowitz ISSCC 2014, 45 nm: 64-bit access, 1 MB SRAM
    dram             read64       2000     pJ           Horowitz ISSCC 2014: 1.3-2.6 nJ per 64-bit DRAM access; a value inside that range
    #
    # Assumptions, not published figures: edit them.
    fp32             convert      0.9      pJ           assumption: an FP32 <-> QINS8/FPINS conversion costs about one FP32 add
    fp32             special      7.4      pJ           assumption: an SFU transcendental (exp, erf, rsqrt) costs about two FP32 multiplies
    qins8_logic      lookup       0.6      pJ           assumption: a QINS8 table function in synthesised logic (an 8x8 multiply, a 9-bit add, a small divider) costs about three int8 multiplies
    sram             leakage      2        uW_per_KiB   assumption: 45 nm SRAM leakage, order of magnitude only
    logic            leakage      0.5      mW_per_unit  assumption: leakage of one unit's logic (control core, an ALU, the SFU, the DMA engine)
    pe               leakage      2        uW_per_pe    assumption: leakage of one processing element's logic
    sram             area         1.0      mm2_per_MiB  assumption: 45 nm 6T SRAM with periphery, order of magnitude only
    pe               area         0.004    mm2_per_pe   assumption: one 8-bit PE with its registers at 45 nm
    pe_fp32          area         0.03     mm2_per_pe   assumption: one FP32 multiply-add PE at 45 nm
    pe_fp32_adder    area         0.008    mm2_per_pe   assumption: the FP32 adder and accumulator register of a PE at 45 nm (about a quarter of the FP32 PE; the multiplier is most of the rest)
    logic            area         0.5      mm2_per_unit assumption: the control core, an ALU, the SFU or the DMA engine
    """
}
