// The multiply-accumulate of the QINS PE on the `exact` product path: mu_a mu_b =
// 65536 / (s_a s_b) correctly rounded to binary32, with the XOR of the signs, added in FP32.
// In logic: the 17-bit product s_a s_b, normalised, divides 2^41 in 26 compare-and-subtract
// stages (a 26-bit quotient and a remainder for the sticky bit); one rounding. Operands are
// QINS8 words {zero, negative, code}; a zero operand gives +0.
module mac_qins_exact (
    input  [9:0]  a,
    input  [9:0]  b,
    input  [31:0] acc_in,
    output [31:0] acc_out
);
  wire [8:0] sa = 9'd256 - {1'b0, a[7:0]};
  wire [8:0] sb = 9'd256 - {1'b0, b[7:0]};
  wire [16:0] q = sa * sb;
  wire [6:0] shift;
  leading_zeros #(
      .W(17),
      .N(7)
  ) normaliser (
      .value(q),
      .count(shift)
  );
  // qn = q 2^shift in [2^16, 2^17); 65536 / q = 2^(16 + shift) / qn.
  wire [16:0] qn = q << shift;
  // 2^41 / qn by long division, one quotient bit a stage: the dividend's bits above 2^25 leave
  // the partial remainder 2^16, and its bits below are zeros; the remainder stays below qn.
  reg [25:0] sig;
  reg [17:0] r;
  integer i;
  always @* begin
    r = 18'h1_0000;
    for (i = 25; i >= 0; i = i - 1) begin
      if (i < 25) r = r << 1;
      sig[i] = r >= {1'b0, qn};
      if (sig[i]) r = r - {1'b0, qn};
    end
  end
  // sig = floor(2^41 / qn) in (2^24, 2^25]; the value is sig x 2^(shift - 25).
  wire top = sig[25];
  wire signed [13:0] exp = 14'sd127 + {7'd0, shift} - 14'sd1 + {13'd0, top};
  wire [25:0] normal = top ? sig : sig << 1;
  wire [31:0] magnitude;
  fp32_round #(
      .W(26)
  ) round (
      .sign(a[8] ^ b[8]),
      .exp(exp),
      .sig(normal),
      .sticky(r != 0),
      .result(magnitude)
  );
  wire [31:0] product = a[9] || b[9] ? 32'd0 : magnitude;
  fp32_add adder (
      .a(acc_in),
      .b(product),
      .sum(acc_out)
  );
endmodule
