#!/usr/bin/env python3
"""The TOML oracle of Tests/TOMLTests: Python's own TOML 1.0 reader (tomllib, or tomli where
Python is older than 3.11) on a list of documents.

    toml_oracle.py < documents.json > results.json

Reads a JSON array of strings; writes a JSON array with, for each document, {"error": text}
when the reader refuses it, or the document in toml-test's tagged form: tables as objects,
arrays as arrays, every other value as {"type": T, "value": text} with T one of string,
integer, float, bool, datetime, datetime-local, date-local, time-local (floats as repr,
date-times as isoformat).
"""
import datetime
import json
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib


def tagged(v):
    if isinstance(v, dict):
        return {k: tagged(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tagged(x) for x in v]
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        return {"type": "float", "value": repr(v)}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, datetime.datetime):
        kind = "datetime" if v.tzinfo is not None else "datetime-local"
        return {"type": kind, "value": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"type": "date-local", "value": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"type": "time-local", "value": v.isoformat()}
    raise TypeError(type(v))


def main():
    documents = json.load(sys.stdin)
    out = []
    for d in documents:
        try:
            out.append(tagged(tomllib.loads(d)))
        except Exception as e:  # noqa: BLE001 - any refusal, RecursionError included
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
