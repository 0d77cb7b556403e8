// The seed's QINS8 MUL table as logic: the magnitude of a product of two codes, rounded to a
// QINS8 code. With s = 256 - code, mu = 256 / s and mu_a mu_b = 256 / (s_a s_b / 256), so
// the result's s is s_a s_b / 256 rounded:
//   - exact when 256 divides s_a s_b;
//   - NEAREST = 0 (the seed's rounding): the larger s, the smaller magnitude;
//   - NEAREST = 1: the nearer magnitude, ties to the even s (compare mu_a mu_b with the
//     midpoint 128 (2 s_low + 1) / (s_low s_high) in integers);
//   - s_a s_b < 256 (a product above 256) saturates to code 255 and sets `overflow`.
// A product is never below 1, so never zero: the table holds 9-bit entries, the code and the
// overflow flag.
module qins8_mul_table #(
    parameter NEAREST = 1
) (
    input  [7:0] a,
    input  [7:0] b,
    output [7:0] code,
    output       overflow,
    output       inexact
);
  wire [8:0] sa = 9'd256 - {1'b0, a};
  wire [8:0] sb = 9'd256 - {1'b0, b};
  wire [16:0] q = sa * sb;
  wire [8:0] s_low = q[16:8];
  wire [8:0] s_high = s_low + 9'd1;
  wire exact = q[7:0] == 8'd0;
  // 512 s_low s_high against (2 s_low + 1) q: mu_a mu_b above the midpoint takes s_low.
  wire [27:0] lhs = {s_low, 9'd0} * s_high;
  wire [27:0] rhs = ({s_low, 1'b0} + 10'd1) * q;
  wire take_low = lhs > rhs || (lhs == rhs && !s_low[0]);
  wire [8:0] s = exact ? s_low : (NEAREST && take_low ? s_low : s_high);
  assign overflow = q < 17'd256;
  // 256 - s, s in 1...256: the low byte of the difference (bit 8 is never set).
  /* verilator lint_off UNUSEDSIGNAL */
  wire [8:0] result = 9'd256 - s;
  /* verilator lint_on UNUSEDSIGNAL */
  assign code = overflow ? 8'd255 : result[7:0];
  assign inexact = overflow || !exact;
endmodule
