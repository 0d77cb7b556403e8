#!/usr/bin/env python3
"""Independent checks of qinssim's traces, used by the tests.

Usage: check_traces.py TRACE.json TRACE.vcd

The JSON trace must be a Chrome Trace Event array: every event an object with name, ph and
pid; complete events ("X") with numeric ts >= 0, dur >= 0 and tid; counters ("C") with ts and
numeric args; metadata ("M") with args. The VCD is read with pyvcd's tokenizer (an
independent parser), must declare pc and the unit busy signals, and must keep time strictly
increasing. Prints a one-line summary; exits 1 on the first problem.
"""
import json
import sys

from vcd.reader import TokenKind, tokenize


def check_json(path):
    with open(path) as f:
        events = json.load(f)
    assert isinstance(events, list), "the trace is not a JSON array"
    counts = {}
    for i, e in enumerate(events):
        assert isinstance(e, dict), f"event {i} is not an object"
        for key in ("name", "ph", "pid"):
            assert key in e, f"event {i} has no {key}"
        ph = e["ph"]
        counts[ph] = counts.get(ph, 0) + 1
        if ph == "X":
            assert isinstance(e["ts"], (int, float)) and e["ts"] >= 0, f"event {i}: bad ts"
            assert isinstance(e["dur"], (int, float)) and e["dur"] >= 0, f"event {i}: bad dur"
            assert "tid" in e, f"event {i}: no tid"
        elif ph == "C":
            assert isinstance(e["ts"], (int, float)), f"event {i}: bad ts"
            assert all(isinstance(v, (int, float)) for v in e["args"].values()), f"event {i}: counter args"
        elif ph == "M":
            assert "args" in e, f"event {i}: metadata without args"
        else:
            raise AssertionError(f"event {i}: unexpected phase {ph}")
    return counts


def check_vcd(path):
    names = set()
    last = -1
    changes = 0
    with open(path, "rb") as f:
        for token in tokenize(f):
            if token.kind is TokenKind.VAR:
                names.add(token.var.reference)
            elif token.kind is TokenKind.CHANGE_TIME:
                assert token.time_change > last, f"time {token.time_change} after {last}"
                last = token.time_change
            elif token.kind in (TokenKind.CHANGE_SCALAR, TokenKind.CHANGE_VECTOR, TokenKind.CHANGE_REAL):
                changes += 1
    for required in ("pc", "dma_busy", "alu_busy", "sfu_busy", "array_busy", "power_w"):
        assert required in names, f"VCD lacks {required}"
    return len(names), changes, last


def main():
    counts = check_json(sys.argv[1])
    signals, changes, end = check_vcd(sys.argv[2])
    print(f"json ok {counts}; vcd ok: {signals} signals, {changes} changes, last time {end}")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"trace check failed: {e}")
        sys.exit(1)
