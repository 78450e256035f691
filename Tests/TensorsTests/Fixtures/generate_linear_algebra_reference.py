#!/usr/bin/env python3
"""Writes linear_algebra_reference.json: NumPy results for the Linalg functions and matrix parts.

Run from this folder with NumPy installed (python3 -m pip install numpy, or a virtual environment):
    python3 generate_linear_algebra_reference.py

Matrices are built to be well conditioned (a random matrix plus n·I, x·xᵀ + n·I for positive
definite ones), with distinct eigenvalues and singular values, so that the Swift results match to
tight tolerances. Decompositions whose signs are LAPACK's choice (qr, svd, eigh) are stored as
NumPy returns them; the tests compare them up to sign.
"""
import numpy as np

from fixture_writer import Fixture

rng = np.random.default_rng(20261122)
fx = Fixture("linear_algebra_reference")


def well_conditioned(*shape):
    n = shape[-1]
    return rng.standard_normal(shape) + n * np.eye(n)


def positive_definite(*shape):
    n = shape[-1]
    x = rng.standard_normal(shape)
    return x @ np.swapaxes(x, -1, -2) + n * np.eye(n)


# solve: one system, several right-hand sides, a vector b, batches and broadcast batches.
a = well_conditioned(4, 4)
b = rng.standard_normal((4, 2))
v = rng.standard_normal(4)
ab = well_conditioned(3, 4, 4)
bb = rng.standard_normal((3, 4, 2))
bc = rng.standard_normal((2, 1, 4, 3))
fx.case("solve", a=a, b=b, x=np.linalg.solve(a, b), v=v, xv=np.linalg.solve(a, v),
        a_batch=ab, b_batch=bb, x_batch=np.linalg.solve(ab, bb), xv_batch=np.linalg.solve(ab, v),
        b_broadcast=bc, x_broadcast=np.linalg.solve(ab, bc), x_single_a=np.linalg.solve(a, bb))

# triangular solves, by NumPy's general solve on the triangle.
t = well_conditioned(4, 4)
tb = rng.standard_normal((4, 3))
tr = rng.standard_normal((3, 4))
lower, upper = np.tril(t), np.triu(t)
unit_lower = np.tril(t, -1) + np.eye(4)
fx.case("solve_triangular", a=t, b=tb, b_right=tr,
        lower_left=np.linalg.solve(lower, tb), upper_left=np.linalg.solve(upper, tb),
        unit_lower_left=np.linalg.solve(unit_lower, tb),
        lower_right=np.linalg.solve(lower.T, tr.T).T, upper_right=np.linalg.solve(upper.T, tr.T).T)

# inverse and determinants.
ib = well_conditioned(2, 3, 3)
fx.case("inv", a=a, inv=np.linalg.inv(a), a_batch=ib, inv_batch=np.linalg.inv(ib))
d = rng.standard_normal((3, 3, 3))
d[1] = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.5, -1.0, 2.0]]  # singular: row 2 = 2·row 1
sign, logabsdet = np.linalg.slogdet(d)
# JSON has no infinities: the singular matrix's log|det| (−inf) is checked in the test itself.
fx.case("det", a=d, det=np.linalg.det(d), sign=sign, logabsdet_nonsingular=logabsdet[[0, 2]])

# Cholesky.
spd = positive_definite(4, 4)
spd_batch = positive_definite(2, 3, 3)
fx.case("cholesky", a=spd, l=np.linalg.cholesky(spd), a_batch=spd_batch,
        l_batch=np.linalg.cholesky(spd_batch))

# QR (reduced), tall, wide and batched.
tall = rng.standard_normal((5, 3))
wide = rng.standard_normal((3, 5))
qr_batch = rng.standard_normal((2, 4, 3))
q_t, r_t = np.linalg.qr(tall)
q_w, r_w = np.linalg.qr(wide)
q_b, r_b = np.linalg.qr(qr_batch)
fx.case("qr", tall=tall, q_tall=q_t, r_tall=r_t, wide=wide, q_wide=q_w, r_wide=r_w,
        batch=qr_batch, q_batch=q_b, r_batch=r_b)

# SVD: reduced tall and wide, full, batched.
u_t, s_t, vt_t = np.linalg.svd(tall, full_matrices=False)
u_w, s_w, vt_w = np.linalg.svd(wide, full_matrices=False)
u_f, s_f, vt_f = np.linalg.svd(tall, full_matrices=True)
svd_batch = rng.standard_normal((2, 3, 4))
u_b, s_b, vt_b = np.linalg.svd(svd_batch, full_matrices=False)
fx.case("svd", tall=tall, u_tall=u_t, s_tall=s_t, vt_tall=vt_t,
        wide=wide, u_wide=u_w, s_wide=s_w, vt_wide=vt_w,
        u_full=u_f, s_full=s_f, vt_full=vt_f,
        batch=svd_batch, u_batch=u_b, s_batch=s_b, vt_batch=vt_b)

# Symmetric eigendecomposition (only the lower triangle is read: store a non-symmetric input too).
x = rng.standard_normal((4, 4))
sym = x + x.T
w, vecs = np.linalg.eigh(sym)
lower_only = np.tril(sym) + np.triu(rng.standard_normal((4, 4)), 1)
sym_batch = rng.standard_normal((2, 3, 3))
sym_batch = sym_batch + np.swapaxes(sym_batch, -1, -2)
w_b, v_b = np.linalg.eigh(sym_batch)
fx.case("eigh", a=sym, w=w, v=vecs, lower_only=lower_only, a_batch=sym_batch, w_batch=w_b, v_batch=v_b)

# Least squares: overdetermined, underdetermined (minimum norm), rank deficient.
over = rng.standard_normal((6, 3))
over_b = rng.standard_normal((6, 2))
over_v = rng.standard_normal(6)
under = rng.standard_normal((3, 5))
under_b = rng.standard_normal((3, 2))
deficient = rng.standard_normal((5, 2)) @ rng.standard_normal((2, 3))  # rank 2
deficient_b = rng.standard_normal((5, 1))
fx.case("lstsq", over=over, over_b=over_b, over_x=np.linalg.lstsq(over, over_b)[0],
        over_v=over_v, over_xv=np.linalg.lstsq(over, over_v)[0],
        under=under, under_b=under_b, under_x=np.linalg.lstsq(under, under_b)[0],
        deficient=deficient, deficient_b=deficient_b, deficient_x=np.linalg.lstsq(deficient, deficient_b)[0])

# Norms.
nv = rng.standard_normal((3, 4))
nv[0, 1] = 0.0
norms = {}
for name, order in [("2", 2), ("1", 1), ("3", 3), ("half", 0.5), ("inf", np.inf), ("neginf", -np.inf), ("0", 0)]:
    norms[f"all_{name}"] = np.linalg.norm(nv.reshape(-1), ord=order)
    norms[f"axis1_{name}"] = np.linalg.norm(nv, ord=order, axis=1)
    norms[f"axis0_{name}"] = np.linalg.norm(nv, ord=order, axis=0)
fx.case("vector_norm", x=nv, **norms)
nm = rng.standard_normal((2, 3, 4))
fx.case("matrix_norm", x=nm,
        frobenius=np.linalg.norm(nm, "fro", axis=(-2, -1)), nuclear=np.linalg.norm(nm, "nuc", axis=(-2, -1)),
        spectral=np.linalg.norm(nm, 2, axis=(-2, -1)), one=np.linalg.norm(nm, 1, axis=(-2, -1)),
        infinity=np.linalg.norm(nm, np.inf, axis=(-2, -1)))

# Matrix parts.
mp = rng.standard_normal((2, 3, 4))
dv = rng.standard_normal((2, 3))
fx.case("matrix_parts", x=mp, diagonal=np.diagonal(mp, axis1=-2, axis2=-1),
        diagonal_plus1=np.diagonal(mp, 1, axis1=-2, axis2=-1), diagonal_minus1=np.diagonal(mp, -1, axis1=-2, axis2=-1),
        diagonal_plus3=np.diagonal(mp, 3, axis1=-2, axis2=-1),
        tril=np.tril(mp), tril_minus1=np.tril(mp, -1), tril_plus1=np.tril(mp, 1),
        triu=np.triu(mp), triu_plus1=np.triu(mp, 1), triu_minus1=np.triu(mp, -1),
        trace=np.trace(mp, axis1=-2, axis2=-1),
        v=dv, diagonal_matrix=np.stack([np.diag(r) for r in dv]))

fx.write()
