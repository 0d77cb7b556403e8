// The multiply-accumulate of the QINS PE on the `exact` product path: mu_a mu_b =
// 65536 / (s_a s_b) correctly rounded to binary32, with the XOR of the signs, added in FP32.
// In logic: the 17-bit product s_a s_b, normalised, divides 2^41 (a 26-bit quotient and a
// remainder for the sticky bit); one rounding. Operands are QINS8 words {zero, negative,
// code}; a zero operand gives +0.
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
  wire [41:0] dividend = 42'd1 << 41;
  wire [41:0] quotient = dividend / {25'd0, qn};
  wire [41:0] remainder = dividend - quotient * {25'd0, qn};
  // quotient in (2^24, 2^25]; the value is quotient x 2^(shift - 25).
  wire [25:0] sig = quotient[25:0];
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
      .sticky(remainder != 0),
      .result(magnitude)
  );
  wire [31:0] product = a[9] || b[9] ? 32'd0 : magnitude;
  fp32_add adder (
      .a(acc_in),
      .b(product),
      .sum(acc_out)
  );
endmodule
