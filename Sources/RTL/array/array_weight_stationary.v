// A ROWS x COLS weight-stationary systolic array of one PE kind (see pe_mac), register for
// register the PE-level model's (PEArrayModel, weight-stationary fold):
//
// - Load (`load` high, one cycle per used row): the weights enter row 0 from `w_in` (one word
//   per column, with `w_valid`) and every row's weight registers shift down one row; `clear`
//   on the first load cycle of a fold empties the rows below, so after u cycles rows 0...u-1
//   hold the fold's weights and the others none.
// - Stream (`load` low): `a_in` carries step s of every row at once (one word per row, with
//   `a_valid`); row r delays it r cycles (the skew registers), so PE (r, c) sees step
//   t - r - c at cycle t. Operands move right one PE a cycle; partial sums enter each column's
//   top as zero, valid when row 0's operand at that column is, and move down one PE a cycle,
//   each PE with a valid operand and a weight adding its product. The bottom row's partial
//   sums leave on `psum_out` with `psum_valid`.
// `busy` says a valid operand will still reach a PE or a valid partial sum the bottom row: it
// falls at the clock edge that delivers a fold's last partial sum, where the model ends the
// fold (the last column's operand registers and the bottom row's partial sums lead nowhere
// further).
module array_weight_stationary #(
    parameter ROWS = 4,
    parameter COLS = 4,
    parameter KIND = 0,
    parameter FRAC_BITS = 7,
    parameter IW = 32,  // bits of a word entering the array
    parameter OW = 32  // bits of a PE operand (after the edge decoders)
) (
    input                   clk,
    input                   load,
    input                   clear,
    input  [COLS*IW-1:0]    w_in,
    input  [COLS-1:0]       w_valid,
    input  [ROWS*IW-1:0]    a_in,
    input  [ROWS-1:0]       a_valid,
    output [COLS*32-1:0]    psum_out,
    output [COLS-1:0]       psum_valid,
    output                  busy
);
  // Registers of every PE, row-major.
  reg [OW-1:0] weight[0:ROWS*COLS-1];
  reg weight_ok[0:ROWS*COLS-1];
  reg [OW-1:0] operand[0:ROWS*COLS-1];
  reg operand_ok[0:ROWS*COLS-1];
  reg [31:0] psum[0:ROWS*COLS-1];
  reg psum_ok[0:ROWS*COLS-1];

  wire [OW-1:0] top_weight[0:COLS-1];
  wire top_ok[0:COLS-1];
  wire [OW-1:0] edge_operand[0:ROWS-1];
  wire edge_ok[0:ROWS-1];
  wire [ROWS-1:0] pending;
  genvar r, c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : columns
      array_edge #(
          .KIND(KIND),
          .FRAC_BITS(FRAC_BITS),
          .IW(IW),
          .OW(OW)
      ) weights (
          .clk(clk),
          .shift(1'b0),
          .word(w_in[c*IW+:IW]),
          .ok(w_valid[c]),
          .token(1'b0),
          .operand(top_weight[c]),
          .operand_ok(top_ok[c]),
          .token_out(),
          .pending()
      );
      assign psum_out[c*32+:32] = psum[(ROWS-1)*COLS+c];
      assign psum_valid[c] = psum_ok[(ROWS-1)*COLS+c];
    end
    for (r = 0; r < ROWS; r = r + 1) begin : rows
      array_edge #(
          .KIND(KIND),
          .FRAC_BITS(FRAC_BITS),
          .IW(IW),
          .OW(OW),
          .DELAY(r)
      ) operands (
          .clk(clk),
          .shift(!load),
          .word(a_in[r*IW+:IW]),
          .ok(a_valid[r]),
          .token(1'b0),
          .operand(edge_operand[r]),
          .operand_ok(edge_ok[r]),
          .token_out(),
          .pending(pending[r])
      );
      for (c = 0; c < COLS; c = c + 1) begin : pes
        localparam P = r * COLS + c;
        wire [OW-1:0] in = c == 0 ? edge_operand[r] : operand[P-1];
        wire in_ok = c == 0 ? edge_ok[r] : operand_ok[P-1];
        // Row 0's partial sums are valid where its operand is.
        wire [31:0] from_above = r == 0 ? 32'd0 : psum[P-COLS];
        wire above_ok = r == 0 ? in_ok : psum_ok[P-COLS];
        wire [31:0] sum;
        pe_mac #(
            .KIND(KIND),
            .FRAC_BITS(FRAC_BITS),
            .OW(OW)
        ) mac (
            .a(in),
            .b(weight[P]),
            .acc_in(from_above),
            .acc_out(sum)
        );
        always @(posedge clk)
          if (load) begin
            weight[P] <= r == 0 ? top_weight[c] : weight[P-COLS];
            weight_ok[P] <= r == 0 ? top_ok[c] : !clear && weight_ok[P-COLS];
          end else begin
            operand[P] <= in;
            operand_ok[P] <= in_ok;
            psum[P] <= above_ok && in_ok && weight_ok[P] ? sum : from_above;
            psum_ok[P] <= above_ok;
          end
      end
    end
  endgenerate

  integer i;
  reg any;
  always @* begin
    any = |pending;
    for (i = 0; i < ROWS * COLS; i = i + 1)
      any = any | (operand_ok[i] && i % COLS != COLS - 1) | (psum_ok[i] && i < (ROWS - 1) * COLS);
  end
  assign busy = any;

  initial begin
    for (i = 0; i < ROWS * COLS; i = i + 1) begin
      weight_ok[i] = 1'b0;
      operand_ok[i] = 1'b0;
      psum_ok[i] = 1'b0;
    end
  end
endmodule
