extension Tensor {
    /// Elementwise sum with broadcasting. Shapes must broadcast; dtypes must match.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.add, a, b, "add").recordedIfNeeded("add", [a, b]) { g, _ in
            [a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? g.sumTo(b.shape) : nil]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.subtract, a, b, "subtract").recordedIfNeeded("subtract", [a, b]) { g, _ in
            [a.requiresGrad ? g.sumTo(a.shape) : nil, b.requiresGrad ? (-g).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.multiply, a, b, "multiply").recordedIfNeeded("multiply", [a, b]) { g, _ in
            [a.requiresGrad ? (g * b).sumTo(a.shape) : nil, b.requiresGrad ? (g * a).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting (IEEE: division by zero gives ±inf or NaN).
    /// Traps for `int64` tensors; convert them first.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binaryKernel(.divide, a, b, "divide").recordedIfNeeded("divide", [a, b]) { g, out in
            [a.requiresGrad ? (g / b).sumTo(a.shape) : nil,
             b.requiresGrad ? (-(g * out) / b).sumTo(b.shape) : nil]
        }
    }

    /// `a` raised to `b`, elementwise with broadcasting (C `pow` semantics: a negative base
    /// with a non-integral exponent gives NaN).
    public static func pow(_ a: Tensor, _ b: Tensor) -> Tensor {
        binaryKernel(.power, a, b, "pow").recordedIfNeeded("pow", [a, b]) { g, out in
            // d/da = b·a^(b−1); d/db = a^b·log a, taken as 0 where a = 0 (as PyTorch does).
            [a.requiresGrad ? (g * b * pow(a, b - 1)).sumTo(a.shape) : nil,
             b.requiresGrad ? Tensor.where(a .== 0, Tensor.zeros(like: g), g * out * a.log()).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise minimum with broadcasting; NaN wins, as `numpy.minimum`. On ties the
    /// gradient is split evenly between the two inputs.
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binaryKernel(.minimum, a, b, "minimum").recordedIfNeeded("minimum", [a, b]) { g, _ in
            selectionGradients(g, a, b, aWins: a .< b)
        }
    }

    /// Elementwise maximum with broadcasting; NaN wins, as `numpy.maximum`. On ties the
    /// gradient is split evenly between the two inputs.
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        binaryKernel(.maximum, a, b, "maximum").recordedIfNeeded("maximum", [a, b]) { g, _ in
            selectionGradients(g, a, b, aWins: a .> b)
        }
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

    public static func + (a: Tensor, b: Double) -> Tensor { a + a.scalarLike(b) }
    public static func + (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) + b }
    public static func - (a: Tensor, b: Double) -> Tensor { a - a.scalarLike(b) }
    public static func - (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) - b }
    public static func * (a: Tensor, b: Double) -> Tensor { a * a.scalarLike(b) }
    public static func * (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) * b }
    public static func / (a: Tensor, b: Double) -> Tensor { a / a.scalarLike(b) }
    public static func / (a: Double, b: Tensor) -> Tensor { b.scalarLike(a) / b }
    public static func pow(_ a: Tensor, _ b: Double) -> Tensor { pow(a, a.scalarLike(b)) }
    public static func pow(_ a: Double, _ b: Tensor) -> Tensor { pow(b.scalarLike(a), b) }

    /// `self` raised to `exponent`, elementwise.
    public func pow(_ exponent: Double) -> Tensor { Tensor.pow(self, exponent) }
    /// `self` raised to `exponent`, elementwise with broadcasting.
    public func pow(_ exponent: Tensor) -> Tensor { Tensor.pow(self, exponent) }
}
