// Rounds a finite non-zero value to IEEE binary32, round to nearest, ties to even.
//
// The value is (sig / 2^(W-1)) * 2^(exp - 127): `sig` has its leading one in bit W-1 and
// `exp` is the biased exponent that leading one would have (any signed value; below 1 the
// result is subnormal or zero, from 255 on it is infinite). `sticky` says that non-zero
// bits below `sig`'s last were dropped earlier. Subnormal results are shifted right first and
// rounded once; a rounding that carries out of the significand carries into the exponent
// field, which also turns the largest subnormal into the smallest normal and the largest
// finite value into infinity, as IEEE 754 requires.
module fp32_round #(
    parameter W = 48  // significand width, at least 26
) (
    input              sign,
    input signed [13:0] exp,
    input      [W-1:0] sig,
    input              sticky,
    output     [31:0]  result
);
  // Right shift for subnormal results: 1 - exp, capped where every bit is below the guard.
  wire signed [14:0] deficit = 15'sd1 - exp;
  wire [5:0] shift = exp >= 1 ? 6'd0 : (deficit > (W + 1) ? W + 1 : deficit[5:0]);
  wire [W-1:0] shifted = sig >> shift;
  // Bits shifted out.
  wire [W-1:0] lost_mask = ~({W{1'b1}} << shift);
  wire lost = |(sig & lost_mask);
  wire [22:0] kept = shifted[W-2:W-24];  // below the leading one
  wire guard = shifted[W-25];
  wire below = |(shifted & ({W{1'b1}} >> 25)) | lost | sticky;
  wire round_up = guard & (below | kept[0]);
  wire [7:0] field = exp >= 1 ? exp[7:0] : 8'd0;
  wire [30:0] fields = {field, kept[22:0]} + {30'd0, round_up};
  assign result = exp >= 255 ? {sign, 8'hff, 23'd0} : {sign, fields};
endmodule
