#!/usr/bin/env python3
"""Writes elementwise_reference.json: NumPy results for broadcasting arithmetic and reductions.

Run offline from this folder with NumPy installed (a virtual environment outside the repo):
    python3 -m venv /tmp/mlhub-ref && /tmp/mlhub-ref/bin/pip install numpy
    /tmp/mlhub-ref/bin/python generate_elementwise_reference.py
"""
import numpy as np

from fixture_writer import Fixture

rng = np.random.default_rng(20261121)
fx = Fixture("elementwise_reference")

x = rng.standard_normal((3, 4))
y = rng.standard_normal((4,))
fx.case("broadcast_ops", x=x, y=y, add=x + y, sub=x - y, mul=x * y, div=x / y,
        minimum=np.minimum(x, y), maximum=np.maximum(x, y))
col = rng.standard_normal((3, 1))
row = rng.standard_normal((1, 4))
fx.case("outer_broadcast", col=col, row=row, add=col + row, mul=col * row)
pos = rng.uniform(0.5, 2.0, (2, 3))
expo = np.array([0.5, 2.0, -1.5])
fx.case("pow", base=pos, exponent=expo, result=pos ** expo)
u = rng.uniform(-2, 2, (7,))
fx.case("unary", x=u, exp=np.exp(u), tanh=np.tanh(u), sin=np.sin(u), cos=np.cos(u),
        sigmoid=1 / (1 + np.exp(-u)), softplus=np.log1p(np.exp(u)), abs=np.abs(u), sign=np.sign(u),
        relu=np.maximum(u, 0))
from math import erf
fx.case("erf", x=u, erf=np.array([erf(v) for v in u]))
p = rng.uniform(0.1, 3.0, (5,))
fx.case("positive_unary", x=p, log=np.log(p), log1p=np.log1p(p), sqrt=np.sqrt(p))
r = rng.standard_normal((2, 3, 4))
fx.case("reductions", x=r,
        sum_all=r.sum(), sum_0=r.sum(0), sum_12=r.sum((1, 2)), mean_1=r.mean(1),
        var_2=r.var(2), var_all_ddof1=r.var(ddof=1), std_0=r.std(0),
        min_1=r.min(1), max_2=r.max(2), prod_2=r.prod(2),
        argmax_1=r.argmax(1), argmin_2=r.argmin(2), argmax_flat=r.argmax(),
        logsumexp_2=np.log(np.exp(r).sum(2)))
big = rng.standard_normal(100_003).astype(np.float32)
fx.case("float32_long_sum", x=big, sum=np.float64(big.astype(np.float64).sum()))
a = rng.standard_normal((2, 3, 4))
b = rng.standard_normal((4, 5))
d = rng.standard_normal((2, 4, 5))
e = rng.standard_normal((1, 4, 2))
v = rng.standard_normal(4)
w = rng.standard_normal(4)
fx.case("matmul", a=a, b=b, ab=a @ b, d=d, ad=a @ d, e=e, ae=a @ e, v=v, av=a @ v, vb=v @ b,
        w=w, vw=v @ w)
fx.write()
