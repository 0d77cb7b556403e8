// Multiplies two binary floating-point operands of one format and rounds the product to IEEE
// binary32 (round to nearest, ties to even): the multiplier of every float PE.
//
// The operand format: EXP_BITS exponent bits with BIAS, FRAC_BITS fraction bits, subnormals.
// IEEE_SPECIALS = 1: the all-ones exponent is infinity (fraction 0) or NaN (IEEE 754, BF16,
// FP8 E5M2). IEEE_SPECIALS = 0: no infinities, and only the all-ones exponent with the
// all-ones fraction is NaN (OCP FP8 E4M3).
//
// The significand product has 2 (FRAC_BITS + 1) bits and is exact; the one rounding is
// fp32_round's. NaN results are the canonical quiet NaN 7FC00000: binary32 does not fix a NaN's
// payload, so the equivalence tests compare NaN results as NaN. Zero times a finite value is a
// zero with the XOR of the signs; infinity times zero is NaN.
module float_multiply #(
    parameter EXP_BITS = 8,
    parameter FRAC_BITS = 23,
    parameter BIAS = 127,
    parameter IEEE_SPECIALS = 1
) (
    input  [EXP_BITS+FRAC_BITS:0] a,
    input  [EXP_BITS+FRAC_BITS:0] b,
    output [31:0] product
);
  localparam SW = FRAC_BITS + 1;  // significand width
  localparam PW = 2 * SW;  // product width
  localparam RW = PW < 26 ? 26 : PW;  // width handed to the rounder
  localparam [EXP_BITS-1:0] TOP = {EXP_BITS{1'b1}};

  wire sa = a[EXP_BITS+FRAC_BITS];
  wire sb = b[EXP_BITS+FRAC_BITS];
  wire [EXP_BITS-1:0] ea = a[EXP_BITS+FRAC_BITS-1:FRAC_BITS];
  wire [EXP_BITS-1:0] eb = b[EXP_BITS+FRAC_BITS-1:FRAC_BITS];
  wire [FRAC_BITS-1:0] fa = a[FRAC_BITS-1:0];
  wire [FRAC_BITS-1:0] fb = b[FRAC_BITS-1:0];

  wire nan_a = IEEE_SPECIALS ? (ea == TOP && fa != 0) : (ea == TOP && &fa);
  wire nan_b = IEEE_SPECIALS ? (eb == TOP && fb != 0) : (eb == TOP && &fb);
  wire inf_a = IEEE_SPECIALS && ea == TOP && fa == 0;
  wire inf_b = IEEE_SPECIALS && eb == TOP && fb == 0;
  wire zero_a = ea == 0 && fa == 0;
  wire zero_b = eb == 0 && fb == 0;
  wire sign = sa ^ sb;

  // Significands with the hidden bit; subnormals have exponent 1 and no hidden bit.
  wire [SW-1:0] ma = {ea != 0, fa};
  wire [SW-1:0] mb = {eb != 0, fb};
  wire [PW-1:0] p = ma * mb;
  wire [6:0] lz;
  leading_zeros #(
      .W(PW),
      .N(7)
  ) normaliser (
      .value(p),
      .count(lz)
  );
  wire [PW-1:0] normal = p << lz;
  wire [RW-1:0] sig = {normal, {(RW - PW) {1'b0}}};
  // p's leading one at bit PW-1-lz; the value is normal / 2^(PW-1) * 2^(Ea + Eb - 2 BIAS
  // - 2 FRAC_BITS + PW - 1 - lz).
  wire signed [13:0] ea_eff = ea == 0 ? 14'sd1 : {{(14 - EXP_BITS) {1'b0}}, ea};
  wire signed [13:0] eb_eff = eb == 0 ? 14'sd1 : {{(14 - EXP_BITS) {1'b0}}, eb};
  wire signed [13:0] exp = ea_eff + eb_eff - 2 * BIAS - 2 * FRAC_BITS + PW - 1 + 127 - lz;
  wire [31:0] rounded;
  fp32_round #(
      .W(RW)
  ) round (
      .sign(sign),
      .exp(exp),
      .sig(sig),
      .sticky(1'b0),
      .result(rounded)
  );
  assign product =
      nan_a || nan_b || (inf_a && zero_b) || (inf_b && zero_a) ? 32'h7fc00000 :
      inf_a || inf_b ? {sign, 8'hff, 23'd0} :
      zero_a || zero_b ? {sign, 31'd0} : rounded;
endmodule
