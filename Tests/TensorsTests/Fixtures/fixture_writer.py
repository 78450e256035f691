"""Shared helpers for the scripts that write NumPy reference fixtures (one JSON file per area).

A fixture file maps case names to {array name: {"shape", "data", "dtype"}}, data row-major.
"""
import json
import os

import numpy as np


def arr(a, dtype=None):
    a = np.asarray(a)
    kind = dtype or ("int64" if a.dtype.kind in "iu" else "bool" if a.dtype.kind == "b" else "float64")
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)], "dtype": kind}


class Fixture:
    def __init__(self, name, directory=None):
        """`directory`: where the JSON goes (default: this folder)."""
        self.name = name
        self.directory = directory or os.path.dirname(os.path.abspath(__file__))
        self.cases = {}

    def case(self, case_name, **arrays):
        assert case_name not in self.cases, case_name
        self.cases[case_name] = {k: arr(v) for k, v in arrays.items()}

    def write(self):
        out = os.path.join(self.directory, f"{self.name}.json")
        with open(out, "w") as f:
            # JSONSerialization rejects NaN and Infinity, so they must not reach the file.
            json.dump(self.cases, f, separators=(",", ":"), sort_keys=True, allow_nan=False)
        print(f"wrote {len(self.cases)} cases to {out}")
