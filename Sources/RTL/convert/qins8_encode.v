// Binary32 to QINS8: |x| 2^-exponent rounded onto the QINS8 grid, as the Swift codec's encode
// does (NEAREST = 0: the seed's rounding, toward the smaller magnitude). The result is the
// QINS8 word {zero, negative, code}.
//
// With x = m 2^(E - 150) (m the 24-bit significand, E the exponent field, 1 for subnormals),
// y = |x| 2^-exponent = m 2^k. Beyond k = 8, y > 256; below k = -24, y < 1/2. In between,
// Y = m 2^(k + 24) = y 2^24 is an exact integer, and qins8_round rounds Y / 2^24 (values above
// 2^33 are held at 2^33, still above 256). NaN encodes as zero with {invalid, overflow,
// inexact}; infinities saturate. Flags are the model's ArithmeticFlags bits.
module qins8_encode #(
    parameter NEAREST = 1
) (
    input  [31:0] x,
    input  [9:0]  exponent,  // two's complement
    output [9:0]  r,
    output [4:0]  flags
);
  wire [7:0] field = x[30:23];
  wire is_nan = field == 8'hff && x[22:0] != 0;
  wire is_inf = field == 8'hff && x[22:0] == 0;
  wire [23:0] m = {field != 0, x[22:0]};
  wire signed [13:0] e_field = field == 0 ? 14'sd1 : {6'd0, field};
  wire signed [13:0] k = e_field - 14'sd150 - {{4{exponent[9]}}, exponent};
  wire too_big = k > 14'sd8;
  wire too_small = k < -14'sd24;
  wire [5:0] up = too_big || too_small ? 6'd0 : k[5:0] + 6'd24;
  wire [56:0] y = {33'd0, m} << up;
  wire [33:0] p = too_big || y[56:33] != 0 ? 34'h2_0000_0000 : too_small ? 34'd0 : {1'b0, y[32:0]};

  wire rounded_zero;
  wire [7:0] rounded_code;
  wire [4:0] rounded_flags;
  qins8_round #(
      .NEAREST(NEAREST),
      .PW(34),
      .QW(25)
  ) rounding (
      .p(p),
      .q(25'h100_0000),
      .zero(rounded_zero),
      .code(rounded_code),
      .flags(rounded_flags)
  );
  // A value too small for the window is below 1/2: zero, underflowed unless it was 0.
  wire underflowed = too_small && x[30:0] != 0;
  wire out_zero = is_nan || (!is_inf && (rounded_zero || underflowed));
  assign r = out_zero ? 10'b10_0000_0000 : {1'b0, x[31], is_inf ? 8'd255 : rounded_code};
  assign flags = is_nan ? 5'b10101 : is_inf ? 5'b00101 : underflowed ? 5'b01110 : rounded_flags;
endmodule
