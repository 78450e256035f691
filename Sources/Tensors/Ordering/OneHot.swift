extension Tensor {
    /// The one-hot encoding of an `int64` tensor of class labels (`torch.nn.functional.one_hot`):
    /// the result has shape `shape + [classes]`, with 1 at position `[..., label]` and 0
    /// elsewhere, in `dtype`. Not differentiable (labels are integers).
    /// - Precondition: this tensor is `int64`; `classes ≥ 0`; every label is in `0..<classes`.
    public func oneHot(classes: Int, dtype target: DType = .float32) -> Tensor {
        precondition(dtype == .int64, "oneHot: labels must be an int64 tensor, got \(dtype)")
        precondition(classes >= 0, "oneHot: classes must be non-negative, got \(classes)")
        let out = Tensor.zeros(shape + [classes], dtype: target)
        func run<T: TensorElement>(_ one: T) {
            let dst = out.basePointer(T.self)
            forEachElement(self, Int.self) { label, flat in
                precondition(label >= 0 && label < classes,
                             "oneHot: label \(label) is out of range for \(classes) classes")
                dst[flat * classes + label] = one
            }
        }
        switch target {
        case .float32: run(Float(1))
        case .float64: run(Double(1))
        case .int64: run(Int(1))
        case .bool: run(true)
        }
        return out
    }
}
