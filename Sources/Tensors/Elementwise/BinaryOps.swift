extension Tensor {
    /// Elementwise sum with broadcasting. Shapes must broadcast; dtypes must match.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let out = binaryKernel(.add, a, b, "add")
        guard recording(a, b) else { return out }
        return out.recorded("add", [a, b]) { g, _ in
            [a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? g.sumTo(b.shape) : nil]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let out = binaryKernel(.subtract, a, b, "subtract")
        guard recording(a, b) else { return out }
        return out.recorded("subtract", [a, b]) { g, _ in
            [a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? (-g).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let out = binaryKernel(.multiply, a, b, "multiply")
        guard recording(a, b) else { return out }
        return out.recorded("multiply", [a, b]) { g, _ in
            [a.requiresGrad ? (g * b).sumTo(a.shape) : nil, b.requiresGrad ? (g * a).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting (IEEE: division by zero gives ±inf or NaN).
    /// Traps for `int64` tensors; convert them first.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let out = binaryKernel(.divide, a, b, "divide")
        guard recording(a, b) else { return out }
        return out.recorded("divide", [a, b]) { g, out in
            [a.requiresGrad ? (g / b).sumTo(a.shape) : nil,
             b.requiresGrad ? (-(g * out) / b).sumTo(b.shape) : nil]
        }
    }

    /// `a` raised to `b`, elementwise with broadcasting (C `pow` semantics: a negative base
    /// with a non-integral exponent gives NaN).
    public static func pow(_ a: Tensor, _ b: Tensor) -> Tensor {
        let out = binaryKernel(.power, a, b, "pow")
        guard recording(a, b) else { return out }
        return out.recorded("pow", [a, b]) { g, out in
            // d/da = b·a^(b−1); d/db = a^b·log a, taken as 0 where a = 0 (as PyTorch does).
            [a.requiresGrad ? (g * b * pow(a, b - 1)).sumTo(a.shape) : nil,
             b.requiresGrad ? Tensor.where(a .== 0, Tensor.zeros(like: g), g * out * a.log()).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise minimum with broadcasting; NaN wins, as `numpy.minimum`. On ties the
    /// gradient is split evenly between the two inputs.
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        let out = binaryKernel(.minimum, a, b, "minimum")
        guard recording(a, b) else { return out }
        return out.recorded("minimum", [a, b]) { g, _ in selectionGradients(g, a, b, aWins: a .< b) }
    }

    /// Elementwise maximum with broadcasting; NaN wins, as `numpy.maximum`. On ties the
    /// gradient is split evenly between the two inputs.
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        let out = binaryKernel(.maximum, a, b, "maximum")
        guard recording(a, b) else { return out }
        return out.recorded("maximum", [a, b]) { g, _ in selectionGradients(g, a, b, aWins: a .> b) }
    }

    private static func selectionGradients(_ g: Tensor, _ a: Tensor, _ b: Tensor, aWins: Tensor) -> [Tensor?] {
        let tie = (a .== b).to(g.dtype) * 0.5
        let toA = aWins.to(g.dtype) + tie
        return [a.requiresGrad ? (g * toA).sumTo(a.shape) : nil,
                b.requiresGrad ? (g * (1 - toA)).sumTo(b.shape) : nil]
    }

    /// A 0-d tensor holding `value` in this tensor's dtype, for mixing tensors and numbers.
    @inline(__always)
    func scalarLike(_ value: Double) -> Tensor { Tensor(value, dtype: dtype) }

    // Tensor–number arithmetic: the number is converted to the tensor's dtype and is not an
    // input of the recorded graph (it needs no gradient), which also keeps these cheap.
    public static func + (a: Tensor, b: Double) -> Tensor { scalarOperation(.add, a, b, tensorFirst: true) }
    public static func + (a: Double, b: Tensor) -> Tensor { scalarOperation(.add, b, a, tensorFirst: false) }
    public static func - (a: Tensor, b: Double) -> Tensor { scalarOperation(.subtract, a, b, tensorFirst: true) }
    public static func - (a: Double, b: Tensor) -> Tensor { scalarOperation(.subtract, b, a, tensorFirst: false) }
    public static func * (a: Tensor, b: Double) -> Tensor { scalarOperation(.multiply, a, b, tensorFirst: true) }
    public static func * (a: Double, b: Tensor) -> Tensor { scalarOperation(.multiply, b, a, tensorFirst: false) }
    public static func / (a: Tensor, b: Double) -> Tensor { scalarOperation(.divide, a, b, tensorFirst: true) }
    public static func / (a: Double, b: Tensor) -> Tensor { scalarOperation(.divide, b, a, tensorFirst: false) }
    public static func pow(_ a: Tensor, _ b: Double) -> Tensor { scalarOperation(.power, a, b, tensorFirst: true) }
    public static func pow(_ a: Double, _ b: Tensor) -> Tensor { scalarOperation(.power, b, a, tensorFirst: false) }

    /// `t ∘ c` (or `c ∘ t` when `tensorFirst` is false) for a number `c`, with its gradient.
    private static func scalarOperation(_ op: BinaryArithmetic, _ t: Tensor, _ c: Double, tensorFirst: Bool) -> Tensor {
        let out = scalarKernel(op, t, c, tensorFirst: tensorFirst)
        guard recording(t) else { return out }
        return out.recorded(op.scalarOpName, [t]) { g, out in
            switch (op, tensorFirst) {
            case (.add, _), (.subtract, true): return [g]
            case (.subtract, false): return [-g]
            case (.multiply, _): return [g * c]
            case (.divide, true): return [g / c]
            case (.divide, false): return [-(g * out) / t]
            case (.power, true): return [g * c * Tensor.pow(t, c - 1)]
            case (.power, false): return [c == 0 ? Tensor.zeros(like: g) : g * out * Double.log(c)]
            case (.minimum, _), (.maximum, _):
                let hit = (op == .minimum ? t .< c : t .> c).to(g.dtype) + (t .== c).to(g.dtype) * 0.5
                return [g * hit]
            }
        }
    }

    /// `self` raised to `exponent`, elementwise.
    public func pow(_ exponent: Double) -> Tensor { Tensor.pow(self, exponent) }
    /// `self` raised to `exponent`, elementwise with broadcasting.
    public func pow(_ exponent: Tensor) -> Tensor { Tensor.pow(self, exponent) }
}
