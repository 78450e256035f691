import Tensors

// Activation functions as tensor methods (PyTorch's `torch.nn.functional` names), composed from
// differentiable operations so that their gradients come from the tape. Branches are written so
// that the branch `where` does not select cannot produce inf or NaN: its zero gradient would
// otherwise turn into NaN on the way back (0 · inf).

extension Tensor {
    /// `x` for x > 0, `negativeSlope · x` otherwise.
    public func leakyRelu(negativeSlope: Double = 0.01) -> Tensor {
        Tensor.where(self .> 0, self, self * negativeSlope)
    }

    /// `x` for x > 0, `α(eˣ − 1)` otherwise.
    public func elu(alpha: Double = 1) -> Tensor {
        Tensor.where(self .> 0, self, alpha * (clamp(max: 0).exp() - 1))
    }

    /// Scaled ELU with the self-normalising constants of Klambauer et al. (2017).
    public func selu() -> Tensor {
        1.0507009873554805 * elu(alpha: 1.6732632423543772)
    }

    /// The Gaussian error linear unit, `x·Φ(x)`; `approximate: true` uses the tanh form
    /// `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
    public func gelu(approximate: Bool = false) -> Tensor {
        if approximate {
            return 0.5 * self * (1 + (0.7978845608028654 * (self + 0.044715 * self * self * self)).tanh())
        }
        return 0.5 * self * (1 + (self * 0.7071067811865476).erf())
    }

    /// `x·σ(x)` (also called swish).
    public func silu() -> Tensor { self * sigmoid() }

    /// `x·tanh(softplus(x))`.
    public func mish() -> Tensor { self * softplus().tanh() }

    /// `log(1 + e^(βx)) / β`, and `x` itself where `βx > threshold` (as PyTorch does).
    public func softplus(beta: Double, threshold: Double = 20) -> Tensor {
        let scaled = self * beta
        return Tensor.where(scaled .> threshold, self, scaled.softplus() / beta)
    }

    /// `x · min(max(x + 3, 0), 6) / 6`.
    public func hardswish() -> Tensor {
        self * (self + 3).clamp(min: 0, max: 6) / 6
    }

    /// `max(0, x) + w·min(0, x)` with a learned slope `w`: one value, or one per channel
    /// (axis 1 of `[N, C, …]`).
    public func prelu(_ weight: Tensor) -> Tensor {
        var slopeShape = [Int](repeating: 1, count: Swift.max(rank, 1))
        if weight.count > 1 {
            precondition(rank >= 2 && shape[1] == weight.count,
                         "prelu: \(weight.count) slopes need input [N, \(weight.count), …], got \(shape)")
            slopeShape[1] = weight.count
        }
        return relu() + weight.reshaped(slopeShape) * clamp(max: 0)
    }
}
