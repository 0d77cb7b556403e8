#!/usr/bin/env python3
"""Runs SCALE-Sim v3 (PyPI `scalesim`) on GEMMs and prints its compute report as JSON lines.

Usage: scalesim_gemm.py DATAFLOW ROWS COLS M N K [M N K ...]

Each GEMM is M x K times K x N on a ROWS x COLS array with the dataflow ws, os or is, with
SRAMs large enough that nothing stalls. Prints one JSON object per GEMM with SCALE-Sim's
total cycles, stall cycles, overall utilisation, mapping efficiency and compute utilisation,
read from its COMPUTE_REPORT.csv. Needs scalesim and numpy<2.4 (a virtual environment:
python3 -m venv .build/scalesim-venv && .build/scalesim-venv/bin/pip install "numpy<2.4" scalesim).
"""
import contextlib
import csv
import io
import json
import os
import sys
import tempfile

from scalesim.scale_sim import scalesim

CONFIG = """[general]
run_name = qins

[architecture_presets]
ArrayHeight: {rows}
ArrayWidth: {cols}
IfmapSramSzkB: 1048576
FilterSramSzkB: 1048576
OfmapSramSzkB: 1048576
IfmapOffset: 0
FilterOffset: 10000000
OfmapOffset: 20000000
Dataflow: {dataflow}
ReadRequestBuffer: 32
WriteRequestBuffer: 32

[layout]
IfmapCustomLayout: False
FilterCustomLayout: False
IfmapSRAMBankBandwidth: 10
IfmapSRAMBankNum: 10
IfmapSRAMBankPort: 2
FilterSRAMBankBandwidth: 10
FilterSRAMBankNum: 10
FilterSRAMBankPort: 2

[sparsity]
SparsitySupport: false
SparseRep: ellpack_block
OptimizedMapping: false
BlockSize: 8
RandomNumberGeneratorSeed: 40

[run_presets]
InterfaceBandwidth: CALC
UseRamulatorTrace: False
"""


def run(dataflow, rows, cols, m, n, k):
    with tempfile.TemporaryDirectory() as d:
        cfg = os.path.join(d, "q.cfg")
        topo = os.path.join(d, "gemm.csv")
        layout = os.path.join(d, "layout.csv")
        with open(layout, "w") as f:
            f.write("Layer name, unused,\n")  # read even when custom layouts are off
        with open(cfg, "w") as f:
            f.write(CONFIG.format(rows=rows, cols=cols, dataflow=dataflow))
        with open(topo, "w") as f:
            f.write("Layer, M, N, K,\n")
            f.write(f"gemm, {m}, {n}, {k},\n")
        sim = scalesim(save_disk_space=True, verbose=False, config=cfg, topology=topo,
                       layout=layout, input_type_gemm=True)
        with contextlib.redirect_stdout(io.StringIO()):
            sim.run_scale(top_path=d)
        report = None
        for root, _, files in os.walk(d):
            if "COMPUTE_REPORT.csv" in files:
                report = os.path.join(root, "COMPUTE_REPORT.csv")
        with open(report) as f:
            rows_ = [r for r in csv.reader(f)]
        header = [h.strip() for h in rows_[0]]
        values = [v.strip() for v in rows_[1]]
        data = dict(zip(header, values))
        return {
            "dataflow": dataflow, "rows": rows, "cols": cols, "m": m, "n": n, "k": k,
            "total_cycles": int(float(data["Total Cycles"])),
            "stall_cycles": int(float(data["Stall Cycles"])),
            "overall_util": float(data["Overall Util %"]),
            "mapping_efficiency": float(data["Mapping Efficiency %"]),
            "compute_util": float(data["Compute Util %"]),
        }


def main():
    args = sys.argv[1:]
    if len(args) < 6 or (len(args) - 3) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    dataflow, rows, cols = args[0], int(args[1]), int(args[2])
    dims = [int(x) for x in args[3:]]
    for i in range(0, len(dims), 3):
        print(json.dumps(run(dataflow, rows, cols, dims[i], dims[i + 1], dims[i + 2])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
