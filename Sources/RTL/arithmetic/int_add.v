// A WIDTH-bit add with its carry out: the 8-bit and 32-bit adds of the published energy table
// the switching energy is checked against (Docs/circuits.md).
module int_add #(
    parameter WIDTH = 8
) (
    input  [WIDTH-1:0] a,
    input  [WIDTH-1:0] b,
    output [WIDTH:0]   sum
);
  assign sum = a + b;
endmodule
