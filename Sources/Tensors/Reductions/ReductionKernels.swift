/// Reductions that combine elements along axes.
enum ReductionKind { case sum, product, minimum, maximum }

/// Sum of `n` elements `p[0], p[s], …` with eight independent accumulators and pairwise
/// splitting above 512 elements, which keeps Float error near NumPy's pairwise sum.
@inline(__always)
func pairwiseSum<T: FloatingPointElement>(_ p: UnsafePointer<T>, _ n: Int, _ s: Int) -> T {
    if n > 512 {
        let half = (n / 2) & ~7
        return pairwiseSum(p, half, s) + pairwiseSum(p + half * s, n - half, s)
    }
    var a0: T = 0, a1: T = 0, a2: T = 0, a3: T = 0, a4: T = 0, a5: T = 0, a6: T = 0, a7: T = 0
    var i = 0
    if s == 1 {
        while i + 8 <= n {
            a0 += p[i]; a1 += p[i + 1]; a2 += p[i + 2]; a3 += p[i + 3]
            a4 += p[i + 4]; a5 += p[i + 5]; a6 += p[i + 6]; a7 += p[i + 7]
            i += 8
        }
    }
    var tail: T = 0
    while i < n {
        tail += p[i * s]
        i += 1
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + tail
}

extension Tensor {
    /// Reduces over `axes` (normalised, sorted) and returns the result with those axes kept
    /// as size 1. Not recorded.
    static func reduceKernel(_ kind: ReductionKind, _ x: Tensor, axes: [Int], _ name: StaticString) -> Tensor {
        var outShape = x.shape
        for a in axes { outShape[a] = 1 }
        if kind == .minimum || kind == .maximum {
            precondition(axes.allSatisfy { x.shape[$0] > 0 } && x.count > 0,
                         "\(name): cannot reduce an empty axis of shape \(x.shape) (no identity)")
        }
        let out = Tensor(uninitializedShape: outShape, dtype: x.dtype)
        var readStrides = out.strides
        for a in axes { readStrides[a] = 0 }
        let layout = StridedLayout(shape: x.shape, readStrides, x.strides)
        switch x.dtype {
        case .float32: floatReduce(kind, x, out, layout, Float.self)
        case .float64: floatReduce(kind, x, out, layout, Double.self)
        case .int64: integerReduce(kind, x, out, layout)
        case .bool: preconditionFailure("\(name) of a bool tensor; convert it with to(.int64) first")
        }
        return out
    }

    private static func floatReduce<T: FloatingPointElement>(_ kind: ReductionKind, _ x: Tensor, _ out: Tensor,
                                                             _ layout: StridedLayout, _: T.Type) {
        let src = x.basePointer(T.self), dst = out.basePointer(T.self)
        switch kind {
        case .sum:
            dst.update(repeating: 0, count: out.count)
            layout.forEachRow(offsets: [0, 0]) { o, n, s in
                let d = dst + o[0], p = src + o[1]
                if s[0] == 0 {
                    d.pointee += pairwiseSum(p, n, s[1])
                } else if s[0] == 1 && s[1] == 1 {
                    for i in 0..<n { d[i] += p[i] }
                } else {
                    for i in 0..<n { d[i * s[0]] += p[i * s[1]] }
                }
            }
        case .product:
            reduceRows(layout, src, dst, out.count, identity: 1) { $0 * $1 }
        case .minimum:
            reduceRows(layout, src, dst, out.count, identity: .infinity) { T.nanMinimum($0, $1) }
        case .maximum:
            reduceRows(layout, src, dst, out.count, identity: -.infinity) { T.nanMaximum($0, $1) }
        }
    }

    private static func integerReduce(_ kind: ReductionKind, _ x: Tensor, _ out: Tensor, _ layout: StridedLayout) {
        let src = x.basePointer(Int.self), dst = out.basePointer(Int.self)
        switch kind {
        case .sum: reduceRows(layout, src, dst, out.count, identity: 0) { $0 &+ $1 }
        case .product: reduceRows(layout, src, dst, out.count, identity: 1) { $0 &* $1 }
        case .minimum: reduceRows(layout, src, dst, out.count, identity: .max) { Swift.min($0, $1) }
        case .maximum: reduceRows(layout, src, dst, out.count, identity: .min) { Swift.max($0, $1) }
        }
    }

    @inline(__always)
    private static func reduceRows<T>(_ layout: StridedLayout, _ src: UnsafeMutablePointer<T>,
                                      _ dst: UnsafeMutablePointer<T>, _ outCount: Int, identity: T,
                                      _ combine: (T, T) -> T) {
        dst.update(repeating: identity, count: outCount)
        layout.forEachRow(offsets: [0, 0]) { o, n, s in
            let d = dst + o[0], p = src + o[1]
            if s[0] == 0 {
                var acc = d.pointee
                for i in 0..<n { acc = combine(acc, p[i * s[1]]) }
                d.pointee = acc
            } else {
                for i in 0..<n { d[i * s[0]] = combine(d[i * s[0]], p[i * s[1]]) }
            }
        }
    }
}
