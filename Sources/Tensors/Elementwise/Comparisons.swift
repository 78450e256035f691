enum Comparison {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    @inline(__always)
    func holds<T: Comparable>(_ x: T, _ y: T) -> Bool {
        switch self {
        case .equal: x == y
        case .notEqual: x != y
        case .less: x < y
        case .lessEqual: x <= y
        case .greater: x > y
        case .greaterEqual: x >= y
        }
    }
}

extension Tensor {
    /// Elementwise comparison with broadcasting, giving a `bool` tensor. Not differentiable.
    static func compare(_ c: Comparison, _ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.dtype == b.dtype, "comparison: dtypes \(a.dtype) and \(b.dtype) differ; convert one with to(_:)")
        let shape = a.shape == b.shape ? a.shape : Shape.broadcastOrTrap(a.shape, b.shape, "comparison")
        let out = Tensor(uninitializedShape: shape, dtype: .bool)
        switch a.dtype {
        case .float32: mapElements(a, b, into: out, Float.self, Bool.self) { c.holds($0, $1) }
        case .float64: mapElements(a, b, into: out, Double.self, Bool.self) { c.holds($0, $1) }
        case .int64: mapElements(a, b, into: out, Int.self, Bool.self) { c.holds($0, $1) }
        case .bool:
            precondition(c == .equal || c == .notEqual, "ordering comparisons are not defined for bool tensors")
            mapElements(a, b, into: out, Bool.self, Bool.self) { c == .equal ? $0 == $1 : $0 != $1 }
        }
        return out
    }

    public static func .== (a: Tensor, b: Tensor) -> Tensor { compare(.equal, a, b) }
    public static func .!= (a: Tensor, b: Tensor) -> Tensor { compare(.notEqual, a, b) }
    public static func .< (a: Tensor, b: Tensor) -> Tensor { compare(.less, a, b) }
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { compare(.lessEqual, a, b) }
    public static func .> (a: Tensor, b: Tensor) -> Tensor { compare(.greater, a, b) }
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { compare(.greaterEqual, a, b) }
    public static func .== (a: Tensor, b: Double) -> Tensor { compare(.equal, a, a.scalarLike(b)) }
    public static func .!= (a: Tensor, b: Double) -> Tensor { compare(.notEqual, a, a.scalarLike(b)) }
    public static func .< (a: Tensor, b: Double) -> Tensor { compare(.less, a, a.scalarLike(b)) }
    public static func .<= (a: Tensor, b: Double) -> Tensor { compare(.lessEqual, a, a.scalarLike(b)) }
    public static func .> (a: Tensor, b: Double) -> Tensor { compare(.greater, a, a.scalarLike(b)) }
    public static func .>= (a: Tensor, b: Double) -> Tensor { compare(.greaterEqual, a, a.scalarLike(b)) }

    /// Elementwise AND of two `bool` tensors, with broadcasting.
    public func logicalAnd(_ other: Tensor) -> Tensor { logical(other, "logicalAnd") { $0 && $1 } }
    /// Elementwise OR of two `bool` tensors, with broadcasting.
    public func logicalOr(_ other: Tensor) -> Tensor { logical(other, "logicalOr") { $0 || $1 } }
    /// Elementwise exclusive OR of two `bool` tensors, with broadcasting.
    public func logicalXor(_ other: Tensor) -> Tensor { logical(other, "logicalXor") { $0 != $1 } }

    /// Elementwise NOT of a `bool` tensor.
    public func logicalNot() -> Tensor {
        precondition(dtype == .bool, "logicalNot needs a bool tensor, got \(dtype)")
        let out = Tensor(uninitializedLike: self)
        mapElements(self, into: out, Bool.self, Bool.self) { !$0 }
        return out
    }

    private func logical(_ other: Tensor, _ name: StaticString, _ f: (Bool, Bool) -> Bool) -> Tensor {
        precondition(dtype == .bool && other.dtype == .bool, "\(name) needs bool tensors, got \(dtype) and \(other.dtype)")
        let out = Tensor(uninitializedShape: Shape.broadcastOrTrap(shape, other.shape, name), dtype: .bool)
        mapElements(self, other, into: out, Bool.self, Bool.self, f)
        return out
    }

    /// `true` where the element is NaN (`false` for integer and bool tensors).
    public func isNaN() -> Tensor { floatPredicate { $0.isNaN } }
    /// `true` where the element is neither infinite nor NaN.
    public func isFinite() -> Tensor { floatPredicate { $0.isFinite } }

    private func floatPredicate(_ p: (Double) -> Bool) -> Tensor {
        let out = Tensor(uninitializedLike: self, dtype: .bool)
        switch dtype {
        case .float32: mapElements(self, into: out, Float.self, Bool.self) { p(Double($0)) }
        case .float64: mapElements(self, into: out, Double.self, Bool.self) { p($0) }
        case .int64, .bool: out.fill(with: p(0) ? 1 : 0)
        }
        return out
    }
}
