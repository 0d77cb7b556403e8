// The multiply-accumulate of the INT8 PE: acc_out = acc_in + a * b, signed 8-bit operands and
// a 32-bit two's-complement accumulator that wraps (|127 x 127 x K| stays below 2^31 for K up
// to 133,000, so a GEMM's sums never do).
module mac_int8 (
    input  [7:0]  a,
    input  [7:0]  b,
    input  [31:0] acc_in,
    output [31:0] acc_out
);
  wire signed [15:0] product = $signed(a) * $signed(b);
  assign acc_out = acc_in + {{16{product[15]}}, product};
endmodule
