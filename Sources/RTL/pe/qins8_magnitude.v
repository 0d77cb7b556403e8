// A QINS8 code's magnitude 256 / s (s = 256 - code) as a binary float: an exponent 0...8 and
// FRAC_BITS fraction bits below the leading one, from a 256-entry ROM whose entries this
// module computes from their definition when it is elaborated. One definition for every
// decoder of the machine:
// - ROUND = 1: the fraction rounded to nearest, ties to even; a rounding up to the next power
//   of two carries into the exponent. FRAC_BITS = 23 is binary32's correctly rounded value
//   (256 / s is never a tie there); FRAC_BITS = f is the `decoded` path's edge decoder.
// - ROUND = 0: the fraction truncated and `sticky` set when bits were dropped, for a converter
//   that rounds once after scaling (FRAC_BITS = 39).
module qins8_magnitude #(
    parameter FRAC_BITS = 7,
    parameter ROUND = 1
) (
    input  [7:0] code,
    output [3:0] exponent,
    output [FRAC_BITS-1:0] fraction,
    output sticky
);
  function [FRAC_BITS+4:0] entry;
    input integer c;
    integer s, e;
    reg [63:0] quotient, remainder, scaled;
    reg [3:0] field;
    begin
      s = 256 - c;
      // e = floor(log2(256 / s)): the largest e with s 2^e <= 256.
      e = 0;
      while ((s << (e + 1)) <= 256) e = e + 1;
      // 256 / s in units of 2^(e - FRAC_BITS): 2^(8 - e + FRAC_BITS) / s.
      scaled = 64'd1 << (8 - e + FRAC_BITS);
      quotient = scaled / s;
      remainder = scaled - quotient * s;
      if (ROUND && (2 * remainder > s || (2 * remainder == s && quotient[0]))) begin
        quotient = quotient + 1;
        remainder = 0;
      end
      if (quotient == (64'd1 << (FRAC_BITS + 1))) begin
        quotient = 64'd1 << FRAC_BITS;
        e = e + 1;
      end
      field = e;
      entry = {field, quotient[FRAC_BITS-1:0], !ROUND && remainder != 0};
    end
  endfunction

  wire [FRAC_BITS+4:0] rom[0:255];
  genvar i;
  generate
    for (i = 0; i < 256; i = i + 1) begin : entries
      assign rom[i] = entry(i);
    end
  endgenerate
  assign {exponent, fraction, sticky} = rom[code];
endmodule
