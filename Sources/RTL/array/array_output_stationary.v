// A ROWS x COLS output-stationary systolic array of one PE kind (see pe_mac), register for
// register the PE-level model's (PEArrayModel, output-stationary fold):
//
// - Stream (`drain` low): `a_in` carries step k of A's rows (one word per row, with
//   `a_valid`) and `b_in` step k of B's columns (one per column, with `b_valid`); row r's word
//   is delayed r cycles and column c's c cycles (the skew registers), so PE (r, c) sees step
//   t - r - c of both at cycle t. A moves right and B down one PE a cycle; a PE whose two
//   operands are valid adds their product to its accumulator in place. `clear` starts a fold:
//   the accumulators start from zero that cycle.
// - Drain (`drain` high, ROWS cycles): the accumulators shift down one row a cycle; the bottom
//   row's leave through `out` (registered), bottom row first.
// `busy` is the controller's count of the stream: a token for every step (row 0, used by every
// fold, has an operand at each) enters each row through its skew registers and moves right
// through every PE, used or not; `busy` falls at the clock edge where the last step reaches the
// last PE, K + ROWS + COLS - 2 cycles after the first, where the model ends a fold's stream.
// (Operand valid flags alone would let a fold that uses fewer rows or columns end up to
// ROWS + COLS - 2 cycles sooner; the model, like SCALE-Sim, charges the whole array.)
module array_output_stationary #(
    parameter ROWS = 4,
    parameter COLS = 4,
    parameter KIND = 0,
    parameter FRAC_BITS = 7,
    parameter IW = 32,
    parameter OW = 32
) (
    input                   clk,
    input                   drain,
    input                   clear,
    input  [ROWS*IW-1:0]    a_in,
    input  [ROWS-1:0]       a_valid,
    input  [COLS*IW-1:0]    b_in,
    input  [COLS-1:0]       b_valid,
    output [COLS*32-1:0]    out,
    output                  busy
);
  reg [OW-1:0] left[0:ROWS*COLS-1];
  reg left_ok[0:ROWS*COLS-1];
  reg [OW-1:0] down[0:ROWS*COLS-1];
  reg down_ok[0:ROWS*COLS-1];
  reg [31:0] acc[0:ROWS*COLS-1];
  reg step[0:ROWS*COLS-1];
  reg [31:0] out_row[0:COLS-1];

  wire [OW-1:0] a_edge[0:ROWS-1];
  wire a_edge_ok[0:ROWS-1];
  wire step_edge[0:ROWS-1];
  wire [OW-1:0] b_edge[0:COLS-1];
  wire b_edge_ok[0:COLS-1];
  wire [ROWS+COLS-1:0] pending;
  genvar r, c;
  generate
    for (r = 0; r < ROWS; r = r + 1) begin : rows
      array_edge #(
          .KIND(KIND),
          .FRAC_BITS(FRAC_BITS),
          .IW(IW),
          .OW(OW),
          .DELAY(r)
      ) operands (
          .clk(clk),
          .shift(!drain),
          .word(a_in[r*IW+:IW]),
          .ok(a_valid[r]),
          .token(a_valid[0]),
          .operand(a_edge[r]),
          .operand_ok(a_edge_ok[r]),
          .token_out(step_edge[r]),
          .pending(pending[r])
      );
    end
    for (c = 0; c < COLS; c = c + 1) begin : columns
      array_edge #(
          .KIND(KIND),
          .FRAC_BITS(FRAC_BITS),
          .IW(IW),
          .OW(OW),
          .DELAY(c)
      ) operands (
          .clk(clk),
          .shift(!drain),
          .word(b_in[c*IW+:IW]),
          .ok(b_valid[c]),
          .token(1'b0),
          .operand(b_edge[c]),
          .operand_ok(b_edge_ok[c]),
          .token_out(),
          .pending(pending[ROWS+c])
      );
      assign out[c*32+:32] = out_row[c];
      always @(posedge clk) if (drain) out_row[c] <= acc[(ROWS-1)*COLS+c];
    end
    for (r = 0; r < ROWS; r = r + 1) begin : pe_rows
      for (c = 0; c < COLS; c = c + 1) begin : pes
        localparam P = r * COLS + c;
        wire [OW-1:0] x = c == 0 ? a_edge[r] : left[P-1];
        wire x_ok = c == 0 ? a_edge_ok[r] : left_ok[P-1];
        wire [OW-1:0] y = r == 0 ? b_edge[c] : down[P-COLS];
        wire y_ok = r == 0 ? b_edge_ok[c] : down_ok[P-COLS];
        wire step_in = c == 0 ? step_edge[r] : step[P-1];
        wire [31:0] sum;
        pe_mac #(
            .KIND(KIND),
            .FRAC_BITS(FRAC_BITS),
            .OW(OW)
        ) mac (
            .a(x),
            .b(y),
            .acc_in(clear ? 32'd0 : acc[P]),
            .acc_out(sum)
        );
        always @(posedge clk)
          if (drain) begin
            acc[P] <= r == 0 ? 32'd0 : acc[P-COLS];
            step[P] <= 1'b0;
          end else begin
            step[P] <= step_in;
            left[P] <= x;
            left_ok[P] <= x_ok;
            down[P] <= y;
            down_ok[P] <= y_ok;
            if (x_ok && y_ok) acc[P] <= sum;
            else if (clear) acc[P] <= 32'd0;
          end
      end
    end
  endgenerate

  integer i;
  reg any;
  always @* begin
    any = |pending;
    for (i = 0; i < ROWS * COLS; i = i + 1) any = any | (step[i] && i % COLS != COLS - 1);
  end
  assign busy = any;

  initial begin
    for (i = 0; i < ROWS * COLS; i = i + 1) begin
      left_ok[i] = 1'b0;
      down_ok[i] = 1'b0;
      step[i] = 1'b0;
    end
  end
endmodule
