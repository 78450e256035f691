extension Tensor {
    /// The elements where `mask` is true, in row-major order, as a 1-D tensor
    /// (`torch.masked_select`, `x[mask]` in NumPy). The mask is broadcast to this shape.
    ///
    /// The result is a copy with this dtype. Differentiable in this tensor.
    /// - Precondition: `mask` is `bool` and broadcasts to this shape.
    public func maskedSelect(_ mask: Tensor) -> Tensor {
        precondition(mask.dtype == .bool, "maskedSelect: the mask must be a bool tensor, got \(mask.dtype)")
        precondition(Shape.broadcast(mask.shape, shape) == shape,
                     "maskedSelect: mask shape \(mask.shape) does not broadcast to \(shape)")
        let full = mask.view(shape: shape, strides: mask.stridesBroadcast(to: shape))
        var positions: [Int] = []
        forEachElement(full, Bool.self) { keep, flat in if keep { positions.append(flat) } }
        return reshaped([-1]).indexSelect(axis: 0, indices: Tensor(positions, shape: [positions.count]))
    }

    /// `maskedSelect(mask)`: the elements where `mask` is true, as a 1-D tensor.
    public subscript(mask mask: Tensor) -> Tensor { maskedSelect(mask) }

    /// Integer-array indexing on the first axis, as `x[indices]` in NumPy: the result has
    /// shape `indices.shape + shape[1...]`, entry `p` being `self[indices[p]]`. Negative
    /// indices count from the end. A copy; differentiable in this tensor.
    /// - Precondition: `indices` is `int64` with values in `-shape[0]..<shape[0]`; the rank is
    ///   at least 1.
    public subscript(indices indices: Tensor) -> Tensor {
        precondition(rank >= 1, "subscript(indices:): the tensor must have at least one axis, got a 0-d tensor")
        precondition(indices.dtype == .int64, "subscript(indices:): indices must be int64, got \(indices.dtype)")
        let size = shape[0]
        let positions = indices.scalars(as: Int.self).map { i -> Int in
            precondition(i >= -size && i < size,
                         "subscript(indices:): index \(i) is out of range for axis 0 of size \(size)")
            return i < 0 ? i + size : i
        }
        let rows = indexSelect(axis: 0, indices: Tensor(positions, shape: [positions.count]))
        return rows.reshaped(indices.shape + shape.dropFirst())
    }
}
