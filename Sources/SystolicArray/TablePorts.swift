/// How much shared table ports slow the array's stream.
///
/// With a table copy shared by a row of C PEs through `ports` read ports, the row needs C
/// look-ups a cycle for its multiplies, and C more for its adds when the accumulator is QINS
/// too; more look-ups than ports stretch each stream step to `ceil(lookups / ports)` cycles.
/// Private tables and tables in logic never stall; FP32 PEs use no tables.
public enum TablePorts {
  public static func slowdown(
    cols: Int, ports: Int, shared: Bool, qinsOperands: Bool, qinsAccumulator: Bool
  ) -> Int {
    guard shared, qinsOperands, ports > 0 else { return 1 }
    let lookups = cols * (qinsAccumulator ? 2 : 1)
    return (lookups + ports - 1) / ports
  }
}
