extension Tensor {
    /// The positions `indices` along `axis`, in that order (`torch.index_select`,
    /// `numpy.take(x, indices, axis)` without negative indices).
    ///
    /// The result has this tensor's shape with `shape[axis]` replaced by `indices.count`, and
    /// this dtype (every dtype works). Indices may repeat. Differentiable in this tensor: the
    /// gradient adds each output slice back at its position.
    /// - Precondition: `indices` is a 1-D `int64` tensor with values in `0..<shape[axis]`;
    ///   `axis` is in range (negative counts from the end); the rank is at least 1.
    public func indexSelect(axis: Int, indices: Tensor) -> Tensor {
        precondition(indices.dtype == .int64 && indices.rank == 1,
                     "indexSelect: indices must be a 1-D int64 tensor, got \(indices.dtype) of shape \(indices.shape)")
        let a = existingAxis(axis, "indexSelect")
        var outShape = shape
        outShape[a] = indices.shape[0]
        var indexStrides = [Int](repeating: 0, count: rank)
        indexStrides[a] = indices.strides[0]
        // The indices seen through the output's shape: constant along the other axes.
        let spread = indices.view(shape: outShape, strides: indexStrides)
        let out = Tensor.gatherKernel(self, axis: a, indices: spread, "indexSelect")
        return out.recordedIfNeeded("indexSelect", [self]) { [shape] g, _ in
            [Tensor.zeros(shape, dtype: g.dtype).scatterAdd(axis: a, indices: spread, source: g)]
        }
    }

    /// Values picked along `axis` by an index tensor of the same rank (`torch.gather`): for a
    /// 3-D tensor and `axis` 1, `out[i][j][k] = self[i][indices[i][j][k]][k]`.
    ///
    /// The result has the shape of `indices` and this dtype (every dtype works).
    /// Differentiable in this tensor (the gradient scatter-adds back to the picked positions).
    /// - Precondition: `indices` is `int64` with this rank, values in `0..<shape[axis]`, and
    ///   `indices.shape[d] ≤ shape[d]` on every other axis `d`; the rank is at least 1.
    public func gather(axis: Int, indices: Tensor) -> Tensor {
        let a = checkIndexArguments(axis: axis, indices: indices, "gather")
        let out = Tensor.gatherKernel(self, axis: a, indices: indices, "gather")
        return out.recordedIfNeeded("gather", [self]) { [shape] g, _ in
            [Tensor.zeros(shape, dtype: g.dtype).scatterAdd(axis: a, indices: indices, source: g)]
        }
    }

    /// A copy of this tensor with each element of `source` added at the position named by
    /// `indices` along `axis` (`torch.scatter_add`, out of place): for a 2-D tensor and `axis` 0,
    /// `out[indices[i][j]][j] += source[i][j]`. Repeated positions accumulate.
    ///
    /// Only the leading `indices.shape` block of `source` is used. The result has this shape
    /// and dtype. Differentiable in this tensor and in `source`.
    /// - Precondition: this tensor and `source` share a numeric dtype (not bool) and rank;
    ///   `indices` is `int64` with that rank, values in `0..<shape[axis]`,
    ///   `indices.shape[d] ≤ source.shape[d]` on every axis and `≤ shape[d]` on the others.
    public func scatterAdd(axis: Int, indices: Tensor, source: Tensor) -> Tensor {
        let a = checkIndexArguments(axis: axis, indices: indices, "scatterAdd")
        precondition(source.dtype == dtype,
                     "scatterAdd: source dtype \(source.dtype) differs from the tensor's \(dtype)")
        precondition(source.rank == rank && zip(indices.shape, source.shape).allSatisfy { $0 <= $1 },
                     "scatterAdd: indices of shape \(indices.shape) must not exceed the source shape \(source.shape)")
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        copyElements(from: self, to: out)
        Tensor.scatterAddKernel(into: out, axis: a, indices: indices, source: source, "scatterAdd")
        let selfNeedsGradient = requiresGrad, sourceNeedsGradient = source.requiresGrad, sourceShape = source.shape
        return out.recordedIfNeeded("scatterAdd", [self, source]) { g, _ in
            var sourceGradient: Tensor?
            if sourceNeedsGradient {
                let picked = g.gather(axis: a, indices: indices)
                sourceGradient = picked.shape == sourceShape ? picked
                    : picked.padded(zip(indices.shape, sourceShape).map { (before: 0, after: $1 - $0) })
            }
            return [selfNeedsGradient ? g : nil, sourceGradient]
        }
    }

    /// Validates the shared arguments of ``gather(axis:indices:)`` and
    /// ``scatterAdd(axis:indices:source:)``; returns the normalised axis.
    private func checkIndexArguments(axis: Int, indices: Tensor, _ name: StaticString) -> Int {
        precondition(indices.dtype == .int64, "\(name): indices must be int64, got \(indices.dtype)")
        precondition(indices.rank == rank,
                     "\(name): indices of shape \(indices.shape) must have the rank of the tensor's shape \(shape)")
        let a = existingAxis(axis, name)
        for d in 0..<rank where d != a {
            precondition(indices.shape[d] <= shape[d],
                         "\(name): indices of shape \(indices.shape) exceed shape \(shape) on axis \(d)")
        }
        return a
    }
}
