// The number of leading zero bits of `value` (W when it is zero): the normalising shift of a
// floating-point significand.
module leading_zeros #(
    parameter W = 48,
    parameter N = 6  // bits of the count: 2^N > W
) (
    input  [W-1:0] value,
    output reg [N-1:0] count
);
  integer i;
  reg found;
  always @* begin
    count = W;
    found = 1'b0;
    for (i = W - 1; i >= 0; i = i - 1)
      if (!found && value[i]) begin
        count = W - 1 - i;
        found = 1'b1;
      end
  end
endmodule
