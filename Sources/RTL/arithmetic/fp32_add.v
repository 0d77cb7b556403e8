// IEEE binary32 addition, round to nearest, ties to even, with subnormals: the adder of every
// PE that accumulates in FP32.
//
// The operand of smaller magnitude is aligned to the larger one's exponent in a 51-bit
// register (the 24-bit significand and 27 bits below it); bits shifted beyond it are kept as
// one sticky bit in the last place, which rounds correctly because at least two bits separate
// it from the guard bit. An exact zero sum is +0 (-0 only when both operands are -0); x + 0 is
// x. NaN results are the canonical quiet NaN 7FC00000; inf + (-inf) is NaN.
module fp32_add (
    input  [31:0] a,
    input  [31:0] b,
    output [31:0] sum
);
  wire [7:0] ea = a[30:23];
  wire [7:0] eb = b[30:23];
  wire nan_a = ea == 8'hff && a[22:0] != 0;
  wire nan_b = eb == 8'hff && b[22:0] != 0;
  wire inf_a = ea == 8'hff && a[22:0] == 0;
  wire inf_b = eb == 8'hff && b[22:0] == 0;
  wire zero_a = a[30:0] == 0;
  wire zero_b = b[30:0] == 0;

  // x is the operand of larger magnitude (the bit patterns order magnitudes).
  wire swap = b[30:0] > a[30:0];
  wire [31:0] x = swap ? b : a;
  wire [31:0] y = swap ? a : b;
  wire [7:0] ex = x[30:23] == 0 ? 8'd1 : x[30:23];
  wire [7:0] ey = y[30:23] == 0 ? 8'd1 : y[30:23];
  wire [23:0] mx = {x[30:23] != 0, x[22:0]};
  wire [23:0] my = {y[30:23] != 0, y[22:0]};
  wire [7:0] d = ex - ey;
  wire [50:0] wide_x = {mx, 27'd0};
  wire [50:0] wide_y_full = {my, 27'd0};
  wire [50:0] wide_y_shifted = d > 51 ? 51'd0 : wide_y_full >> d;
  wire [50:0] lost_mask = d > 51 ? {51{1'b1}} : ~({51{1'b1}} << d);
  wire lost = |(wide_y_full & lost_mask);
  wire [50:0] wide_y = wide_y_shifted | {50'd0, lost};
  wire subtract = x[31] ^ y[31];
  wire [51:0] r = subtract ? {1'b0, wide_x} - {1'b0, wide_y} : {1'b0, wide_x} + {1'b0, wide_y};
  wire [6:0] lz;
  leading_zeros #(
      .W(52),
      .N(7)
  ) normaliser (
      .value(r),
      .count(lz)
  );
  wire [51:0] normal = r << lz;
  // r's leading one at bit 51-lz; the value is normal / 2^51 * 2^(ex - 127 + 1 - lz).
  wire signed [13:0] exp = {6'd0, ex} + 14'sd1 - {7'd0, lz};
  wire [31:0] rounded;
  fp32_round #(
      .W(52)
  ) round (
      .sign(x[31]),
      .exp(exp),
      .sig(normal),
      .sticky(1'b0),
      .result(rounded)
  );
  assign sum =
      nan_a || nan_b || (inf_a && inf_b && a[31] != b[31]) ? 32'h7fc00000 :
      inf_a ? a : inf_b ? b :
      zero_a && zero_b ? {a[31] & b[31], 31'd0} :
      zero_b ? a : zero_a ? b :
      r == 0 ? 32'd0 : rounded;
endmodule
