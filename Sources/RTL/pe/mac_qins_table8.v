// The multiply-accumulate of the seed's QINS PE (the `table8` product path): the MUL table's
// code for the two magnitudes, its unit value in binary32, scaled by 2^exponent (the sum of
// the operands' power-of-two tensor exponents), with the XOR of the signs; then an FP32 add.
//
// A QINS8 operand is the 10-bit word {zero, negative, code}; a zero operand has sign bit 0.
// A zero operand gives a zero with the XOR of the signs, as the model's product of the signs
// (+0 x -1 = -0) does. `saturated` is the MUL table's overflow: a product above 256 held at
// 256.
module mac_qins_table8 #(
    parameter NEAREST = 1
) (
    input  [9:0]  a,
    input  [9:0]  b,
    input  [9:0]  exponent,  // two's complement
    input  [31:0] acc_in,
    output [31:0] acc_out,
    output        saturated
);
  wire [7:0] code;
  wire overflow;
  qins8_mul_table #(
      .NEAREST(NEAREST)
  ) table8 (
      .a(a[7:0]),
      .b(b[7:0]),
      .code(code),
      .overflow(overflow),
      .inexact()
  );
  // The product code's binary32 value: 1.fraction x 2^e.
  wire [3:0] e;
  wire [22:0] fraction;
  qins8_magnitude #(
      .FRAC_BITS(23)
  ) decoder (
      .code(code),
      .exponent(e),
      .fraction(fraction),
      .sticky()
  );
  wire zero = a[9] || b[9];
  // Scaled by 2^exponent and rounded once (exact unless the result leaves binary32's normal
  // range).
  wire signed [13:0] scaled_exp = 14'sd127 + {10'd0, e} + {{4{exponent[9]}}, exponent};
  wire [31:0] scaled;
  fp32_round #(
      .W(26)
  ) round (
      .sign(a[8] ^ b[8]),
      .exp(scaled_exp),
      .sig({1'b1, fraction, 2'b00}),
      .sticky(1'b0),
      .result(scaled)
  );
  wire [31:0] product = zero ? {a[8] ^ b[8], 31'd0} : scaled;
  fp32_add adder (
      .a(acc_in),
      .b(product),
      .sum(acc_out)
  );
  assign saturated = !zero && overflow;
endmodule
