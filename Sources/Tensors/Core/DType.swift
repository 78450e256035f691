import RealModule

/// The element type of a tensor, chosen at run time as in NumPy and PyTorch.
///
/// Deep-learning code defaults to `float32`; classic ML and statistics use `float64` where
/// precision matters. `int64` holds indices and counts, `bool` holds masks.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, int64, bool

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .float32: 4
        case .float64, .int64: 8
        case .bool: 1
        }
    }

    /// `true` for `float32` and `float64`, the types that carry gradients.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    public var description: String { rawValue }
}

/// A Swift type that can be a tensor element: `Float`, `Double`, `Int` (as `int64`) or `Bool`.
public protocol TensorElement: Sendable, Equatable {
    /// The dtype that stores this type.
    static var dtype: DType { get }
    /// Converts from `Double`; integers round toward zero and map NaN and infinities to 0.
    init(fromDouble value: Double)
    /// The value as a `Double` (`true` is 1).
    var doubleValue: Double { get }
}

/// Element types with arithmetic and ordering: `Float`, `Double` and `Int`.
public protocol NumericElement: TensorElement, Numeric, Comparable {}

/// `Float` and `Double`: the element types of differentiable tensors.
public protocol FloatingPointElement: NumericElement, BinaryFloatingPoint, Real, SIMDScalar, Codable {}

extension Float: FloatingPointElement {
    public static var dtype: DType { .float32 }
    @inlinable public init(fromDouble value: Double) { self.init(value) }
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Double: FloatingPointElement {
    public static var dtype: DType { .float64 }
    @inlinable public init(fromDouble value: Double) { self = value }
    @inlinable public var doubleValue: Double { self }
}

extension Int: NumericElement {
    public static var dtype: DType { .int64 }
    @inlinable public init(fromDouble value: Double) {
        if value.isNaN || value.isInfinite {
            self = 0
        } else if value >= 9.2233720368547748e18 {
            self = .max
        } else if value <= -9.2233720368547758e18 {
            self = .min
        } else {
            self = Int(value)
        }
    }
    @inlinable public var doubleValue: Double { Double(self) }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
}
