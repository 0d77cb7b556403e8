// Rounds an exact magnitude p / q (q > 0) onto QINS8: the circuit behind every table of the
// LUT ALU and behind the FP32 encoder, as MagnitudeRounding is in the Swift model.
//
// - p = 0: zero (flag zero).
// - p / q > 256: code 255, saturated (overflow, inexact).
// - p / q < 1: NEAREST and p / q > 1/2 round up to code 0 (magnitude 1, inexact); otherwise
//   zero (zero, underflow, inexact).
// - Otherwise s* = 256 q / p lies in [1, 256]; s_low = floor(s*) comes from a nine-step
//   restoring division (the quotient is at most 256). Exact when s_low p = 256 q; else the
//   seed's rounding (NEAREST = 0) takes s_low + 1, the smaller magnitude, and NEAREST compares
//   p / q with the midpoint 128 (2 s_low + 1) / (s_low s_high), ties to the even s.
// Flags: {invalid, zero, inexact, underflow, overflow}, the model's ArithmeticFlags bits
// (invalid is the reciprocal's, set by the lane). The result is the QINS8 word
// {zero, 0, code}: the caller supplies the sign.
module qins8_round #(
    parameter NEAREST = 1,
    parameter PW = 18,  // bits of p
    parameter QW = 17  // bits of q
) (
    input  [PW-1:0] p,
    input  [QW-1:0] q,
    output          zero,
    output [7:0]    code,
    output [4:0]    flags
);
  localparam RW = (PW > QW + 8 ? PW : QW + 8) + 9;  // room for p 2^8 and q 2^8
  localparam MW = (PW > QW ? PW : QW) + 20;  // room for the midpoint products
  wire [RW-1:0] wide_p = {{(RW - PW) {1'b0}}, p};
  wire [RW-1:0] scaled_q = {{(RW - QW - 8) {1'b0}}, q, 8'd0};
  wire overflow = wide_p > scaled_q;
  wire below_one = wide_p < {{(RW - QW) {1'b0}}, q};
  wire above_half = {wide_p[RW-2:0], 1'b0} > {{(RW - QW) {1'b0}}, q};

  // s_low = floor(256 q / p) for 1 <= p / q <= 256, bit by bit from 2^8 down.
  reg [8:0] s_low;
  reg [RW-1:0] remainder;
  integer i;
  always @* begin
    remainder = scaled_q;
    s_low = 9'd0;
    for (i = 8; i >= 0; i = i - 1)
      if ((wide_p << i) <= remainder) begin
        remainder = remainder - (wide_p << i);
        s_low[i] = 1'b1;
      end
  end
  wire exact = remainder == 0;
  wire [9:0] s_high = {1'b0, s_low} + 10'd1;
  // p s_low s_high against 128 (2 s_low + 1) q.
  wire [MW-1:0] lhs =
      {{(MW - PW) {1'b0}}, p} * {{(MW - 9) {1'b0}}, s_low} * {{(MW - 10) {1'b0}}, s_high};
  wire [MW-1:0] rhs = ({{(MW - 10) {1'b0}}, s_low, 1'b0} + 1) * {{(MW - QW) {1'b0}}, q} * 128;
  wire take_low = lhs > rhs || (lhs == rhs && !s_low[0]);
  wire [9:0] s = exact || (NEAREST && take_low) ? {1'b0, s_low} : s_high;
  // 256 - s for s in 1...256: the low byte (bits 9:8 are 0).
  /* verilator lint_off UNUSEDSIGNAL */
  wire [9:0] s_code = 10'd256 - s;
  /* verilator lint_on UNUSEDSIGNAL */

  wire p_zero = p == 0;
  wire is_zero = p_zero || (below_one && !(NEAREST && above_half));
  assign zero = is_zero;
  assign code = is_zero || below_one ? 8'd0 : overflow ? 8'd255 : s_code[7:0];
  assign flags =
      p_zero ? 5'b01000 :
      overflow ? 5'b00101 :
      below_one ? (is_zero ? 5'b01110 : 5'b00100) :
      exact ? 5'b00000 : 5'b00100;
endmodule
