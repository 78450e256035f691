import Tensors

/// Weight initialisers, as `torch.nn.init`: each fills a tensor in place (not recorded) and
/// returns it. Random ones draw from the shared generator (`Tensor.manualSeed`) unless a
/// generator is passed.
public enum Init {
    /// The activation that follows a layer, for ``gain(_:)``.
    public enum Nonlinearity: Sendable, Equatable {
        case linear, sigmoid, tanh, relu, selu
        case leakyRelu(negativeSlope: Double)
    }

    /// Fan mode for Kaiming initialisation: preserve the variance of activations (`fanIn`) or of
    /// gradients (`fanOut`).
    public enum FanMode: Sendable { case fanIn, fanOut }

    /// The recommended gain for a nonlinearity (PyTorch's `calculate_gain`).
    public static func gain(_ nonlinearity: Nonlinearity) -> Double {
        switch nonlinearity {
        case .linear, .sigmoid: 1
        case .tanh: 5.0 / 3
        case .relu: 2.0.squareRoot()
        case .selu: 0.75
        case .leakyRelu(let slope): (2 / (1 + slope * slope)).squareRoot()
        }
    }

    /// Fan-in and fan-out of a weight: `[out, in, k…]` counts `in·Πk` and `out·Πk`.
    /// - Precondition: the tensor has at least two axes.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 2, "Init: fan-in and fan-out need a weight with at least 2 axes, got \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    @discardableResult
    public static func uniform(_ t: Tensor, low: Double = 0, high: Double = 1, generator: inout RandomGenerator) -> Tensor {
        fill(t, Tensor.uniform(t.shape, low: low, high: high, dtype: t.dtype, generator: &generator))
    }

    @discardableResult
    public static func uniform(_ t: Tensor, low: Double = 0, high: Double = 1) -> Tensor {
        fill(t, Tensor.uniform(t.shape, low: low, high: high, dtype: t.dtype))
    }

    @discardableResult
    public static func normal(_ t: Tensor, mean: Double = 0, std: Double = 1, generator: inout RandomGenerator) -> Tensor {
        fill(t, Tensor.normal(t.shape, mean: mean, std: std, dtype: t.dtype, generator: &generator))
    }

    @discardableResult
    public static func normal(_ t: Tensor, mean: Double = 0, std: Double = 1) -> Tensor {
        fill(t, Tensor.normal(t.shape, mean: mean, std: std, dtype: t.dtype))
    }

    @discardableResult
    public static func constant(_ t: Tensor, _ value: Double) -> Tensor {
        withNoGrad { t.fill(value) }
        return t
    }

    @discardableResult
    public static func zeros(_ t: Tensor) -> Tensor { constant(t, 0) }

    @discardableResult
    public static func ones(_ t: Tensor) -> Tensor { constant(t, 1) }

    /// Glorot/Xavier uniform: U(−a, a) with `a = gain·√(6 / (fanIn + fanOut))`.
    @discardableResult
    public static func xavierUniform(_ t: Tensor, gain: Double = 1) -> Tensor {
        let (fanIn, fanOut) = fans(t.shape)
        let bound = gain * (6 / Double(fanIn + fanOut)).squareRoot()
        return uniform(t, low: -bound, high: bound)
    }

    /// Glorot/Xavier normal: N(0, σ²) with `σ = gain·√(2 / (fanIn + fanOut))`.
    @discardableResult
    public static func xavierNormal(_ t: Tensor, gain: Double = 1) -> Tensor {
        let (fanIn, fanOut) = fans(t.shape)
        return normal(t, std: gain * (2 / Double(fanIn + fanOut)).squareRoot())
    }

    /// Kaiming/He uniform: U(−b, b) with `b = gain·√(3 / fan)`, the gain of a leaky ReLU with
    /// slope `a` by default (PyTorch's defaults: `a = 0`, fan-in).
    @discardableResult
    public static func kaimingUniform(_ t: Tensor, a: Double = 0, mode: FanMode = .fanIn,
                                      nonlinearity: Nonlinearity? = nil) -> Tensor {
        let std = kaimingStd(t.shape, a: a, mode: mode, nonlinearity: nonlinearity)
        let bound = 3.0.squareRoot() * std
        return uniform(t, low: -bound, high: bound)
    }

    /// Kaiming/He normal: N(0, σ²) with `σ = gain / √fan`.
    @discardableResult
    public static func kaimingNormal(_ t: Tensor, a: Double = 0, mode: FanMode = .fanIn,
                                     nonlinearity: Nonlinearity? = nil) -> Tensor {
        normal(t, std: kaimingStd(t.shape, a: a, mode: mode, nonlinearity: nonlinearity))
    }

    private static func kaimingStd(_ shape: [Int], a: Double, mode: FanMode, nonlinearity: Nonlinearity?) -> Double {
        let (fanIn, fanOut) = fans(shape)
        let fan = Double(mode == .fanIn ? fanIn : fanOut)
        return gain(nonlinearity ?? .leakyRelu(negativeSlope: a)) / fan.squareRoot()
    }

    /// A (semi-)orthogonal matrix scaled by `gain` (Saxe et al. 2013): the weight flattened to
    /// `[rows, rest]` gets orthonormal rows or columns, from the QR decomposition of a normal
    /// matrix with the signs fixed so the result is uniformly distributed.
    @discardableResult
    public static func orthogonal(_ t: Tensor, gain: Double = 1) -> Tensor {
        precondition(t.rank >= 2, "Init.orthogonal: the tensor needs at least 2 axes, got \(t.shape)")
        let rows = t.shape[0], columns = t.count / rows
        let tall = rows < columns ? [columns, rows] : [rows, columns]
        let sample = Tensor.randn(tall, dtype: .float64)
        let (q, r) = Linalg.qr(sample)
        let signs = r.diagonal().sign()
        var matrix = q * signs.reshaped([1, -1])
        if rows < columns { matrix = matrix.transposed() }
        return fill(t, (matrix * gain).reshaped(t.shape).to(t.dtype))
    }

    /// Layer-sequential unit-variance initialisation (Mishkin and Matas 2015) for the layers of
    /// a ``Sequential``: each layer with a `weight` gets an orthogonal weight, then is rescaled
    /// until its output on `batch` has variance within `tolerance` of 1.
    public static func lsuv(_ model: Sequential, batch: Tensor, tolerance: Double = 0.1, maxIterations: Int = 10) {
        withNoGrad {
            var input = batch
            for layer in model.layers {
                if let weight = (layer.namedParameters().first { $0.name == "weight" })?.tensor, weight.rank >= 2 {
                    orthogonal(weight)
                    for _ in 0..<maxIterations {
                        let variance = layer(input).variance().item()
                        guard variance > 0, Swift.abs(variance - 1) > tolerance else { break }
                        weight.scale(by: 1 / variance.squareRoot())
                    }
                }
                input = layer(input)
            }
        }
    }

    @discardableResult
    private static func fill(_ t: Tensor, _ values: Tensor) -> Tensor {
        withNoGrad { t.assign(values) }
        return t
    }
}
