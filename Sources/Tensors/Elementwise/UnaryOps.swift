/// The elementwise functions of one argument, each with its derivative: one table for the
/// forward values and one for the gradients, so that a function is added in one place.
enum UnaryFunction: String {
    case negate, exp, log, log1p, sqrt, abs, sign, sin, cos, tanh, sigmoid, relu, softplus, erf

    /// Functions defined for `int64` tensors too.
    var acceptsIntegers: Bool { self == .negate || self == .abs || self == .sign }
}

extension FloatingPointElement {
    /// The logistic function, computed without overflow for large |x|.
    @inline(__always)
    static func logistic(_ x: Self) -> Self {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// log(1 + eˣ) without overflow.
    @inline(__always)
    static func softplus(_ x: Self) -> Self {
        x > 0 ? x + log(onePlus: exp(-x)) : log(onePlus: exp(x))
    }

    @inline(__always)
    func applying(_ f: UnaryFunction) -> Self {
        switch f {
        case .negate: -self
        case .exp: Self.exp(self)
        case .log: Self.log(self)
        case .log1p: Self.log(onePlus: self)
        case .sqrt: self.squareRoot()
        case .abs: Swift.abs(self)
        case .sign: self > 0 ? 1 : (self < 0 ? -1 : self)
        case .sin: Self.sin(self)
        case .cos: Self.cos(self)
        case .tanh: Self.tanh(self)
        case .sigmoid: Self.logistic(self)
        case .relu: self < 0 ? 0 : self
        case .softplus: Self.softplus(self)
        case .erf: Self.erf(self)
        }
    }

    /// `g · f′(x)`, given the input `x` and the output `y = f(x)`.
    @inline(__always)
    static func derivative(_ f: UnaryFunction, x: Self, y: Self, g: Self) -> Self {
        switch f {
        case .negate: -g
        case .exp: g * y
        case .log: g / x
        case .log1p: g / (1 + x)
        case .sqrt: g / (2 * y)
        case .abs: x > 0 ? g : (x < 0 ? -g : 0)
        case .sign: 0
        case .sin: g * cos(x)
        case .cos: -g * sin(x)
        case .tanh: g * (1 - y * y)
        case .sigmoid: g * y * (1 - y)
        case .relu: x > 0 ? g : 0
        case .softplus: g * logistic(x)
        // 2/√π · e^(−x²)
        case .erf: g * 1.1283791670955126 * exp(-x * x)
        }
    }
}

extension Tensor {
    /// Applies `f` elementwise, recording its derivative rule.
    func unary(_ f: UnaryFunction) -> Tensor {
        let out = Tensor(uninitializedLike: self)
        switch dtype {
        case .float32: mapElements(self, into: out, Float.self, Float.self) { $0.applying(f) }
        case .float64: mapElements(self, into: out, Double.self, Double.self) { $0.applying(f) }
        case .int64:
            precondition(f.acceptsIntegers, "\(f.rawValue) needs a float32 or float64 tensor, got int64; convert with to(.float32)")
            switch f {
            case .negate: mapElements(self, into: out, Int.self, Int.self) { 0 &- $0 }
            case .abs: mapElements(self, into: out, Int.self, Int.self) { $0 < 0 ? 0 &- $0 : $0 }
            default: mapElements(self, into: out, Int.self, Int.self) { $0.signum() }
            }
        case .bool: preconditionFailure("\(f.rawValue) is not defined for bool tensors")
        }
        guard Tensor.recording(self) else { return out }
        return out.recorded(UnaryFunction.opName(f), [self]) { [self] g, y in [Tensor.unaryGradient(f, x: self, y: y, g: g)] }
    }

    /// `g · f′(x)` in one pass (the fused backward of ``unary(_:)``).
    static func unaryGradient(_ f: UnaryFunction, x: Tensor, y: Tensor, g: Tensor) -> Tensor {
        if Tensor.recording([x, y, g]) {
            // Higher-order: compose from recorded operations so that the result differentiates.
            return g * composedDerivative(f, x: x, y: y)
        }
        let out = Tensor(uninitializedLike: g)
        let xs = x.detached(), ys = y.detached()
        switch g.dtype {
        case .float32:
            mapElements(xs, ys, g, into: out, Float.self, Float.self, Float.self, Float.self) {
                Float.derivative(f, x: $0, y: $1, g: $2)
            }
        case .float64:
            mapElements(xs, ys, g, into: out, Double.self, Double.self, Double.self, Double.self) {
                Double.derivative(f, x: $0, y: $1, g: $2)
            }
        default: preconditionFailure("gradient of \(f.rawValue) needs a floating-point tensor")
        }
        return out
    }

    /// f′(x) built from differentiable operations, for `backward(createGraph: true)`.
    private static func composedDerivative(_ f: UnaryFunction, x: Tensor, y: Tensor) -> Tensor {
        switch f {
        case .negate: Tensor.full(like: x, -1)
        case .exp: x.exp()
        case .log: 1 / x
        case .log1p: 1 / (1 + x)
        case .sqrt: 0.5 / x.sqrt()
        case .abs, .sign: f == .abs ? x.sign() : Tensor.zeros(like: x)
        case .sin: x.cos()
        case .cos: -x.sin()
        case .tanh: 1 - x.tanh() * x.tanh()
        case .sigmoid: x.sigmoid() * (1 - x.sigmoid())
        case .relu: (x .> 0).to(x.dtype)
        case .softplus: x.sigmoid()
        case .erf: 1.1283791670955126 * (-(x * x)).exp()
        }
    }

    /// `-x`.
    public static prefix func - (x: Tensor) -> Tensor { x.unary(.negate) }
    /// eˣ.
    public func exp() -> Tensor { unary(.exp) }
    /// The natural logarithm (NaN below 0, −inf at 0).
    public func log() -> Tensor { unary(.log) }
    /// log(1 + x), accurate for small x.
    public func log1p() -> Tensor { unary(.log1p) }
    /// √x (NaN below 0).
    public func sqrt() -> Tensor { unary(.sqrt) }
    /// |x|. Its gradient at 0 is 0.
    public func abs() -> Tensor { unary(.abs) }
    /// −1, 0 or 1 (NaN stays NaN). Its gradient is 0.
    public func sign() -> Tensor { unary(.sign) }
    /// sin x.
    public func sin() -> Tensor { unary(.sin) }
    /// cos x.
    public func cos() -> Tensor { unary(.cos) }
    /// tanh x.
    public func tanh() -> Tensor { unary(.tanh) }
    /// 1 / (1 + e⁻ˣ), computed without overflow.
    public func sigmoid() -> Tensor { unary(.sigmoid) }
    /// max(x, 0); NaN stays NaN. Its gradient at 0 is 0.
    public func relu() -> Tensor { unary(.relu) }
    /// log(1 + eˣ), computed without overflow.
    public func softplus() -> Tensor { unary(.softplus) }
    /// The error function.
    public func erf() -> Tensor { unary(.erf) }
}

extension UnaryFunction {
    /// Op names for the tape (StaticString, so recording allocates no string).
    static func opName(_ f: UnaryFunction) -> StaticString {
        switch f {
        case .negate: "negate"
        case .exp: "exp"
        case .log: "log"
        case .log1p: "log1p"
        case .sqrt: "sqrt"
        case .abs: "abs"
        case .sign: "sign"
        case .sin: "sin"
        case .cos: "cos"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .relu: "relu"
        case .softplus: "softplus"
        case .erf: "erf"
        }
    }
}
