extension Tensor {
    /// The running sum along `axis` (`numpy.cumsum`, `torch.cumsum`): element `i` of each lane
    /// is the sum of elements `0...i`.
    ///
    /// The result has this shape; float and `int64` tensors keep their dtype, `bool` tensors
    /// give `int64` (counts), as NumPy. Differentiable: the gradient is the reversed running
    /// sum of the output gradient.
    /// - Precondition: the rank is at least 1; `axis` is in range (negative counts from the end).
    public func cumsum(axis: Int) -> Tensor {
        let a = existingAxis(axis, "cumsum")
        let source = dtype == .bool ? to(.int64) : self
        let out = Tensor(uninitializedShape: shape, dtype: source.dtype)
        let length = shape[a], sourceStride = source.strides[a], outStride = out.strides[a]
        func run<T: NumericElement>(_: T.Type) {
            let src = source.basePointer(T.self), dst = out.basePointer(T.self)
            forEachLane(along: a, of: source, and: out) { s, d in
                var total: T = 0
                for i in 0..<length {
                    total += src[s + i * sourceStride]
                    dst[d + i * outStride] = total
                }
            }
        }
        switch source.dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int.self)
        case .bool: preconditionFailure("unreachable: bool is converted to int64")
        }
        return out.recordedIfNeeded("cumsum", [self]) { g, _ in
            [g.flipped(axis: a).cumsum(axis: a).flipped(axis: a)]
        }
    }
}
