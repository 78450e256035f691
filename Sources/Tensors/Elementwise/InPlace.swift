extension Tensor {
    /// Checks that this tensor may be written in place: no recorded history depends on it.
    private func checkWritable(_ name: StaticString) {
        precondition(!(requiresGrad && GradMode.isEnabled),
                     "\(name): the tensor requires gradients; update it inside withNoGrad { } (as an optimizer step does)")
    }

    /// Copies `source` (broadcast to this shape, converted to this dtype) into this tensor's
    /// memory. The source may overlap this tensor (it is copied first then). Not recorded.
    public func assign(_ source: Tensor) {
        assign(source, at: [])
    }

    /// `self += alpha · other` in place (BLAS axpy semantics), with `other` broadcast to this
    /// shape. Not recorded; this is what optimizer updates use.
    public func add(_ other: Tensor, scaledBy alpha: Double = 1) {
        checkWritable("add(_:scaledBy:)")
        precondition(other.dtype == dtype, "add(_:scaledBy:): dtype \(other.dtype) into \(dtype)")
        precondition(Shape.broadcast(other.shape, shape) == shape,
                     "add(_:scaledBy:): shape \(other.shape) does not broadcast to \(shape)")
        switch dtype {
        case .float32: updateInPlace(other, Float.self) { $0 + Float(alpha) * $1 }
        case .float64: updateInPlace(other, Double.self) { $0 + alpha * $1 }
        case .int64: updateInPlace(other, Int.self) { $0 &+ Int(fromDouble: alpha) &* $1 }
        case .bool: preconditionFailure("add(_:scaledBy:) is not defined for bool tensors")
        }
    }

    /// `self *= factor` in place. Not recorded.
    public func scale(by factor: Double) {
        checkWritable("scale(by:)")
        switch dtype {
        case .float32: updateInPlace(self, Float.self) { x, _ in x * Float(factor) }
        case .float64: updateInPlace(self, Double.self) { x, _ in x * factor }
        case .int64: updateInPlace(self, Int.self) { x, _ in x &* Int(fromDouble: factor) }
        case .bool: preconditionFailure("scale(by:) is not defined for bool tensors")
        }
    }

    /// Sets every element to `value`. Not recorded.
    public func fill(_ value: Double) {
        checkWritable("fill")
        fill(with: value)
    }

    /// `self[i] = f(self[i], other[i])` over this tensor's own layout.
    @inline(__always)
    private func updateInPlace<T>(_ other: Tensor, _: T.Type, _ f: (T, T) -> T) {
        let dst = basePointer(T.self), src = other.basePointer(T.self)
        if isContiguous && other.isContiguous && other.count == count {
            for i in 0..<count { dst[i] = f(dst[i], src[i]) }
            return
        }
        let layout = StridedLayout(shape: shape, strides, other.stridesBroadcast(to: shape))
        layout.forEachRow(offsets: [0, 0]) { o, n, s in
            let d = dst + o[0], p = src + o[1]
            for i in 0..<n { d[i * s[0]] = f(d[i * s[0]], p[i * s[1]]) }
        }
    }
}
