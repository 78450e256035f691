/// Which matrix norm ``Linalg/matrixNorm(_:ord:keepDims:)`` computes.
public enum MatrixNormOrder: Sendable, Equatable, CaseIterable {
    /// `√Σ|aᵢⱼ|²` (NumPy `"fro"`).
    case frobenius
    /// The sum of the singular values (NumPy `"nuc"`).
    case nuclear
    /// The largest singular value (NumPy `ord=2`).
    case spectral
    /// The largest column sum of absolute values (NumPy `ord=1`).
    case one
    /// The largest row sum of absolute values (NumPy `ord=inf`).
    case infinity
}

extension Linalg {
    /// The vector norm of `x` over `axes` (all axes when `nil`), as `torch.linalg.vector_norm`
    /// and `numpy.linalg.norm` for vectors. float32 or float64; the result has the same dtype
    /// and the shape of `x` without `axes` (kept as size 1 with `keepDims`).
    ///
    /// `ord` is:
    /// - `p > 0`: `(Σ|x|ᵖ)^(1/p)`; 2 (the default) is the Euclidean norm and 1 the sum of `|x|`.
    ///   Computed with the values scaled by their largest magnitude, so it does not overflow or
    ///   underflow where the norm itself is representable;
    /// - `.infinity`: `max |x|`; `-.infinity`: `min |x|`;
    /// - `0`: the number of nonzero elements (not differentiable).
    ///
    /// Differentiable (except `ord: 0`). The gradient is `x̄ = ḡ·sign(x)·(|x|/‖x‖)^(p−1)`, taken as
    /// 0 where `x = 0` (so the gradient at the zero vector is 0, a subgradient); for ±∞ it goes to
    /// the extreme elements, split evenly among ties.
    /// - Precondition: `x` is float32 or float64; `ord` is 0, ±∞ or positive; `axes` are valid and
    ///   distinct; with ±∞ the reduced axes are not empty.
    public static func vectorNorm(_ x: Tensor, ord: Double = 2, axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        precondition(x.dtype.isFloatingPoint, "vectorNorm: x must be float32 or float64, got \(x.dtype); convert with to(_:)")
        precondition(ord == 0 || ord > 0 || ord == -.infinity,
                     "vectorNorm: ord must be positive, 0, .infinity or -.infinity, got \(ord)")
        let axes = axes.map { Shape.normalize(axes: $0, rank: x.rank, "vectorNorm") } ?? Array(0..<x.rank)
        switch ord {
        case .infinity: return x.abs().max(axes: axes, keepDims: keepDims)
        case -.infinity: return x.abs().min(axes: axes, keepDims: keepDims)
        case 0: return (x .!= 0).to(x.dtype).sum(axes: axes, keepDims: keepDims)
        case 1: return x.abs().sum(axes: axes, keepDims: keepDims)
        default: return powerNorm(x, p: ord, axes: axes, keepDims: keepDims)
        }
    }

    /// `(Σ|x|ᵖ)^(1/p)` over the (normalised) `axes`, scaled by the largest `|x|`, with its rule.
    private static func powerNorm(_ x: Tensor, p: Double, axes: [Int], keepDims: Bool) -> Tensor {
        let keptShape = Tensor.reducedShape(x.shape, axes: axes, keepDims: true)
        let outShape = Tensor.reducedShape(x.shape, axes: axes, keepDims: keepDims)
        let groupSize = axes.reduce(1) { $0 * x.shape[$1] }
        let norm: Tensor = withNoGrad {
            if groupSize == 0 { return Tensor.zeros(keptShape, dtype: x.dtype) }
            let magnitude = x.detached().abs()
            let peak = magnitude.max(axes: axes, keepDims: true)
            let scale = Tensor.where((peak .> 0).logicalAnd(peak.isFinite()), peak, Tensor.ones([], dtype: x.dtype))
            let scaled = magnitude / scale
            let total = (p == 2 ? scaled * scaled : scaled.pow(p)).sum(axes: axes, keepDims: true)
            return (p == 2 ? total.sqrt() : total.pow(1 / p)) * scale
        }
        return norm.reshaped(outShape).recordedIfNeeded("vectorNorm", [x]) { g, norm in
            let gk = g.reshaped(keptShape), nk = norm.reshaped(keptShape)
            let direction = p == 2 ? x / nk : x.sign() * (x.abs() / nk).pow(p - 1)
            return [Tensor.where(x .== 0, Tensor.zeros([], dtype: x.dtype), gk * direction)]
        }
    }

    /// The matrix norm of every matrix in the last two axes: `[..., m, n]` → `[...]`
    /// (`[..., 1, 1]` with `keepDims`), as `numpy.linalg.norm(x, ord, axis=(-2, -1))` and
    /// `torch.linalg.matrix_norm`. float32 or float64. See ``MatrixNormOrder`` for the orders.
    ///
    /// `.nuclear` and `.spectral` come from the singular values (LAPACK `gesdd`). This function
    /// does not throw: a matrix whose SVD does not converge (in practice only with NaN or
    /// infinite entries) gets a NaN norm.
    ///
    /// Differentiable for every order; `.spectral` assumes the largest singular value is simple
    /// (ties split the gradient evenly), and `.one`/`.infinity` split it among tied columns/rows.
    /// - Precondition: `x` is a float32 or float64 tensor with at least two axes; `.spectral`,
    ///   `.one` and `.infinity` need non-empty matrices.
    public static func matrixNorm(_ x: Tensor, ord: MatrixNormOrder = .frobenius, keepDims: Bool = false) -> Tensor {
        checkMatrices(x, "matrixNorm", name: "x")
        let r = x.rank
        func keep(_ reduced: Tensor) -> Tensor {
            keepDims ? reduced.unsqueezed(axis: -1).unsqueezed(axis: -1) : reduced
        }
        switch ord {
        case .frobenius:
            return vectorNorm(x, ord: 2, axes: [r - 2, r - 1], keepDims: keepDims)
        case .one:
            return keep(x.abs().sum(axis: -2).max(axis: -1))
        case .infinity:
            return keep(x.abs().sum(axis: -1).max(axis: -1))
        case .nuclear:
            return keep(singularValuesOrNaN(x).sum(axis: -1))
        case .spectral:
            return keep(singularValuesOrNaN(x).max(axis: -1))
        }
    }
}
