extension Tensor {
    /// This tensor converted to `dtype` (a new tensor; the same one when the dtype already
    /// matches). Floats become integers by rounding toward zero, NaN and infinities become 0,
    /// and any nonzero value becomes `true`. Differentiable between float dtypes.
    public func to(_ target: DType) -> Tensor {
        if target == dtype { return self }
        let out = Tensor(uninitializedLike: self, dtype: target)
        func convert<S: TensorElement>(_: S.Type) {
            switch target {
            case .float32: mapElements(self, into: out, S.self, Float.self) { Float(fromDouble: $0.doubleValue) }
            case .float64: mapElements(self, into: out, S.self, Double.self) { $0.doubleValue }
            case .int64:
                if S.self == Bool.self {
                    mapElements(self, into: out, S.self, Int.self) { $0.doubleValue != 0 ? 1 : 0 }
                } else {
                    mapElements(self, into: out, S.self, Int.self) { Int(fromDouble: $0.doubleValue) }
                }
            case .bool: mapElements(self, into: out, S.self, Bool.self) { $0.doubleValue != 0 }
            }
        }
        switch dtype {
        case .float32: convert(Float.self)
        case .float64: convert(Double.self)
        case .int64:
            // Integers go through Int directly so that values above 2^53 survive.
            if target == .float32 || target == .float64 || target == .bool {
                convert(Int.self)
            }
        case .bool: convert(Bool.self)
        }
        guard dtype.isFloatingPoint && target.isFloatingPoint else { return out }
        let source = dtype
        guard Tensor.recording(self) else { return out }
        return out.recorded("cast", [self]) { g, _ in [g.to(source)] }
    }

    /// A contiguous copy that owns its memory (no autodiff history is shared; the copy is
    /// recorded so gradients flow back to this tensor).
    public func clone() -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        copyElements(from: self, to: out)
        guard Tensor.recording(self) else { return out }
        return out.recorded("clone", [self]) { g, _ in [g] }
    }

    /// This tensor when its elements are already in row-major order, else a contiguous copy.
    public func contiguous() -> Tensor {
        isContiguous ? self : clone()
    }
}
