extension DType {
    /// The Swift type that stores this dtype's elements.
    public var elementType: any TensorElement.Type {
        switch self {
        case .float32: Float.self
        case .float64: Double.self
        case .int64: Int.self
        case .bool: Bool.self
        }
    }
}

extension Tensor {
    /// Storage offset of the element at row-major position `flat`.
    func storageOffset(ofFlat flat: Int) -> Int {
        if isContiguous { return offset + flat }
        var rest = flat, result = offset
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            let d = shape[axis]
            result += (rest % d) * strides[axis]
            rest /= d
        }
        return result
    }

    /// The element at row-major position `flat`, as a `Double`.
    func scalar(atFlat flat: Int) -> Double {
        let at = storageOffset(ofFlat: flat)
        switch dtype {
        case .float32: return Double(storage.pointer(Float.self)[at])
        case .float64: return storage.pointer(Double.self)[at]
        case .int64: return Double(storage.pointer(Int.self)[at])
        case .bool: return storage.pointer(Bool.self)[at] ? 1 : 0
        }
    }

    /// Writes `value` (converted to the dtype) at row-major position `flat`.
    func setScalar(_ value: Double, atFlat flat: Int) {
        let at = storageOffset(ofFlat: flat)
        switch dtype {
        case .float32: storage.pointer(Float.self)[at] = Float(value)
        case .float64: storage.pointer(Double.self)[at] = value
        case .int64: storage.pointer(Int.self)[at] = Int(fromDouble: value)
        case .bool: storage.pointer(Bool.self)[at] = value != 0
        }
    }

    /// Sets every element to `value` (converted to the dtype). Not recorded for autodiff.
    func fill(with value: Double) {
        switch dtype {
        case .float32: fillElements(Float(value))
        case .float64: fillElements(value)
        case .int64: fillElements(Int(fromDouble: value))
        case .bool: fillElements(value != 0)
        }
    }

    private func fillElements<T: TensorElement>(_ value: T) {
        let p = basePointer(T.self)
        if isContiguous {
            p.update(repeating: value, count: count)
            return
        }
        StridedLayout(shape: shape, operandStrides: [strides]).forEachRow(offsets: [0]) { o, n, s in
            for i in 0..<n { p[o[0] + i * s[0]] = value }
        }
    }

    /// The single element of a tensor with one element, as a `Double`.
    /// - Precondition: ``count`` is 1.
    public func item() -> Double {
        precondition(count == 1, "item(): the tensor has \(count) elements (shape \(shape)); expected 1")
        return scalar(atFlat: 0)
    }

    /// The elements in row-major order, converted to `T` (integers from floats round toward zero).
    public func scalars<T: TensorElement>(as type: T.Type = T.self) -> [T] {
        if T.dtype == dtype {
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let dst = buffer.baseAddress!
                forEachElement(self, T.self) { v, i in (dst + i).initialize(to: v) }
                initialized = count
            }
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let dst = buffer.baseAddress!
            switch dtype {
            case .float32: forEachElement(self, Float.self) { v, i in (dst + i).initialize(to: T(fromDouble: Double(v))) }
            case .float64: forEachElement(self, Double.self) { v, i in (dst + i).initialize(to: T(fromDouble: v)) }
            case .int64: forEachElement(self, Int.self) { v, i in (dst + i).initialize(to: T(fromDouble: Double(v))) }
            case .bool: forEachElement(self, Bool.self) { v, i in (dst + i).initialize(to: T(fromDouble: v ? 1 : 0)) }
            }
            initialized = count
        }
    }

    /// Calls `body` with the elements of a contiguous copy (or this tensor, when contiguous).
    /// - Precondition: `T` is this tensor's element type.
    public func withUnsafeElements<T: TensorElement, R>(as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "withUnsafeElements: tensor is \(dtype), not \(T.dtype)")
        let c = contiguous()
        return try body(UnsafeBufferPointer(start: c.basePointer(T.self), count: c.count))
    }

    /// Calls `body` with this tensor's memory for writing. Not recorded for autodiff.
    /// - Precondition: the tensor is contiguous, `T` is its element type, and it does not
    ///   require gradients while recording is on.
    public func withUnsafeMutableElements<T: TensorElement, R>(as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "withUnsafeMutableElements: tensor is \(dtype), not \(T.dtype)")
        precondition(isContiguous, "withUnsafeMutableElements: the tensor must be contiguous; call contiguous() first")
        precondition(!(requiresGrad && GradMode.isEnabled),
                     "withUnsafeMutableElements: the tensor requires gradients; modify it inside withNoGrad")
        return try body(UnsafeMutableBufferPointer(start: basePointer(T.self), count: count))
    }
}
