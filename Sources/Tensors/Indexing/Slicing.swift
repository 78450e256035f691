extension Tensor {
    /// A view selected by NumPy-style basic indexing, e.g. `x[0]`, `x[1..<3, .all]`,
    /// `x[.ellipsis, -1]`, `x[.slice(step: -1)]`, `x[.all, .newAxis]`.
    ///
    /// Each entry applies to the next axis: an `Int` takes one position and removes the axis
    /// (negative positions count from the end); a range or ``TensorIndex/slice(start:end:step:)``
    /// keeps the axis, with NumPy's slice rules (negative bounds count from the end, bounds past
    /// the ends are clamped, negative steps walk backwards); ``TensorIndex/all`` keeps the axis
    /// whole; ``TensorIndex/newAxis`` inserts a size-1 axis; ``TensorIndex/ellipsis`` stands for
    /// all the axes not otherwise named. Axes after the last entry are kept whole.
    ///
    /// The result shares storage with this tensor (no copy) and has this tensor's dtype. It is
    /// differentiable: the gradient is zero outside the selected elements.
    ///
    /// Assigning (`x[0..<2, .all] = y`) copies `y`, converted to this dtype and broadcast to the
    /// selected shape, into the selected elements. Assignment is not recorded for autodiff.
    ///
    /// - Precondition: an `Int` entry is within `-size..<size`; slice steps are not 0; at most
    ///   one ellipsis; no more axis-consuming entries than the rank. For assignment: the value
    ///   broadcasts to the selection's shape, and this tensor does not require gradients while
    ///   recording is on (assign inside ``withNoGrad(_:)``).
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        get { sliced(indices.map(\.tensorIndex)) }
        set { assign(newValue, at: indices.map(\.tensorIndex)) }
    }

    /// The view selected by `indices` (see ``subscript(_:)``), for index lists built in code.
    public func sliced(_ indices: [TensorIndex]) -> Tensor {
        let spec = ResolvedSlice(indices, shape: shape)
        return injectiveView("slice") { spec.view(of: $0) }
    }

    /// Copies `value` (converted to this dtype, broadcast) into the elements selected by
    /// `indices`. Not recorded for autodiff.
    /// - Precondition: as for the setter of ``subscript(_:)``.
    public func assign(_ value: Tensor, at indices: [TensorIndex]) {
        precondition(!(requiresGrad && GradMode.isEnabled),
                     "subscript assignment: the tensor (shape \(shape)) requires gradients; assign inside withNoGrad")
        let target = ResolvedSlice(indices, shape: shape).view(of: self)
        precondition(Shape.broadcast(value.shape, target.shape) == target.shape,
                     "subscript assignment: a value of shape \(value.shape) does not broadcast to the selected shape \(target.shape)")
        let source = withNoGrad { () -> Tensor in
            let converted = value.to(dtype)
            // A source overlapping the destination is copied first so no element is read after it is overwritten.
            return converted.sharesStorage(with: self) ? converted.clone() : converted
        }
        copyElements(from: source, to: target)
    }

    /// A view of `length` consecutive positions of `axis` starting at `start`, as
    /// `torch.narrow`. Differentiable.
    /// - Precondition: `0 ≤ start`, `0 ≤ length`, `start + length ≤ shape[axis]`
    ///   (a negative `start` counts from the end).
    public func narrowed(axis: Int, start: Int, length: Int) -> Tensor {
        let a = existingAxis(axis, "narrowed")
        let first = start < 0 ? start + shape[a] : start
        precondition(first >= 0 && length >= 0 && first + length <= shape[a],
                     "narrowed: positions \(start)..<\(start + length) are out of range for axis \(axis) of size \(shape[a])")
        if first == 0 && length == shape[a] { return self }
        return stepped(axis: a, start: first, count: length, step: 1)
    }

    /// The view of `count` positions of `axis` from `start` by `step` (exact positions, no
    /// NumPy bound rules). Differentiable. The caller guarantees the positions are in range.
    func stepped(axis: Int, start: Int, count: Int, step: Int) -> Tensor {
        let spec = ResolvedSlice(axis: axis, start: start, count: count, step: step, shape: shape)
        return injectiveView("slice") { spec.view(of: $0) }
    }

    /// A view with the order of positions along `axis` reversed (`numpy.flip`), by a negative
    /// stride. Differentiable.
    public func flipped(axis: Int) -> Tensor { flipped(axes: [axis]) }

    /// A view with the order of positions reversed along each of `axes`. Differentiable.
    /// - Precondition: the axes are in range and distinct.
    public func flipped(axes: [Int]) -> Tensor {
        let normalized = Shape.normalize(axes: axes, rank: rank, "flipped")
        let entries = (0..<rank).map { normalized.contains($0) ? TensorIndex.slice(step: -1) : .all }
        return sliced(entries)
    }
}
