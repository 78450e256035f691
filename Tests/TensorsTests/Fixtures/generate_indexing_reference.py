"""Writes indexing_reference.json: NumPy results for the indexing, combining, ordering and
einsum tests. Run from this folder: python3 generate_indexing_reference.py
"""
import numpy as np

from fixture_writer import Fixture

rng = np.random.default_rng(20240611)
f = Fixture("indexing_reference")

# --- basic slicing -----------------------------------------------------------------------
x = np.arange(60, dtype=np.float64).reshape(3, 4, 5)
xt = x.transpose(2, 0, 1)  # strided input, shape (5, 3, 4)
f.case(
    "slicing",
    x=x,
    int_first=x[1],
    range_middle=x[:, 1:3],
    ellipsis_last=x[..., -1],
    negative_steps=x[::-1, ::2, 1:-1],
    new_axis_mixed=x[-2:, None, 3, ::-2],
    clamped=x[0:100, -100:2],
    reversed_ranges=x[2:0:-1, :, 4:0:-2],
    empty=x[1:1],
    closed_and_partial=x[0:2, :3, 3:],
    transposed_slice=xt[1:4:2, -1],
    transposed_reversed=xt[::-2, 1:, None],
)

# --- index select, gather, scatter-add, masks, integer arrays --------------------------------
m = rng.uniform(-1, 1, (4, 5))
cols = np.array([3, 0, 3, 1])
rows = np.array([2, 2, 0])
f.case("index_select", x=m, cols=cols, rows=rows,
       axis1=np.take(m, cols, axis=1), axis0=np.take(m, rows, axis=0),
       transposed_axis1=np.take(m.T, rows, axis=1))

g = rng.uniform(-1, 1, (3, 4))
gi1 = rng.integers(0, 4, (3, 6))
gi0 = rng.integers(0, 3, (2, 4))
f.case("gather", x=g, idx1=gi1, idx0=gi0,
       axis1=np.take_along_axis(g, gi1, axis=1), axis0=np.take_along_axis(g, gi0, axis=0),
       transposed_axis1=np.take_along_axis(g.T, gi0.T, axis=1))

base = rng.uniform(-1, 1, (3, 4))
si = rng.integers(0, 3, (2, 4))
src = rng.uniform(-1, 1, (2, 4))
out = base.copy()
for i in range(2):
    for j in range(4):
        out[si[i, j], j] += src[i, j]
si1 = rng.integers(0, 4, (3, 5))
src1 = rng.uniform(-1, 1, (3, 5))
out1 = base.copy()
for i in range(3):
    for j in range(5):
        out1[i, si1[i, j]] += src1[i, j]
f.case("scatter_add", base=base, idx0=si, src0=src, axis0=out, idx1=si1, src1=src1, axis1=out1)

mx = rng.uniform(-1, 1, (3, 4))
mask = rng.uniform(0, 1, (3, 4)) > 0.5
row_mask = np.array([True, False, True, True])
f.case("masked_select", x=mx, mask=mask, row_mask=row_mask,
       selected=mx[mask], row_selected=mx[np.broadcast_to(row_mask, mx.shape)],
       transposed_selected=mx.T[mask.T])

ax = rng.uniform(-1, 1, (5, 3))
aidx = np.array([[0, -1], [2, 2]])
f.case("index_array", x=ax, idx=aidx, result=ax[aidx])

# --- combining -------------------------------------------------------------------------------
a = rng.uniform(-1, 1, (2, 3))
b = rng.uniform(-1, 1, (2, 1))
c = rng.uniform(-1, 1, (2, 2))
d = rng.uniform(-1, 1, (1, 3))
f.case("concat", a=a, b=b, c=c, d=d,
       axis1=np.concatenate([a, b, c], axis=1), axis0=np.concatenate([a, d, a], axis=0),
       transposed=np.concatenate([a.T, c.T], axis=0))
s1, s2, s3 = (rng.uniform(-1, 1, (2, 3)) for _ in range(3))
f.case("stack", a=s1, b=s2, c=s3,
       axis0=np.stack([s1, s2, s3], axis=0), axis1=np.stack([s1, s2, s3], axis=1),
       axis_last=np.stack([s1, s2, s3], axis=-1))

p = rng.uniform(-1, 1, (3, 4))
f.case("pad", x=p,
       constant=np.pad(p, [(1, 2), (0, 1)], constant_values=3.5),
       leading_only=np.pad(p, [(2, 0), (0, 0)]),
       reflect=np.pad(p, [(2, 1), (1, 3)], mode="reflect"),
       replicate=np.pad(p, [(1, 2), (3, 1)], mode="edge"),
       transposed_reflect=np.pad(p.T, [(1, 1), (2, 2)], mode="reflect"))

r = rng.uniform(-1, 1, (3, 2))
f.case("repeat", x=r,
       axis1=np.repeat(r, 2, axis=1), axis0=np.repeat(r, 3, axis=0), flat=np.repeat(r, 2),
       counts=np.repeat(r, [1, 0, 2], axis=0), transposed=np.repeat(r.T, 2, axis=1))
t = rng.uniform(-1, 1, (2, 3))
f.case("tile", x=t,
       same_rank=np.tile(t, (2, 3)), short_reps=np.tile(t, 2), long_reps=np.tile(t, (2, 1, 2)),
       transposed=np.tile(t.T, (1, 2)))

# --- ordering ------------------------------------------------------------------------------
# Small integers as floats, so there are ties to check stability.
sx = rng.integers(-3, 4, (3, 7)).astype(np.float64)
f.case("sort", x=sx,
       values_last=np.sort(sx, axis=-1, kind="stable"), indices_last=np.argsort(sx, axis=-1, kind="stable"),
       values_first=np.sort(sx, axis=0, kind="stable"), indices_first=np.argsort(sx, axis=0, kind="stable"),
       # Descending and stable: ties keep their order.
       indices_descending=np.argsort(-sx, axis=-1, kind="stable"),
       indices_transposed=np.argsort(sx.T, axis=-1, kind="stable"))
kx = rng.uniform(-1, 1, (4, 6))
order = np.argsort(-kx, axis=1, kind="stable")[:, :3]
low = np.argsort(kx, axis=0, kind="stable")[:2]
f.case("topk", x=kx, largest_indices=order, largest_values=np.take_along_axis(kx, order, axis=1),
       smallest_indices=low, smallest_values=np.take_along_axis(kx, low, axis=0))

cx = rng.uniform(-1, 1, (3, 4))
ci = rng.integers(-5, 6, (2, 5))
cb = rng.uniform(0, 1, (2, 5)) > 0.5
f.case("cumsum", x=cx, axis0=np.cumsum(cx, axis=0), axis1=np.cumsum(cx, axis=1),
       transposed=np.cumsum(cx.T, axis=1), ints=ci, ints_axis1=np.cumsum(ci, axis=1),
       bools=cb, bools_axis0=np.cumsum(cb, axis=0))

labels = np.array([[0, 3], [2, 1], [3, 3]])
f.case("one_hot", labels=labels, encoded=np.eye(4)[labels])

# --- einsum --------------------------------------------------------------------------------
A = rng.uniform(-1, 1, (3, 4))
B = rng.uniform(-1, 1, (4, 5))
C = rng.uniform(-1, 1, (2, 3, 4))
D = rng.uniform(-1, 1, (2, 4, 5))
u = rng.uniform(-1, 1, (4,))
v = rng.uniform(-1, 1, (3,))
S = rng.uniform(-1, 1, (4, 4))
E = rng.uniform(-1, 1, (3, 4))
R = rng.uniform(-1, 1, (1, 4))
T3 = rng.uniform(-1, 1, (3, 3, 2))
f.case("einsum", A=A, B=B, C=C, D=D, u=u, v=v, S=S, E=E, R=R, T3=T3,
       matmul=np.einsum("ij,jk->ik", A, B),
       implicit_matmul=np.einsum("ij,jk", A, B),
       batched=np.einsum("bij,bjk->bik", C, D),
       outer=np.einsum("i,j->ij", v, u),
       dot=np.einsum("i,i->", u, u),
       transpose=np.einsum("ij->ji", A),
       implicit_transpose=np.einsum("ba", A),
       total=np.einsum("ij->", A),
       rows=np.einsum("ij->i", A),
       diagonal=np.einsum("ii->i", S),
       trace=np.einsum("ii", S),
       elementwise=np.einsum("ij,ij->ij", A, E),
       broadcast=np.einsum("ij,ij->ij", A, np.broadcast_to(R, A.shape)),
       matvec=np.einsum("ij,j->i", A, u),
       vecmat=np.einsum("i,ij->j", v, A),
       ellipsis=np.einsum("...ij,...jk->...ik", C, B),
       batch_sum=np.einsum("bij,bjk->ik", C, D),
       diag_contract=np.einsum("iik,i->k", T3, v),
       permute3=np.einsum("bij->jbi", C),
       mixed_case=np.einsum("aB,Ba", A, A.T))

f.write()
