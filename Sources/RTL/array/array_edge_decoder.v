// The operand path at an edge of the array: for the QINS `decoded` PE (KIND 5) a QINS8 word
// {zero, negative, code} becomes the decoded word {zero, negative, exponent, fraction}
// through a qins8_magnitude ROM; for every other kind the word passes unchanged (IW = OW).
module array_edge_decoder #(
    parameter KIND = 0,
    parameter FRAC_BITS = 7,
    parameter IW = 32,
    parameter OW = 32
) (
    input  [IW-1:0] word,
    output [OW-1:0] operand
);
  generate
    if (KIND == 5) begin : decoder
      qins8_magnitude #(
          .FRAC_BITS(FRAC_BITS)
      ) magnitude (
          .code(word[7:0]),
          .exponent(operand[FRAC_BITS+3:FRAC_BITS]),
          .fraction(operand[FRAC_BITS-1:0]),
          .sticky()
      );
      assign operand[FRAC_BITS+5:FRAC_BITS+4] = word[9:8];
    end else begin : wire_through
      assign operand = word;
    end
  endgenerate
endmodule
