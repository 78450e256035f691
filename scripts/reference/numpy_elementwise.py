#!/usr/bin/env python3
"""Reference figures for the elementwise benchmarks of `mlhub bench`, measured with NumPy.

Prints one JSON line per measurement, named like the mlhub benchmark with a `numpy.` prefix:
    {"name": "numpy.add.f32.1M", "value": …, "unit": "ms"}
Timing matches mlhub's: the median of 7 samples after warm-up, each sample at least 50 ms.

Run next to `swift run -c release mlhub bench --json`, with NumPy from PyPI in a virtual
environment outside the repo:
    python3 -m venv /tmp/anchors && /tmp/anchors/bin/pip install numpy
    /tmp/anchors/bin/python scripts/reference/numpy_elementwise.py
"""
import json
import statistics
import time

import numpy as np


def seconds_per_call(fn, repeats=7, warmup=2, minimum_sample=0.05):
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter()
    fn()
    inner = max(1, int(minimum_sample / max(time.perf_counter() - t0, 1e-9)))
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t0) / inner)
    return statistics.median(samples)


def emit(name, value, unit):
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}), flush=True)


rng = np.random.default_rng(0)
a = rng.standard_normal(1_000_000, dtype=np.float32)
b = rng.standard_normal(1_000_000, dtype=np.float32)
emit("numpy.add.f32.1M", seconds_per_call(lambda: a + b) * 1e3, "ms")
a4 = rng.standard_normal(4, dtype=np.float32)
b4 = rng.standard_normal(4, dtype=np.float32)
emit("numpy.op_overhead.add4", seconds_per_call(lambda: a4 + b4) * 1e9, "ns")
