import ElementKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) private func cPowFloat(_ x: Float, _ y: Float) -> Float { powf(x, y) }
@inline(__always) private func cPowDouble(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// The elementwise arithmetic operations, computed with NumPy broadcasting.
enum BinaryArithmetic {
    case add, subtract, multiply, divide, power, minimum, maximum

    /// The vectorised C loop for two contiguous float32 operands of equal size, where there is one.
    var float32Kernel: ((UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void)? {
        switch self {
        case .add: mlhub_f32_add
        case .subtract: mlhub_f32_subtract
        case .multiply: mlhub_f32_multiply
        case .divide: mlhub_f32_divide
        default: nil
        }
    }

    /// The tape name of the operation with a number operand.
    var scalarOpName: StaticString {
        switch self {
        case .add: "addScalar"
        case .subtract: "subtractScalar"
        case .multiply: "multiplyScalar"
        case .divide: "divideScalar"
        case .power: "powScalar"
        case .minimum: "minimumScalar"
        case .maximum: "maximumScalar"
        }
    }
}

extension FloatingPointElement {
    /// C's `pow`: defined for negative bases with integral exponents, unlike `Real.pow`.
    @inline(__always)
    static func cPow(_ x: Self, _ y: Self) -> Self {
        if Self.self == Float.self {
            return Self(fromDouble: Double(cPowFloat(Float(x.doubleValue), Float(y.doubleValue))))
        }
        return Self(fromDouble: cPowDouble(x.doubleValue, y.doubleValue))
    }

    /// Minimum that propagates NaN, as `numpy.minimum`.
    @inline(__always)
    static func nanMinimum(_ x: Self, _ y: Self) -> Self { x < y ? x : (y <= x ? y : .nan) }
    /// Maximum that propagates NaN, as `numpy.maximum`.
    @inline(__always)
    static func nanMaximum(_ x: Self, _ y: Self) -> Self { x > y ? x : (y >= x ? y : .nan) }
}

extension Tensor {
    /// The forward kernel of a binary operation (no autodiff). Both operands share a dtype.
    static func binaryKernel(_ op: BinaryArithmetic, _ a: Tensor, _ b: Tensor, _ name: StaticString) -> Tensor {
        precondition(a.dtype == b.dtype,
                     "\(name): dtypes \(a.dtype) and \(b.dtype) differ; convert one with to(_:)")
        let shape = a.shape == b.shape ? a.shape : Shape.broadcastOrTrap(a.shape, b.shape, name)
        let out = shape == a.shape ? Tensor(uninitializedLike: a) : Tensor(uninitializedShape: shape, dtype: a.dtype)
        switch a.dtype {
        case .float32: floatBinary(op, a, b, out, Float.self)
        case .float64: floatBinary(op, a, b, out, Double.self)
        case .int64: integerBinary(op, a, b, out, name)
        case .bool: preconditionFailure("\(name): arithmetic on bool tensors; convert with to(.float32) or to(.int64)")
        }
        return out
    }

    /// `t ∘ c` or `c ∘ t` for a number `c` converted to `t`'s dtype (no autodiff).
    static func scalarKernel(_ op: BinaryArithmetic, _ t: Tensor, _ c: Double, tensorFirst: Bool) -> Tensor {
        let out = Tensor(uninitializedLike: t)
        switch t.dtype {
        case .float32: floatScalar(op, t, Float(c), tensorFirst, out)
        case .float64: floatScalar(op, t, c, tensorFirst, out)
        case .int64:
            let k = Int(fromDouble: c)
            switch op {
            case .add: mapElements(t, into: out, Int.self, Int.self) { $0 &+ k }
            case .subtract: mapElements(t, into: out, Int.self, Int.self) { tensorFirst ? $0 &- k : k &- $0 }
            case .multiply: mapElements(t, into: out, Int.self, Int.self) { $0 &* k }
            case .minimum: mapElements(t, into: out, Int.self, Int.self) { Swift.min($0, k) }
            case .maximum: mapElements(t, into: out, Int.self, Int.self) { Swift.max($0, k) }
            case .divide, .power:
                preconditionFailure("division and pow are not defined for int64 tensors; convert with to(.float32) or to(.float64)")
            }
        case .bool: preconditionFailure("arithmetic on bool tensors; convert with to(.float32) or to(.int64)")
        }
        return out
    }

    private static func floatScalar<T: FloatingPointElement>(_ op: BinaryArithmetic, _ t: Tensor, _ c: T,
                                                             _ tensorFirst: Bool, _ out: Tensor) {
        @inline(__always) func run(_ f: (T) -> T) { mapElements(t, into: out, T.self, T.self, f) }
        switch (op, tensorFirst) {
        case (.add, _): run { $0 + c }
        case (.subtract, true): run { $0 - c }
        case (.subtract, false): run { c - $0 }
        case (.multiply, _): run { $0 * c }
        case (.divide, true): run { $0 / c }
        case (.divide, false): run { c / $0 }
        case (.power, true): run { T.cPow($0, c) }
        case (.power, false): run { T.cPow(c, $0) }
        case (.minimum, _): run { T.nanMinimum($0, c) }
        case (.maximum, _): run { T.nanMaximum($0, c) }
        }
    }

    private static func floatBinary<T: FloatingPointElement>(_ op: BinaryArithmetic, _ a: Tensor, _ b: Tensor,
                                                             _ out: Tensor, _: T.Type) {
        if T.self == Float.self, a.isContiguous, b.isContiguous, a.count == out.count, b.count == out.count,
           let kernel = op.float32Kernel {
            kernel(a.basePointer(Float.self), b.basePointer(Float.self), out.basePointer(Float.self), out.count)
            return
        }
        switch op {
        case .add: mapElements(a, b, into: out, T.self, T.self) { $0 + $1 }
        case .subtract: mapElements(a, b, into: out, T.self, T.self) { $0 - $1 }
        case .multiply: mapElements(a, b, into: out, T.self, T.self) { $0 * $1 }
        case .divide: mapElements(a, b, into: out, T.self, T.self) { $0 / $1 }
        case .power: mapElements(a, b, into: out, T.self, T.self) { T.cPow($0, $1) }
        case .minimum: mapElements(a, b, into: out, T.self, T.self) { T.nanMinimum($0, $1) }
        case .maximum: mapElements(a, b, into: out, T.self, T.self) { T.nanMaximum($0, $1) }
        }
    }

    private static func integerBinary(_ op: BinaryArithmetic, _ a: Tensor, _ b: Tensor, _ out: Tensor,
                                      _ name: StaticString) {
        switch op {
        case .add: mapElements(a, b, into: out, Int.self, Int.self) { $0 &+ $1 }
        case .subtract: mapElements(a, b, into: out, Int.self, Int.self) { $0 &- $1 }
        case .multiply: mapElements(a, b, into: out, Int.self, Int.self) { $0 &* $1 }
        case .minimum: mapElements(a, b, into: out, Int.self, Int.self) { Swift.min($0, $1) }
        case .maximum: mapElements(a, b, into: out, Int.self, Int.self) { Swift.max($0, $1) }
        case .divide, .power:
            preconditionFailure("\(name) is not defined for int64 tensors; convert with to(.float32) or to(.float64)")
        }
    }
}
