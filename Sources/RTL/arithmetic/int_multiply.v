// A WIDTH x WIDTH two's-complement multiply with the full 2 x WIDTH-bit product: the 8-bit
// and 32-bit multiplies of the published energy table the switching energy is calibrated on
// and checked against (Docs/circuits.md).
module int_multiply #(
    parameter WIDTH = 8
) (
    input  [WIDTH-1:0]   a,
    input  [WIDTH-1:0]   b,
    output [2*WIDTH-1:0] product
);
  assign product = $signed(a) * $signed(b);
endmodule
