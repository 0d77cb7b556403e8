// The `decoded` product path from codes to the accumulator: the row's and the column's edge
// decoders (qins8_magnitude rounded to FRAC_BITS) feeding one PE's multiply-accumulate. What
// the equivalence test compares with the model's product table; the array has one decoder per
// row and per column, not per PE. Operands are QINS8 words {zero, negative, code}.
module qins_decoded_path #(
    parameter FRAC_BITS = 7
) (
    input  [9:0]  a,
    input  [9:0]  b,
    input  [31:0] acc_in,
    output [31:0] acc_out
);
  wire [FRAC_BITS+5:0] decoded[0:1];
  genvar i;
  generate
    for (i = 0; i < 2; i = i + 1) begin : decoders
      wire [9:0] operand = i == 0 ? a : b;
      qins8_magnitude #(
          .FRAC_BITS(FRAC_BITS)
      ) decoder (
          .code(operand[7:0]),
          .exponent(decoded[i][FRAC_BITS+3:FRAC_BITS]),
          .fraction(decoded[i][FRAC_BITS-1:0]),
          .sticky()
      );
      assign decoded[i][FRAC_BITS+5:FRAC_BITS+4] = operand[9:8];
    end
  endgenerate
  mac_qins_decoded #(
      .FRAC_BITS(FRAC_BITS)
  ) mac (
      .a(decoded[0]),
      .b(decoded[1]),
      .acc_in(acc_in),
      .acc_out(acc_out)
  );
endmodule
