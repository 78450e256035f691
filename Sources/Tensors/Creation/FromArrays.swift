/// Values that can build a tensor as nested Swift arrays: a scalar element, or an array of them.
///
/// `Tensor([[1, 2], [3, 4]])` makes an `int64` tensor of shape `[2, 2]`; the element type of
/// the innermost arrays picks the dtype (`Float` → `float32`, `Double` → `float64`, `Int` →
/// `int64`, `Bool` → `bool`).
public protocol NestedArrayConvertible {
    associatedtype Leaf: TensorElement
    /// How many array levels surround the leaves (0 for a scalar).
    static var nestingDepth: Int { get }
    /// Appends the leaves in row-major order, checking that every row at a level has the size
    /// recorded in `shape` (the first row at each level sets it).
    func appendLeaves(to leaves: inout [Leaf], shape: inout [Int], depth: Int) throws(TensorError)
}

extension NestedArrayConvertible where Self: TensorElement {
    public static var nestingDepth: Int { 0 }
    public func appendLeaves(to leaves: inout [Self], shape: inout [Int], depth: Int) throws(TensorError) {
        leaves.append(self)
    }
}

extension Float: NestedArrayConvertible { public typealias Leaf = Float }
extension Double: NestedArrayConvertible { public typealias Leaf = Double }
extension Int: NestedArrayConvertible { public typealias Leaf = Int }
extension Bool: NestedArrayConvertible { public typealias Leaf = Bool }

extension Array: NestedArrayConvertible where Element: NestedArrayConvertible {
    public typealias Leaf = Element.Leaf
    public static var nestingDepth: Int { Element.nestingDepth + 1 }
    public func appendLeaves(to leaves: inout [Leaf], shape: inout [Int], depth: Int) throws(TensorError) {
        if shape[depth] < 0 {
            shape[depth] = count
        } else if shape[depth] != count {
            throw .malformedNestedArray("a row at depth \(depth) has \(count) elements, an earlier one had \(shape[depth])")
        }
        for element in self { try element.appendLeaves(to: &leaves, shape: &shape, depth: depth + 1) }
    }
}

extension Tensor {
    /// A tensor from nested arrays, e.g. `Tensor([[1.0, 2.0], [3.0, 4.0]])`.
    /// - Precondition: the arrays are rectangular (use ``init(validating:)`` for outside input).
    public convenience init<A: NestedArrayConvertible>(_ nested: A) {
        do {
            try self.init(validating: nested)
        } catch {
            preconditionFailure("Tensor(_:): \(error)")
        }
    }

    /// A tensor from nested arrays, converted to `dtype`.
    public convenience init<A: NestedArrayConvertible>(_ nested: A, dtype: DType) {
        let t = Tensor(nested)
        self.init(copying: t.dtype == dtype ? t : t.to(dtype))
    }

    /// A tensor from nested arrays; throws ``TensorError/malformedNestedArray(_:)`` when the
    /// rows at some level differ in length.
    public convenience init<A: NestedArrayConvertible>(validating nested: A) throws(TensorError) {
        var shape = [Int](repeating: -1, count: A.nestingDepth)
        var leaves: [A.Leaf] = []
        try nested.appendLeaves(to: &leaves, shape: &shape, depth: 0)
        // An empty array leaves deeper sizes unknown: they are 0.
        shape = shape.map { Swift.max($0, 0) }
        self.init(leaves, shape: shape)
    }

    /// A tensor of `shape` from `values` in row-major order.
    /// - Precondition: `values.count` equals the product of `shape`.
    public convenience init<T: TensorElement>(_ values: [T], shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(_:shape:): negative size in shape \(shape)")
        precondition(values.count == Shape.count(shape),
                     "Tensor(_:shape:): shape \(shape) needs \(Shape.count(shape)) values, got \(values.count)")
        self.init(uninitializedShape: shape, dtype: T.dtype)
        let dst = basePointer(T.self)
        values.withUnsafeBufferPointer { dst.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A tensor of `shape` from `values`, validated: throws when a size is negative, the count
    /// does not fill the shape, or the tensor would exceed `limit` elements.
    public convenience init<T: TensorElement>(shape: [Int], scalars values: [T], limit: Int = 1 << 28) throws(TensorError) {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw .invalidShape(shape, reason: "size \(bad) is negative")
        }
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow || product > limit { throw .tooLarge(elements: overflow ? .max : product, limit: limit) }
            n = product
        }
        guard values.count == n else { throw .countMismatch(shape: shape, expected: n, got: values.count) }
        self.init(values, shape: shape)
    }

    /// A tensor from untyped nested arrays such as decoded JSON (`[Any]` of numbers or
    /// booleans), converted to `dtype`. Throws on ragged rows, non-numeric leaves, or more than
    /// `limit` elements.
    public convenience init(validatingNested nested: Any, dtype: DType = .float32, limit: Int = 1 << 24) throws(TensorError) {
        var shape: [Int] = []
        var values: [Double] = []
        func visit(_ value: Any, depth: Int) throws(TensorError) {
            if let array = value as? [Any] {
                if depth == shape.count {
                    guard values.isEmpty else {
                        throw .malformedNestedArray("an array appears where depth \(depth) holds numbers")
                    }
                    shape.append(array.count)
                } else if depth > shape.count || shape[depth] != array.count {
                    throw .malformedNestedArray("a row at depth \(depth) has \(array.count) elements, expected \(depth < shape.count ? shape[depth] : 0)")
                }
                for element in array { try visit(element, depth: depth + 1) }
                return
            }
            guard depth == shape.count else {
                throw .malformedNestedArray("a number appears at depth \(depth), where arrays were expected")
            }
            let number: Double
            switch value {
            case let v as Bool: number = v ? 1 : 0
            case let v as Int: number = Double(v)
            case let v as Double: number = v
            case let v as Float: number = Double(v)
            default: throw .malformedNestedArray("element \(value) is not a number")
            }
            guard values.count < limit else { throw .tooLarge(elements: values.count + 1, limit: limit) }
            values.append(number)
        }
        try visit(nested, depth: 0)
        guard values.count == Shape.count(shape) else {
            throw .malformedNestedArray("rows of different lengths")
        }
        self.init(copying: Tensor(values, shape: shape).to(dtype))
    }

    /// A new tensor object sharing `other`'s memory and layout (no autodiff history).
    convenience init(copying other: Tensor) {
        self.init(storage: other.storage, shape: other.shape, strides: other.strides, offset: other.offset,
                  dtype: other.dtype)
    }
}
