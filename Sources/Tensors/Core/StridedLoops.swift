/// Row-by-row iteration over strided N-d operands, the loop every non-contiguous kernel uses.
///
/// Axes of size 1 are dropped and neighbouring axes that are contiguous in every operand are
/// merged, so a transposed or broadcast view costs as few outer iterations as its layout allows.
/// The body gets, for each innermost row, the element offset of every operand, the row length
/// and each operand's stride along the row.
struct StridedLayout {
    /// Sizes of the merged axes (outermost first); empty for a single element.
    var sizes: [Int]
    /// `strides[op * rank + axis]`.
    var strides: [Int]
    let operandCount: Int
    var isEmpty = false

    init(shape: [Int], operandStrides: [[Int]]) {
        self.init(shape: shape, operandCount: operandStrides.count) { op, axis in operandStrides[op][axis] }
    }

    init(shape: [Int], _ a: [Int], _ b: [Int]) {
        self.init(shape: shape, operandCount: 2) { op, axis in op == 0 ? a[axis] : b[axis] }
    }

    init(shape: [Int], _ a: [Int], _ b: [Int], _ c: [Int]) {
        self.init(shape: shape, operandCount: 3) { op, axis in op == 0 ? a[axis] : (op == 1 ? b[axis] : c[axis]) }
    }

    @inline(__always)
    private init(shape: [Int], operandCount: Int, stride: (_ op: Int, _ axis: Int) -> Int) {
        self.operandCount = operandCount
        // Built innermost axis first: `merged[d * operandCount + op]`.
        var mergedSizes: [Int] = []
        var merged: [Int] = []
        mergedSizes.reserveCapacity(shape.count)
        merged.reserveCapacity(shape.count * operandCount)
        for axis in shape.indices.reversed() {
            let size = shape[axis]
            if size == 0 { isEmpty = true }
            if size == 1 { continue }
            var canMerge = !mergedSizes.isEmpty
            if canMerge {
                let last = mergedSizes.count - 1
                for op in 0..<operandCount where stride(op, axis) != merged[last * operandCount + op] * mergedSizes[last] {
                    canMerge = false
                    break
                }
            }
            if canMerge {
                mergedSizes[mergedSizes.count - 1] *= size
            } else {
                mergedSizes.append(size)
                for op in 0..<operandCount { merged.append(stride(op, axis)) }
            }
        }
        let rank = mergedSizes.count
        sizes = mergedSizes.reversed()
        strides = [Int](repeating: 0, count: operandCount * rank)
        for d in 0..<rank {
            for op in 0..<operandCount { strides[op * rank + (rank - 1 - d)] = merged[d * operandCount + op] }
        }
    }

    /// Calls `body(offsets, rowLength, rowStrides)` once per innermost row.
    @inline(__always)
    func forEachRow(offsets start: [Int],
                    _ body: (_ offsets: UnsafeMutableBufferPointer<Int>, _ count: Int,
                             _ rowStrides: UnsafeBufferPointer<Int>) -> Void) {
        if isEmpty { return }
        let rank = sizes.count
        let ops = operandCount
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * ops + Swift.max(rank, 1)) { scratch in
            let offsets = UnsafeMutableBufferPointer(rebasing: scratch[0..<ops])
            let rowStrides = UnsafeMutableBufferPointer(rebasing: scratch[ops..<(2 * ops)])
            let index = UnsafeMutableBufferPointer(rebasing: scratch[(2 * ops)...])
            for op in 0..<ops {
                offsets[op] = start[op]
                rowStrides[op] = rank == 0 ? 0 : strides[op * rank + rank - 1]
            }
            if rank == 0 {
                body(offsets, 1, UnsafeBufferPointer(rowStrides))
                return
            }
            let rowLength = sizes[rank - 1]
            var outer = 1
            for a in 0..<(rank - 1) {
                outer *= sizes[a]
                index[a] = 0
            }
            for _ in 0..<outer {
                body(offsets, rowLength, UnsafeBufferPointer(rowStrides))
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    for op in 0..<ops { offsets[op] += strides[op * rank + axis] }
                    if index[axis] < sizes[axis] { break }
                    for op in 0..<ops { offsets[op] -= strides[op * rank + axis] * sizes[axis] }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}

extension Tensor {
    /// Strides to read this tensor as the broadcast shape `target`.
    func stridesBroadcast(to target: [Int]) -> [Int] {
        shape == target ? strides : Shape.broadcastStrides(shape: shape, strides: strides, to: target)
    }
}

/// Copies the elements of `source` (any layout, same shape as `destination` or broadcastable
/// to it) into `destination` (any layout). Works for every dtype by moving raw bits.
func copyElements(from source: Tensor, to destination: Tensor) {
    precondition(source.dtype == destination.dtype, "copy: dtype \(source.dtype) into \(destination.dtype)")
    switch source.dtype.byteSize {
    case 1: copyElements(UInt8.self, from: source, to: destination)
    case 4: copyElements(UInt32.self, from: source, to: destination)
    default: copyElements(UInt64.self, from: source, to: destination)
    }
}

private func copyElements<Bits>(_: Bits.Type, from source: Tensor, to destination: Tensor) {
    let src = source.storage.data.assumingMemoryBound(to: Bits.self) + source.offset
    let dst = destination.storage.data.assumingMemoryBound(to: Bits.self) + destination.offset
    if source.isContiguous && destination.isContiguous && source.count == destination.count {
        dst.update(from: src, count: destination.count)
        return
    }
    let layout = StridedLayout(shape: destination.shape, destination.strides, source.stridesBroadcast(to: destination.shape))
    layout.forEachRow(offsets: [0, 0]) { o, n, s in
        var d = dst + o[0], p = src + o[1]
        let ds = s[0], ps = s[1]
        if ds == 1 && ps == 1 {
            d.update(from: p, count: n)
        } else {
            for _ in 0..<n {
                d.pointee = p.pointee
                d += ds
                p += ps
            }
        }
    }
}
