/// The two index kernels every indexing op is built on (no autodiff here).
///
/// Both walk the index tensor's shape (any strides, including the stride-0 expansion that
/// ``Tensor/indexSelect(axis:indices:)`` uses) and replace one coordinate, along `axis`, by the
/// index value. Indices are checked as they are read.
extension Tensor {
    /// `out[p] = source[p with coordinate axis = indices[p]]` for every position `p` of
    /// `indices`. `out` is contiguous with the shape of `indices`. Works for every dtype.
    /// - Precondition (checked by callers): `indices` is int64 with `source`'s rank, no larger
    ///   than `source` on the other axes.
    static func gatherKernel(_ source: Tensor, axis: Int, indices: Tensor, _ name: StaticString) -> Tensor {
        let out = Tensor(uninitializedShape: indices.shape, dtype: source.dtype)
        var sourceStrides = source.strides
        let axisStride = sourceStrides[axis], size = source.shape[axis]
        sourceStrides[axis] = 0
        let layout = StridedLayout(shape: indices.shape, operandStrides: [out.strides, indices.strides, sourceStrides])
        let index = indices.basePointer(Int.self)
        func run<Bits>(_: Bits.Type) {
            let dst = out.storage.data.assumingMemoryBound(to: Bits.self) + out.offset
            let src = source.storage.data.assumingMemoryBound(to: Bits.self) + source.offset
            layout.forEachRow(offsets: [0, 0, 0]) { o, n, s in
                let d = dst + o[0], ip = index + o[1], p = src + o[2]
                let ds = s[0], ins = s[1], ps = s[2]
                for i in 0..<n {
                    let k = ip[i * ins]
                    precondition(k >= 0 && k < size,
                                 "\(name): index \(k) is out of range for axis \(axis) of size \(size)")
                    d[i * ds] = p[i * ps + k * axisStride]
                }
            }
        }
        switch source.dtype.byteSize {
        case 1: run(UInt8.self)
        case 4: run(UInt32.self)
        default: run(UInt64.self)
        }
        return out
    }

    /// `target[p with coordinate axis = indices[p]] += source[p]` for every position `p` of
    /// `indices`, in place. `target` is a fresh contiguous tensor.
    /// - Precondition (checked by callers): numeric dtypes that match; `indices` int64 with the
    ///   common rank, no larger than `source` on any axis nor `target` on the other axes.
    static func scatterAddKernel(into target: Tensor, axis: Int, indices: Tensor, source: Tensor, _ name: StaticString) {
        var targetStrides = target.strides
        let axisStride = targetStrides[axis], size = target.shape[axis]
        targetStrides[axis] = 0
        let layout = StridedLayout(shape: indices.shape, operandStrides: [targetStrides, indices.strides, source.strides])
        let index = indices.basePointer(Int.self)
        func run<T: NumericElement>(_: T.Type) {
            let dst = target.basePointer(T.self), src = source.basePointer(T.self)
            layout.forEachRow(offsets: [0, 0, 0]) { o, n, s in
                let d = dst + o[0], ip = index + o[1], p = src + o[2]
                let ds = s[0], ins = s[1], ps = s[2]
                for i in 0..<n {
                    let k = ip[i * ins]
                    precondition(k >= 0 && k < size,
                                 "\(name): index \(k) is out of range for axis \(axis) of size \(size)")
                    d[i * ds + k * axisStride] += p[i * ps]
                }
            }
        }
        switch target.dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int.self)
        case .bool: preconditionFailure("\(name) is not defined for bool tensors")
        }
    }
}
