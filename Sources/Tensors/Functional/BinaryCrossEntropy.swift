/// How a loss combines its per-element values.
public enum LossReduction: Sendable {
    /// Keep one value per element.
    case none
    /// Average over all elements (the default, as in PyTorch).
    case mean
    /// Add up all elements.
    case sum
}

extension Tensor {
    /// Binary cross-entropy between `targets` (probabilities in [0, 1]) and `sigmoid(logits)`,
    /// computed from the logits in one numerically stable pass, as PyTorch's
    /// `binary_cross_entropy_with_logits`:
    /// `ℓ = max(z, 0) − z·y + log(1 + e^(−|z|))`.
    ///
    /// One recorded operation; its gradient is `(σ(z) − y)·g` for the logits and `−z·g` for the
    /// targets.
    /// - Precondition: `logits` and `targets` have the same shape and float dtype.
    public static func binaryCrossEntropyWithLogits(_ logits: Tensor, _ targets: Tensor,
                                                    reduction: LossReduction = .mean) -> Tensor {
        precondition(logits.shape == targets.shape,
                     "binaryCrossEntropyWithLogits: logits \(logits.shape) and targets \(targets.shape) differ in shape")
        precondition(logits.dtype == targets.dtype && logits.dtype.isFloatingPoint,
                     "binaryCrossEntropyWithLogits: needs matching float dtypes, got \(logits.dtype) and \(targets.dtype)")
        let z = logits.detached(), y = targets.detached()
        let perElement = Tensor(uninitializedShape: logits.shape, dtype: logits.dtype)
        func run<T: FloatingPointElement>(_: T.Type) {
            mapElements(z, y, into: perElement, T.self, T.self) { z, y in
                Swift.max(z, 0) - z * y + T.log(onePlus: T.exp(-Swift.abs(z)))
            }
        }
        if logits.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        let out: Tensor
        switch reduction {
        case .none: out = perElement
        case .sum: out = reduceKernel(.sum, perElement, axes: Array(0..<perElement.rank), "sum").reshaped([])
        case .mean:
            out = scalarKernel(.divide, reduceKernel(.sum, perElement, axes: Array(0..<perElement.rank), "mean").reshaped([]),
                               Double(Swift.max(perElement.count, 1)), tensorFirst: true)
        }
        guard recording(logits, targets) else { return out }
        let count = Double(Swift.max(logits.count, 1))
        return out.recorded("binaryCrossEntropyWithLogits", [logits, targets]) { g, _ in
            // The incoming gradient per element: g itself, or g (a scalar) spread evenly.
            let spread = reduction == .none ? g : (reduction == .mean ? g / count : g).expanded(to: logits.shape)
            return [logits.requiresGrad ? (logits.sigmoid() - targets) * spread : nil,
                    targets.requiresGrad ? -(logits * spread) : nil]
        }
    }
}
