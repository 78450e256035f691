import ElementKernels

/// The elementwise functions of one argument, each with its derivative: one table for the
/// forward values and one for the gradients, so that a function is added in one place.
enum UnaryFunction: String {
    case negate, exp, log, log1p, sqrt, abs, sign, sin, cos, tanh, sigmoid, relu, softplus, erf

    /// The vectorised C loop for contiguous float32 input, where there is one.
    var float32Kernel: ((UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void)? {
        switch self {
        case .exp: mlhub_f32_exp
        case .tanh: mlhub_f32_tanh
        case .sigmoid: mlhub_f32_sigmoid
        default: nil
        }
    }

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
}

extension Tensor {
    /// Applies `f` elementwise, recording its derivative rule.
    func unary(_ f: UnaryFunction) -> Tensor {
        let out = Tensor(uninitializedLike: self)
        switch dtype {
        case .float32: Tensor.unaryForward(f, self, out, Float.self)
        case .float64: Tensor.unaryForward(f, self, out, Double.self)
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
        switch g.dtype {
        case .float32: unaryBackward(f, x, y, g, out, Float.self)
        case .float64: unaryBackward(f, x, y, g, out, Double.self)
        default: preconditionFailure("gradient of \(f.rawValue) needs a floating-point tensor")
        }
        return out
    }

    /// The forward table: one loop per function, so that no element pays for a `switch`.
    /// Float exp, tanh and sigmoid run in the vectorised C kernels (a C library call per
    /// element cannot vectorise).
    private static func unaryForward<T: FloatingPointElement>(_ f: UnaryFunction, _ x: Tensor, _ out: Tensor, _: T.Type) {
        @inline(__always) func run(_ body: (T) -> T) { mapElements(x, into: out, T.self, T.self, body) }
        if T.self == Float.self, let kernel = f.float32Kernel {
            let source = x.contiguous()
            kernel(source.basePointer(Float.self), out.basePointer(Float.self), source.count)
            return
        }
        switch f {
        case .negate: run { -$0 }
        case .exp: run { T.exp($0) }
        case .log: run { T.log($0) }
        case .log1p: run { T.log(onePlus: $0) }
        case .sqrt: run { $0.squareRoot() }
        case .abs: run { Swift.abs($0) }
        case .sign: run { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }
        case .sin: run { T.sin($0) }
        case .cos: run { T.cos($0) }
        case .tanh: run { T.tanh($0) }
        case .sigmoid: run { T.logistic($0) }
        case .relu: run { $0 < 0 ? 0 : $0 }
        case .softplus: run { T.softplus($0) }
        case .erf: run { T.erf($0) }
        }
    }

    /// The gradient table: `g · f′(x)` from the input `x`, the output `y` and the incoming `g`.
    private static func unaryBackward<T: FloatingPointElement>(_ f: UnaryFunction, _ x: Tensor, _ y: Tensor, _ g: Tensor,
                                                               _ out: Tensor, _: T.Type) {
        @inline(__always) func run(_ body: (T, T, T) -> T) {
            mapElements(x, y, g, into: out, T.self, T.self, T.self, T.self, body)
        }
        switch f {
        case .negate: run { _, _, g in -g }
        case .exp: run { _, y, g in g * y }
        case .log: run { x, _, g in g / x }
        case .log1p: run { x, _, g in g / (1 + x) }
        case .sqrt: run { _, y, g in g / (2 * y) }
        case .abs: run { x, _, g in x > 0 ? g : (x < 0 ? -g : 0) }
        case .sign: run { _, _, _ in 0 }
        case .sin: run { x, _, g in g * T.cos(x) }
        case .cos: run { x, _, g in -g * T.sin(x) }
        case .tanh: run { _, y, g in g * (1 - y * y) }
        case .sigmoid: run { _, y, g in g * y * (1 - y) }
        case .relu: run { x, _, g in x > 0 ? g : 0 }
        case .softplus: run { x, _, g in g * T.logistic(x) }
        // 2/√π · e^(−x²)
        case .erf: run { x, _, g in g * 1.1283791670955126 * T.exp(-x * x) }
        }
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
