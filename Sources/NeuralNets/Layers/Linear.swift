import Tensors

/// A fully connected layer, `y = x·Wᵀ + b`, with PyTorch's layout (`weight` is
/// `[outFeatures, inFeatures]`) and initialisation (uniform in ±1/√inFeatures).
public final class Linear: Module, UnaryLayer {
    public let weight: Tensor
    public let bias: Tensor?

    /// - Precondition: both sizes are positive.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        precondition(inFeatures > 0 && outFeatures > 0,
                     "Linear: sizes must be positive, got \(inFeatures) → \(outFeatures)")
        let bound = 1 / Double(inFeatures).squareRoot()
        weight = Tensor.uniform([outFeatures, inFeatures], low: -bound, high: bound, dtype: dtype).requiringGrad()
        self.bias = bias ? Tensor.uniform([outFeatures], low: -bound, high: bound, dtype: dtype).requiringGrad() : nil
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    /// `[..., inFeatures]` → `[..., outFeatures]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.linear(input, weight: weight, bias: bias)
    }
}

/// A lookup table of `count` vectors of size `dimension` (PyTorch's `nn.Embedding`), initialised
/// from the standard normal distribution.
public final class Embedding: Module, UnaryLayer {
    public let weight: Tensor

    /// - Precondition: both sizes are positive.
    public init(_ count: Int, _ dimension: Int, dtype: DType = .float32) {
        precondition(count > 0 && dimension > 0, "Embedding: sizes must be positive, got \(count) × \(dimension)")
        weight = Tensor.randn([count, dimension], dtype: dtype).requiringGrad()
    }

    /// `int64` indices of any shape → `[..., dimension]`.
    /// - Precondition: indices are `int64` in `0..<count`.
    public func callAsFunction(_ indices: Tensor) -> Tensor {
        precondition(indices.dtype == .int64, "Embedding: indices must be int64, got \(indices.dtype)")
        return weight.indexSelect(axis: 0, indices: indices.flattened()).reshaped(indices.shape + [weight.shape[1]])
    }
}
