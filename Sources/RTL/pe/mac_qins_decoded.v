// The multiply-accumulate of the QINS PE on the `decoded` product path (qins-default): both
// operands arrive decoded by the edge decoders, as the word {zero, negative, exponent 0...8,
// FRAC_BITS fraction bits}; their significands are multiplied exactly (2 FRAC_BITS + 2 bits,
// at most binary32's 24 for FRAC_BITS <= 11) and the product, with the XOR of the signs, is
// added in FP32. A zero operand gives +0.
module mac_qins_decoded #(
    parameter FRAC_BITS = 7
) (
    input  [FRAC_BITS+5:0] a,
    input  [FRAC_BITS+5:0] b,
    input  [31:0] acc_in,
    output [31:0] acc_out
);
  localparam PW = 2 * FRAC_BITS + 2;
  localparam RW = PW < 26 ? 26 : PW;
  wire [PW-1:0] p = {1'b1, a[FRAC_BITS-1:0]} * {1'b1, b[FRAC_BITS-1:0]};
  // p in [2^(PW-2), 2^PW): normalise its leading one to bit PW-1.
  wire top = p[PW-1];
  wire [PW-1:0] normal = top ? p : p << 1;
  // The value is normal / 2^(PW-1) x 2^(exponent_a + exponent_b + top).
  wire [3:0] ea = a[FRAC_BITS+3:FRAC_BITS];
  wire [3:0] eb = b[FRAC_BITS+3:FRAC_BITS];
  wire signed [13:0] exp = 14'sd127 + {10'd0, ea} + {10'd0, eb} + {13'd0, top};
  wire [31:0] magnitude;
  fp32_round #(
      .W(RW)
  ) round (
      .sign(a[FRAC_BITS+4] ^ b[FRAC_BITS+4]),
      .exp(exp),
      .sig({normal, {(RW - PW) {1'b0}}}),
      .sticky(1'b0),
      .result(magnitude)
  );
  wire [31:0] product = a[FRAC_BITS+5] || b[FRAC_BITS+5] ? 32'd0 : magnitude;
  fp32_add adder (
      .a(acc_in),
      .b(product),
      .sum(acc_out)
  );
endmodule
