// One operand input at the edge of an array: DELAY skew registers (moving when `shift` is
// high) that hold a word, its valid flag and a stream token back DELAY cycles, so that row or
// column i of a step reaches the array i cycles after row or column 0; then the edge decoder
// (array_edge_decoder). `pending` says a valid word or a token is still in the registers.
module array_edge #(
    parameter KIND = 0,
    parameter FRAC_BITS = 7,
    parameter IW = 32,
    parameter OW = 32,
    parameter DELAY = 0
) (
    input           clk,
    input           shift,
    input  [IW-1:0] word,
    input           ok,
    input           token,
    output [OW-1:0] operand,
    output          operand_ok,
    output          token_out,
    output          pending
);
  wire [IW-1:0] late;
  generate
    if (DELAY == 0) begin : direct
      assign late = word;
      assign operand_ok = ok;
      assign token_out = token;
      assign pending = 1'b0;
      // No registers: the clock and the shift enable are not needed.
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused = clk ^ shift;
      /* verilator lint_on UNUSEDSIGNAL */
    end else begin : skew
      reg [IW-1:0] words[0:DELAY-1];
      reg [DELAY-1:0] oks, tokens;
      integer i;
      always @(posedge clk)
        if (shift) begin
          words[0] <= word;
          for (i = 1; i < DELAY; i = i + 1) words[i] <= words[i-1];
          oks <= (oks << 1) | ok;
          tokens <= (tokens << 1) | token;
        end
      initial begin
        oks = 0;
        tokens = 0;
      end
      assign late = words[DELAY-1];
      assign operand_ok = oks[DELAY-1];
      assign token_out = tokens[DELAY-1];
      assign pending = |oks || |tokens;
    end
  endgenerate
  array_edge_decoder #(
      .KIND(KIND),
      .FRAC_BITS(FRAC_BITS),
      .IW(IW),
      .OW(OW)
  ) decoder (
      .word(late),
      .operand(operand)
  );
endmodule
