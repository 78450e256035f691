import Tensors

/// `(x − mean) / √(variance + ε)` over `axes`, with the biased variance, as every
/// normalisation layer computes it.
func normalize(_ x: Tensor, axes: [Int], epsilon: Double) -> Tensor {
    let mean = x.mean(axes: axes, keepDims: true)
    let centered = x - mean
    let variance = (centered * centered).mean(axes: axes, keepDims: true)
    return centered / (variance + epsilon).sqrt()
}

/// The shape that broadcasts a per-channel vector against `[N, C, …]` of `rank`.
private func channelShape(_ channels: Int, rank: Int) -> [Int] {
    [1, channels] + [Int](repeating: 1, count: Swift.max(rank - 2, 0))
}

/// Batch normalisation (Ioffe and Szegedy 2015) over `[N, C]` or `[N, C, …]` (PyTorch's
/// `BatchNorm1d` and `BatchNorm2d`): in training it normalises with the batch's statistics and
/// updates running estimates (`running = (1 − momentum)·running + momentum·batch`, the running
/// variance unbiased); in evaluation it uses the running estimates.
public class BatchNorm: Module, UnaryLayer {
    public let weight: Tensor?
    public let bias: Tensor?
    @Buffer public var runningMean: Tensor
    @Buffer public var runningVar: Tensor
    @Buffer public var numBatchesTracked: Tensor
    public let epsilon: Double, momentum: Double
    let expectedRanks: Set<Int>

    init(_ channels: Int, epsilon: Double, momentum: Double, affine: Bool, dtype: DType, ranks: Set<Int>) {
        precondition(channels > 0, "BatchNorm: channels must be positive")
        weight = affine ? Tensor.ones([channels], dtype: dtype).requiringGrad() : nil
        bias = affine ? Tensor.zeros([channels], dtype: dtype).requiringGrad() : nil
        runningMean = Tensor.zeros([channels], dtype: dtype)
        runningVar = Tensor.ones([channels], dtype: dtype)
        numBatchesTracked = Tensor.zeros([], dtype: .int64)
        self.epsilon = epsilon
        self.momentum = momentum
        expectedRanks = ranks
    }

    /// PyTorch's buffer names, so that state dictionaries move between the two.
    public override var ownBuffers: [(String, Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVar), ("num_batches_tracked", numBatchesTracked)]
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let channels = runningMean.count
        precondition(expectedRanks.contains(x.rank) && x.shape[1] == channels,
                     "\(type(of: self)): expected \(expectedRanks.sorted().map { "rank \($0)" }.joined(separator: " or ")) input with \(channels) channels, got \(x.shape)")
        let axes = [0] + Array(2..<x.rank)
        let shape = channelShape(channels, rank: x.rank)
        let normalized: Tensor
        if isTraining {
            let count = axes.reduce(1) { $0 * x.shape[$1] }
            precondition(count > 1, "\(type(of: self)): training needs more than one value per channel, got input \(x.shape)")
            normalized = normalize(x, axes: axes, epsilon: epsilon)
            withNoGrad {
                let mean = x.mean(axes: axes)
                let unbiased = x.variance(axes: axes, correction: 1)
                runningMean.assign((1 - momentum) * runningMean + momentum * mean)
                runningVar.assign((1 - momentum) * runningVar + momentum * unbiased)
                numBatchesTracked.assign(numBatchesTracked + 1)
            }
        } else {
            normalized = (x - runningMean.reshaped(shape)) / (runningVar.reshaped(shape) + epsilon).sqrt()
        }
        guard let weight, let bias else { return normalized }
        return normalized * weight.reshaped(shape) + bias.reshaped(shape)
    }
}

/// Batch normalisation of `[N, C]` or `[N, C, L]` (PyTorch's `BatchNorm1d`).
public final class BatchNorm1d: BatchNorm {
    public init(_ channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .float32) {
        super.init(channels, epsilon: epsilon, momentum: momentum, affine: affine, dtype: dtype, ranks: [2, 3])
    }
}

/// Batch normalisation of `[N, C, H, W]` (PyTorch's `BatchNorm2d`).
public final class BatchNorm2d: BatchNorm {
    public init(_ channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .float32) {
        super.init(channels, epsilon: epsilon, momentum: momentum, affine: affine, dtype: dtype, ranks: [4])
    }
}

/// Layer normalisation (Ba et al. 2016) over the trailing `normalizedShape` axes, with a learned
/// elementwise scale and shift (PyTorch's `nn.LayerNorm`).
public final class LayerNorm: Module, UnaryLayer {
    public let weight: Tensor?
    public let bias: Tensor?
    public let normalizedShape: [Int]
    public let epsilon: Double

    public init(_ normalizedShape: [Int], epsilon: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType = .float32) {
        precondition(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
                     "LayerNorm: normalizedShape must be non-empty and positive, got \(normalizedShape)")
        weight = elementwiseAffine ? Tensor.ones(normalizedShape, dtype: dtype).requiringGrad() : nil
        self.bias = elementwiseAffine && bias ? Tensor.zeros(normalizedShape, dtype: dtype).requiringGrad() : nil
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon
    }

    public convenience init(_ features: Int, epsilon: Double = 1e-5, elementwiseAffine: Bool = true, dtype: DType = .float32) {
        self.init([features], epsilon: epsilon, elementwiseAffine: elementwiseAffine, dtype: dtype)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(Array(x.shape.suffix(normalizedShape.count)) == normalizedShape,
                     "LayerNorm: input \(x.shape) does not end in \(normalizedShape)")
        return Tensor.layerNorm(x, normalizedShape: normalizedShape, weight: weight, bias: bias, epsilon: epsilon)
    }
}

/// Group normalisation (Wu and He 2018): channels split into groups, each normalised over its
/// channels and positions, then a per-channel scale and shift (PyTorch's `nn.GroupNorm`).
public final class GroupNorm: Module, UnaryLayer {
    public let weight: Tensor?
    public let bias: Tensor?
    public let groups: Int, channels: Int
    public let epsilon: Double

    public init(groups: Int, channels: Int, epsilon: Double = 1e-5, affine: Bool = true, dtype: DType = .float32) {
        precondition(groups > 0 && channels % groups == 0, "GroupNorm: \(channels) channels do not divide into \(groups) groups")
        weight = affine ? Tensor.ones([channels], dtype: dtype).requiringGrad() : nil
        bias = affine ? Tensor.zeros([channels], dtype: dtype).requiringGrad() : nil
        self.groups = groups
        self.channels = channels
        self.epsilon = epsilon
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2 && x.shape[1] == channels, "GroupNorm: input must be [N, \(channels), …], got \(x.shape)")
        let grouped = x.reshaped([x.shape[0], groups, -1])
        var y = normalize(grouped, axes: [2], epsilon: epsilon).reshaped(x.shape)
        let shape = channelShape(channels, rank: x.rank)
        if let weight { y = y * weight.reshaped(shape) }
        if let bias { y = y + bias.reshaped(shape) }
        return y
    }
}

/// Instance normalisation (Ulyanov et al. 2016): each sample's channel normalised over its
/// positions (PyTorch's `InstanceNorm1d`/`InstanceNorm2d` without running statistics);
/// `affine` adds a per-channel scale and shift.
public final class InstanceNorm: Module, UnaryLayer {
    public let weight: Tensor?
    public let bias: Tensor?
    public let epsilon: Double

    public init(_ channels: Int, epsilon: Double = 1e-5, affine: Bool = false, dtype: DType = .float32) {
        precondition(channels > 0, "InstanceNorm: channels must be positive")
        weight = affine ? Tensor.ones([channels], dtype: dtype).requiringGrad() : nil
        bias = affine ? Tensor.zeros([channels], dtype: dtype).requiringGrad() : nil
        self.epsilon = epsilon
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 3, "InstanceNorm: input must be [N, C, …] with positions, got \(x.shape)")
        var y = normalize(x, axes: Array(2..<x.rank), epsilon: epsilon)
        let shape = channelShape(x.shape[1], rank: x.rank)
        if let weight { y = y * weight.reshaped(shape) }
        if let bias { y = y + bias.reshaped(shape) }
        return y
    }
}

/// Root-mean-square normalisation (Zhang and Sennrich 2019): `x / √(mean(x²) + ε) · w` over the
/// trailing `normalizedShape` axes, without centring (PyTorch's `nn.RMSNorm`; ε defaults to the
/// dtype's machine epsilon, as there).
public final class RMSNorm: Module, UnaryLayer {
    public let weight: Tensor?
    public let normalizedShape: [Int]
    public let epsilon: Double?

    public init(_ normalizedShape: [Int], epsilon: Double? = nil, elementwiseAffine: Bool = true, dtype: DType = .float32) {
        precondition(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
                     "RMSNorm: normalizedShape must be non-empty and positive, got \(normalizedShape)")
        weight = elementwiseAffine ? Tensor.ones(normalizedShape, dtype: dtype).requiringGrad() : nil
        self.normalizedShape = normalizedShape
        self.epsilon = epsilon
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(Array(x.shape.suffix(normalizedShape.count)) == normalizedShape,
                     "RMSNorm: input \(x.shape) does not end in \(normalizedShape)")
        let eps = epsilon ?? (x.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne)
        let axes = Array((x.rank - normalizedShape.count)..<x.rank)
        var y = x / ((x * x).mean(axes: axes, keepDims: true) + eps).sqrt()
        if let weight { y = y * weight }
        return y
    }
}
