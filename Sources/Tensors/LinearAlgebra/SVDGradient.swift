extension Linalg {
    /// The gradient of the reduced SVD `a = u·diag(s)·vt` (`u` `[..., m, k]`, `vt` `[..., k, n]`),
    /// from the gradients of whichever outputs received one (`nil` for the others); `nil` when
    /// none did.
    ///
    /// With `F[i, j] = 1/(s[j]² − s[i]²)` off the diagonal (0 on it), `J = F∘(uᵀū − ūᵀu)` and
    /// `K = F∘(vᵀv̄ − v̄ᵀv)` where `v = vtᵀ`:
    ///
    ///     ā = u·(J·S + diag(s̄) + S·K)·vt + (I − u·uᵀ)·ū·S⁻¹·vt + u·S⁻¹·v̄ᵀ·(I − v·vᵀ)
    ///
    /// (the projection terms vanish when `u` or `v` is square). Each term involves one output's
    /// gradient, so absent outputs just drop out; the gap factor `F` is only formed for the
    /// singular vectors, so a gradient through `s` alone is defined for repeated values too.
    static func svdGradient(u: Tensor, s: Tensor, vt: Tensor, gu: Tensor?, gs: Tensor?, gvt: Tensor?) -> Tensor? {
        let m = u.shape[u.rank - 2], n = vt.shape[vt.rank - 1], k = s.shape[s.rank - 1]
        let sRow = s.unsqueezed(axis: -2), sColumn = s.unsqueezed(axis: -1)
        var inner = gs.map(Tensor.diagonalMatrix)
        func add(_ term: Tensor) { inner = inner.map { $0 + term } ?? term }
        let gaps = gu != nil || gvt != nil ? gapReciprocals(s * s) : nil
        if let gu, let gaps {
            let product = u.transposed().matmul(gu)
            add(gaps * (product - product.transposed()) * sRow)
        }
        if let gvt, let gaps {
            let product = vt.matmul(gvt.transposed())
            add(sColumn * (gaps * (product - product.transposed())))
        }
        var ga = inner.map { u.matmul($0).matmul(vt) }
        func addToResult(_ term: Tensor) { ga = ga.map { $0 + term } ?? term }
        if let gu, m > k {
            addToResult((gu - u.matmul(u.transposed().matmul(gu))).matmul(vt / sColumn))
        }
        if let gvt, n > k {
            addToResult((u / sRow).matmul(gvt - gvt.matmul(vt.transposed()).matmul(vt)))
        }
        return ga
    }
}
