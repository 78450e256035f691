/// Row-by-row iteration over strided N-d operands, the loop every non-contiguous kernel uses.
///
/// Axes of size 1 are dropped and neighbouring axes that are contiguous in every operand are
/// merged, so a transposed or broadcast view costs as few outer iterations as its layout allows.
/// The body gets, for each innermost row, the element offset of every operand, the row length
/// and each operand's stride along the row.
struct StridedLayout {
    /// Sizes of the merged axes (outermost first); empty for a single element.
    var sizes: [Int] = []
    /// `strides[op * rank + axis]`.
    var strides: [Int] = []
    var operandCount: Int
    var isEmpty = false

    init(shape: [Int], operandStrides: [[Int]]) {
        operandCount = operandStrides.count
        var mergedSizes: [Int] = []
        var mergedStrides: [[Int]] = Array(repeating: [], count: operandCount)
        for axis in shape.indices.reversed() {
            let size = shape[axis]
            if size == 0 { isEmpty = true }
            if size == 1 { continue }
            if let last = mergedSizes.indices.last,
               (0..<operandCount).allSatisfy({ operandStrides[$0][axis] == mergedStrides[$0][last] * mergedSizes[last] }) {
                mergedSizes[last] *= size
            } else {
                mergedSizes.append(size)
                for op in 0..<operandCount { mergedStrides[op].append(operandStrides[op][axis]) }
            }
        }
        sizes = mergedSizes.reversed()
        let rank = sizes.count
        strides = [Int](repeating: 0, count: operandCount * rank)
        for op in 0..<operandCount {
            for (axis, s) in mergedStrides[op].reversed().enumerated() { strides[op * rank + axis] = s }
        }
    }

    /// Calls `body(offsets, rowLength, rowStrides)` once per innermost row.
    @inline(__always)
    func forEachRow(offsets start: [Int],
                    _ body: (_ offsets: UnsafeMutableBufferPointer<Int>, _ count: Int,
                             _ rowStrides: UnsafeBufferPointer<Int>) -> Void) {
        if isEmpty { return }
        let rank = sizes.count
        var offsets = start
        var rowStrides = [Int](repeating: 0, count: operandCount)
        if rank == 0 {
            offsets.withUnsafeMutableBufferPointer { o in
                rowStrides.withUnsafeBufferPointer { body(o, 1, $0) }
            }
            return
        }
        for op in 0..<operandCount { rowStrides[op] = strides[op * rank + rank - 1] }
        let rowLength = sizes[rank - 1]
        var outer = 1
        for a in 0..<(rank - 1) { outer *= sizes[a] }
        var index = [Int](repeating: 0, count: Swift.max(rank - 1, 1))
        offsets.withUnsafeMutableBufferPointer { o in
            rowStrides.withUnsafeBufferPointer { rs in
                for _ in 0..<outer {
                    body(o, rowLength, rs)
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        for op in 0..<operandCount { o[op] += strides[op * rank + axis] }
                        if index[axis] < sizes[axis] { break }
                        for op in 0..<operandCount { o[op] -= strides[op * rank + axis] * sizes[axis] }
                        index[axis] = 0
                        axis -= 1
                    }
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
    let layout = StridedLayout(shape: destination.shape,
                               operandStrides: [destination.strides, source.stridesBroadcast(to: destination.shape)])
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
