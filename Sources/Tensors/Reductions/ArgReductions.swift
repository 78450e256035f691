extension Tensor {
    /// The index of the largest element along `axis`, or in the flattened tensor when `axis` is
    /// `nil` (an `int64` tensor). Ties go to the first index; a NaN counts as the largest, as in
    /// NumPy. Traps on an empty axis.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepDims: keepDims, largest: true)
    }

    /// The index of the smallest element along `axis` (or flattened); ties go to the first
    /// index, and a NaN counts as the smallest.
    public func argmin(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepDims: keepDims, largest: false)
    }

    private func argExtreme(axis: Int?, keepDims: Bool, largest: Bool) -> Tensor {
        let name: StaticString = largest ? "argmax" : "argmin"
        guard let axis else {
            let flat = argExtreme(of: detached().reshaped([count]), axis: 0, largest: largest, name)
            return keepDims ? flat.reshaped([Int](repeating: 1, count: rank)) : flat.reshaped([])
        }
        let a = Shape.normalize(axis: axis, rank: rank, name)
        let result = argExtreme(of: detached(), axis: a, largest: largest, name)
        var keptShape = shape
        keptShape[a] = 1
        return keepDims ? result.reshaped(keptShape) : result
    }

    /// Indices along axis `a` of `x`, with that axis removed.
    private func argExtreme(of x: Tensor, axis a: Int, largest: Bool, _ name: StaticString) -> Tensor {
        let width = x.shape[a]
        precondition(width > 0, "\(name): axis \(a) of shape \(x.shape) is empty")
        let order = (0..<x.rank).filter { $0 != a } + [a]
        let rows = x.permuted(order).contiguous()
        let outShape = Array(rows.shape.dropLast())
        let out = Tensor(uninitializedShape: outShape, dtype: .int64)
        let dst = out.basePointer(Int.self)
        func scan<T: NumericElement>(_: T.Type, isNaN: (T) -> Bool) {
            let src = rows.basePointer(T.self)
            for row in 0..<out.count {
                let p = src + row * width
                var best = 0
                for i in 0..<width {
                    if isNaN(p[i]) { best = i; break }
                    if largest ? p[i] > p[best] : p[i] < p[best] { best = i }
                }
                dst[row] = best
            }
        }
        switch x.dtype {
        case .float32: scan(Float.self) { $0.isNaN }
        case .float64: scan(Double.self) { $0.isNaN }
        case .int64: scan(Int.self) { _ in false }
        case .bool: return argExtreme(of: x.to(.int64), axis: a, largest: largest, name)
        }
        return out
    }
}
