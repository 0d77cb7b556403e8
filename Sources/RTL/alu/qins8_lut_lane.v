// One lane of the LUT ALU: the signed QINS8 operations whose magnitudes its tables hold
// (ADD, SUB, MUL, RCP), computed by logic (the machine's `rom` table implementation: a
// circuit that computes each entry instead of storing it).
//
// Operands and the result are QINS8 words {zero, negative, code} (s = 256 - code, magnitude
// 256 / s); a zero operand's sign and code are ignored, and a zero result is all zeros but for
// its flag.
// - op 0, ADD: same signs add magnitudes (s = s_a s_b / (s_a + s_b)); opposite signs subtract
//   them (s = s_a s_b / |s_a - s_b|), taking the sign of the larger magnitude (the larger
//   code; a's when they are equal, which gives zero). x + 0 = x and 0 + x = x, with no flags.
// - op 1, SUB: ADD with b's sign flipped.
// - op 2, MUL: s = s_a s_b / 256, the XOR of the signs; zero if either operand is.
// - op 3, RCP: 256 / mu_a, whose s is 256 / s_a; the reciprocal of zero is zero, flagged
//   invalid.
// Flags as qins8_round's, the model's ArithmeticFlags bits.
module qins8_lut_lane #(
    parameter NEAREST = 1
) (
    input  [1:0] op,
    input  [9:0] a,
    input  [9:0] b,
    output [9:0] r,
    output [4:0] flags
);
  localparam SUB = 2'd1, MUL = 2'd2, RCP = 2'd3;  // and ADD, 0: every other case
  wire [8:0] sa = 9'd256 - {1'b0, a[7:0]};
  wire [8:0] sb = 9'd256 - {1'b0, b[7:0]};
  wire b_sign = b[8] ^ (op == SUB);
  wire same = a[8] == b_sign;
  wire [8:0] gap = sa > sb ? sa - sb : sb - sa;
  wire [16:0] product = sa * sb;
  // The exact magnitude p / q of each table's entry.
  reg [17:0] p;
  reg [16:0] q;
  always @* begin
    case (op)
      MUL: begin
        p = 18'd65536;
        q = product;
      end
      RCP: begin
        p = {9'd0, sa};
        q = 17'd1;
      end
      default: begin
        p = {same ? {1'b0, sa} + {1'b0, sb} : {1'b0, gap}, 8'd0};
        q = product;
      end
    endcase
  end
  wire rounded_zero;
  wire [7:0] rounded_code;
  wire [4:0] rounded_flags;
  qins8_round #(
      .NEAREST(NEAREST)
  ) rounding (
      .p(p),
      .q(q),
      .zero(rounded_zero),
      .code(rounded_code),
      .flags(rounded_flags)
  );
  wire sum_sign = same || a[7:0] >= b[7:0] ? a[8] : b_sign;
  reg z, n;
  reg [7:0] c;
  reg [4:0] f;
  always @* begin
    z = rounded_zero;
    n = 1'b0;
    c = rounded_code;
    f = rounded_flags;
    case (op)
      MUL:
      if (a[9] || b[9]) begin
        z = 1'b1;
        f = 5'b01000;
      end else n = a[8] ^ b[8];
      RCP:
      if (a[9]) begin
        z = 1'b1;
        f = 5'b11000;
      end else n = a[8];
      default:
      if (a[9]) begin
        z = b[9];
        n = b_sign;
        c = b[7:0];
        f = b[9] ? 5'b01000 : 5'b00000;
      end else if (b[9]) begin
        z = 1'b0;
        n = a[8];
        c = a[7:0];
        f = 5'b00000;
      end else n = sum_sign;
    endcase
  end
  assign r = z ? 10'b10_0000_0000 : {1'b0, n, c};
  assign flags = f;
endmodule
