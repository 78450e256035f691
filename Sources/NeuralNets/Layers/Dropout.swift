import Tensors

/// Dropout (Srivastava et al. 2014) with inverted scaling: in training each element is zeroed
/// with probability `p` and the survivors are scaled by 1/(1 − p), so evaluation needs no
/// rescaling; in evaluation mode it is the identity. Masks come from the shared generator.
public final class Dropout: Module, UnaryLayer {
    public let p: Double
    /// - Precondition: `0 ≤ p < 1`.
    public init(p: Double = 0.5) {
        precondition(p >= 0 && p < 1, "Dropout: p must be in [0, 1), got \(p)")
        self.p = p
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining && p > 0 else { return x }
        return x * (Tensor.bernoulli(x.shape, probability: 1 - p, dtype: x.dtype) / (1 - p))
    }
}

/// Drop path, or stochastic depth (Huang et al. 2016): in training each sample (along the first
/// axis) of a residual branch is dropped whole with probability `p`, survivors scaled by
/// 1/(1 − p). Use it on the branch: `x + dropPath(f(x))`.
public final class DropPath: Module, UnaryLayer {
    public let p: Double
    /// - Precondition: `0 ≤ p < 1`.
    public init(p: Double) {
        precondition(p >= 0 && p < 1, "DropPath: p must be in [0, 1), got \(p)")
        self.p = p
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining && p > 0, let batch = x.shape.first else { return x }
        let keep = Tensor.bernoulli([batch] + [Int](repeating: 1, count: x.rank - 1), probability: 1 - p, dtype: x.dtype)
        return x * (keep / (1 - p))
    }
}
