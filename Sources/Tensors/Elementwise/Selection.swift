extension Tensor {
    /// `a` where `condition` is true and `b` elsewhere, with all three broadcast together
    /// (as `numpy.where`). Differentiable in `a` and `b`.
    /// - Precondition: `condition` is `bool`; `a` and `b` share a dtype; the shapes broadcast.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(condition.dtype == .bool, "where: the condition must be a bool tensor, got \(condition.dtype)")
        precondition(a.dtype == b.dtype, "where: dtypes \(a.dtype) and \(b.dtype) differ")
        let shape = Shape.broadcastOrTrap(Shape.broadcastOrTrap(condition.shape, a.shape, "where"), b.shape, "where")
        let out = Tensor(uninitializedShape: shape, dtype: a.dtype)
        func select<T: TensorElement>(_: T.Type) {
            mapElements(condition, a, b, into: out, Bool.self, T.self, T.self, T.self) { $0 ? $1 : $2 }
        }
        switch a.dtype {
        case .float32: select(Float.self)
        case .float64: select(Double.self)
        case .int64: select(Int.self)
        case .bool: select(Bool.self)
        }
        return out.recordedIfNeeded("where", [a, b]) { g, _ in
            let zero = Tensor.zeros([], dtype: g.dtype)
            return [a.requiresGrad ? Tensor.where(condition, g, zero).sumTo(a.shape) : nil,
                    b.requiresGrad ? Tensor.where(condition, zero, g).sumTo(b.shape) : nil]
        }
    }

    /// A copy with `value` wherever `mask` (broadcast to this shape) is true. The gradient
    /// flows to the elements that were kept.
    public func maskedFill(_ mask: Tensor, with value: Double) -> Tensor {
        precondition(Shape.broadcast(mask.shape, shape) == shape,
                     "maskedFill: mask shape \(mask.shape) does not broadcast to \(shape)")
        return Tensor.where(mask, scalarLike(value), self)
    }

    /// Each element limited to `[min, max]` (either bound may be omitted). The gradient is
    /// passed where `min ≤ x ≤ max`, as PyTorch does. NaN stays NaN.
    public func clamp(min lower: Double? = nil, max upper: Double? = nil) -> Tensor {
        precondition(lower != nil || upper != nil, "clamp: give min, max or both")
        if let lower, let upper { precondition(lower <= upper, "clamp: min \(lower) is above max \(upper)") }
        let out = Tensor(uninitializedLike: self)
        func run<T: NumericElement>(_: T.Type) {
            let lo = lower.map { T(fromDouble: $0) }, hi = upper.map { T(fromDouble: $0) }
            mapElements(self, into: out, T.self, T.self) { v in
                var r = v
                if let lo, r < lo { r = lo }
                if let hi, r > hi { r = hi }
                return r
            }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int.self)
        case .bool: preconditionFailure("clamp is not defined for bool tensors")
        }
        return out.recordedIfNeeded("clamp", [self]) { [self] g, _ in
            let aboveLower = lower.map { self .>= $0 }, belowUpper = upper.map { self .<= $0 }
            let inside = aboveLower.map { a in belowUpper.map { a.logicalAnd($0) } ?? a } ?? belowUpper!
            return [Tensor.where(inside, g, Tensor.zeros([], dtype: g.dtype))]
        }
    }
}
