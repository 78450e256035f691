extension Tensor {
    /// A tensor of `shape` filled with `value` (converted to `dtype`).
    /// - Precondition: every size is non-negative.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) -> Tensor {
        precondition(shape.allSatisfy { $0 >= 0 }, "full: negative size in shape \(shape)")
        let t = Tensor(uninitializedShape: shape, dtype: dtype)
        t.fill(with: value)
        return t
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        precondition(shape.allSatisfy { $0 >= 0 }, "zeros: negative size in shape \(shape)")
        let count = Shape.count(shape)
        return Tensor(storage: TensorStorage.makeZeroed(count: count, dtype: dtype), shape: shape,
                      strides: Shape.contiguousStrides(shape), offset: 0, dtype: dtype)
    }

    /// Ones of `shape`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        full(shape, 1, dtype: dtype)
    }

    /// Zeros with the shape and dtype of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape, dtype: other.dtype) }
    /// Ones with the shape and dtype of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape, dtype: other.dtype) }
    /// `value` with the shape and dtype of `other`.
    public static func full(like other: Tensor, _ value: Double) -> Tensor {
        full(other.shape, value, dtype: other.dtype)
    }

    /// A 0-d tensor holding `value`.
    public convenience init(_ value: Double, dtype: DType = .float32) {
        self.init(uninitializedShape: [], dtype: dtype)
        fill(with: value)
    }

    /// The integers `0..<end`, as `numpy.arange(end)`. The default dtype is `int64`.
    public static func arange(_ end: Int, dtype: DType = .int64) -> Tensor {
        arange(0, end, dtype: dtype)
    }

    /// Integers `start, start+step, …` below `end` (above it for a negative step), as NumPy's
    /// `arange`. The default dtype is `int64`.
    /// - Precondition: `step != 0`.
    public static func arange(_ start: Int, _ end: Int, step: Int = 1, dtype: DType = .int64) -> Tensor {
        precondition(step != 0, "arange: step must not be zero")
        let n = Swift.max(0, (end - start + step + (step > 0 ? -1 : 1)) / step)
        return arange(n: n, dtype: dtype) { Double(start + $0 * step) }
    }

    /// Values `start, start+step, …` below `end` (above it for a negative step), as NumPy's
    /// `arange` with floating-point arguments: `ceil((end - start) / step)` values.
    /// - Precondition: `step` is finite and not zero.
    public static func arange(_ start: Double, _ end: Double, step: Double, dtype: DType = .float32) -> Tensor {
        precondition(step != 0 && step.isFinite, "arange: step must be finite and not zero")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return arange(n: n, dtype: dtype) { start + Double($0) * step }
    }

    /// `count` evenly spaced values from `start` to `end`, both included (as `numpy.linspace`).
    /// - Precondition: `count >= 0`.
    public static func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType = .float32) -> Tensor {
        precondition(count >= 0, "linspace: count must be non-negative, got \(count)")
        let step = count > 1 ? (end - start) / Double(count - 1) : 0
        // The last value is `end` exactly, as NumPy does.
        return arange(n: count, dtype: dtype) { $0 == count - 1 && count > 1 ? end : start + Double($0) * step }
    }

    /// The identity matrix with `rows` rows and `columns` columns (default: square).
    public static func eye(_ rows: Int, _ columns: Int? = nil, dtype: DType = .float32) -> Tensor {
        let columns = columns ?? rows
        precondition(rows >= 0 && columns >= 0, "eye: sizes must be non-negative, got \(rows)×\(columns)")
        let t = zeros([rows, columns], dtype: dtype)
        for i in 0..<Swift.min(rows, columns) { t.setScalar(1, atFlat: i * columns + i) }
        return t
    }

    private static func arange(n: Int, dtype: DType, _ value: (Int) -> Double) -> Tensor {
        let t = Tensor(uninitializedShape: [n], dtype: dtype)
        for i in 0..<n { t.setScalar(value(i), atFlat: i) }
        return t
    }
}
