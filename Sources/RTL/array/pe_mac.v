// The multiply-accumulate of one PE kind, chosen by KIND, behind one interface: acc_out =
// acc_in + a x b on operand words of operand_bits(KIND) bits and a 32-bit accumulator. The
// arrays instantiate it in every PE.
//   KIND 0  FP32 (mac_float)                     operands 32 bits
//   KIND 1  INT8, INT32 accumulator (mac_int8)   operands 8 bits
//   KIND 2  BF16 (mac_float)                     operands 16 bits
//   KIND 3  FP8 E4M3 (mac_float)                 operands 8 bits
//   KIND 4  FP8 E5M2 (mac_float)                 operands 8 bits
//   KIND 5  QINS decoded (mac_qins_decoded)      operands FRAC_BITS + 6 bits, from the edge
//                                                decoders (array_edge_decoder)
//   KIND 6  QINS exact (mac_qins_exact)          operands QINS8 words, 10 bits
module pe_mac #(
    parameter KIND = 0,
    parameter FRAC_BITS = 7,
    parameter OW = 32  // operand bits: set by the arrays from KIND
) (
    input  [OW-1:0] a,
    input  [OW-1:0] b,
    input  [31:0]   acc_in,
    output [31:0]   acc_out
);
  generate
    if (KIND == 1) begin : int8
      mac_int8 mac (
          .a(a),
          .b(b),
          .acc_in(acc_in),
          .acc_out(acc_out)
      );
    end else if (KIND == 5) begin : decoded
      mac_qins_decoded #(
          .FRAC_BITS(FRAC_BITS)
      ) mac (
          .a(a),
          .b(b),
          .acc_in(acc_in),
          .acc_out(acc_out)
      );
    end else if (KIND == 6) begin : exact
      mac_qins_exact mac (
          .a(a),
          .b(b),
          .acc_in(acc_in),
          .acc_out(acc_out)
      );
    end else begin : float
      localparam EB = KIND == 3 ? 4 : KIND == 4 ? 5 : 8;
      mac_float #(
          .EXP_BITS(EB),
          .FRAC_BITS(OW - 1 - EB),
          .BIAS(KIND == 3 ? 7 : KIND == 4 ? 15 : 127),
          .IEEE_SPECIALS(KIND == 3 ? 0 : 1)
      ) mac (
          .a(a),
          .b(b),
          .acc_in(acc_in),
          .acc_out(acc_out)
      );
    end
  endgenerate
endmodule
