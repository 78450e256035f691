import Tensors

@_exported import enum Tensors.LossReduction

extension LossReduction {
    /// Combines per-element losses: unchanged, their mean, or their sum.
    func apply(_ perElement: Tensor) -> Tensor {
        switch self {
        case .none: perElement
        case .mean: perElement.mean()
        case .sum: perElement.sum()
        }
    }
}

/// Checks that a loss's input and target agree in shape and dtype.
func checkSameShape(_ input: Tensor, _ target: Tensor, _ name: StaticString) {
    precondition(input.shape == target.shape, "\(name): input \(input.shape) and target \(target.shape) differ in shape")
    precondition(input.dtype == target.dtype && input.dtype.isFloatingPoint,
                 "\(name): input and target must share a float dtype, got \(input.dtype) and \(target.dtype)")
}
