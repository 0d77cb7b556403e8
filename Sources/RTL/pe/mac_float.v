// The multiply-accumulate of a float PE: acc_out = acc_in + a * b, the product rounded to
// binary32 and then the sum (two roundings, no fused multiply-add), as the PE-level model's
// FP32 arithmetic does.
//
// One definition for every float operand format, by parameters (see float_multiply):
//   FP32          EXP_BITS 8, FRAC_BITS 23, BIAS 127, IEEE_SPECIALS 1
//   BF16          EXP_BITS 8, FRAC_BITS 7,  BIAS 127, IEEE_SPECIALS 1
//   FP8 E4M3      EXP_BITS 4, FRAC_BITS 3,  BIAS 7,   IEEE_SPECIALS 0
//   FP8 E5M2      EXP_BITS 5, FRAC_BITS 2,  BIAS 15,  IEEE_SPECIALS 1
// The 8- and 16-bit formats' products are exact in binary32 except where BF16's range
// exceeds it; the multiplier is as wide as the significands, not binary32's.
module mac_float #(
    parameter EXP_BITS = 8,
    parameter FRAC_BITS = 23,
    parameter BIAS = 127,
    parameter IEEE_SPECIALS = 1
) (
    input  [EXP_BITS+FRAC_BITS:0] a,
    input  [EXP_BITS+FRAC_BITS:0] b,
    input  [31:0] acc_in,
    output [31:0] acc_out
);
  wire [31:0] product;
  float_multiply #(
      .EXP_BITS(EXP_BITS),
      .FRAC_BITS(FRAC_BITS),
      .BIAS(BIAS),
      .IEEE_SPECIALS(IEEE_SPECIALS)
  ) multiplier (
      .a(a),
      .b(b),
      .product(product)
  );
  fp32_add adder (
      .a(acc_in),
      .b(product),
      .sum(acc_out)
  );
endmodule
