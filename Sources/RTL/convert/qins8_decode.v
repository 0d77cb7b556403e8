// QINS8 to binary32: sign x 256 / s x 2^exponent, rounded once (to nearest, ties to even) as
// the Swift codec's decode does, subnormal and infinite results included. The operand is the
// QINS8 word {zero, negative, code}; a zero gives +0. The magnitude comes from
// qins8_magnitude with 39 fraction bits, truncated with a sticky bit, so the one rounding is
// fp32_round's after scaling.
module qins8_decode (
    input  [9:0]  x,
    input  [9:0]  exponent,  // two's complement, the tensor's scale exponent
    output [31:0] value
);
  wire [3:0] e;
  wire [38:0] fraction;
  wire sticky;
  qins8_magnitude #(
      .FRAC_BITS(39),
      .ROUND(0)
  ) magnitude (
      .code(x[7:0]),
      .exponent(e),
      .fraction(fraction),
      .sticky(sticky)
  );
  wire signed [13:0] exp = 14'sd127 + {10'd0, e} + {{4{exponent[9]}}, exponent};
  wire [31:0] rounded;
  fp32_round #(
      .W(40)
  ) round (
      .sign(x[8]),
      .exp(exp),
      .sig({1'b1, fraction}),
      .sticky(sticky),
      .result(rounded)
  );
  assign value = x[9] ? 32'd0 : rounded;
endmodule
