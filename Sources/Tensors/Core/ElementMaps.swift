/// Typed element loops: the building blocks of elementwise kernels.
///
/// Each has a contiguous fast path (a flat loop LLVM vectorises) and a strided path through
/// ``StridedLayout``. They are `@inline(__always)` so that the closure is specialised into the
/// loop, and callers reach them through a `switch` on the dtype with concrete element types.

/// `out[i] = f(a[i])`; `out` is contiguous with `a`'s shape.
@inline(__always)
func mapElements<T, U>(_ a: Tensor, into out: Tensor, _: T.Type, _: U.Type, _ f: (T) -> U) {
    let src = a.basePointer(T.self)
    let dst = out.basePointer(U.self)
    if a.isContiguous {
        for i in 0..<a.count { dst[i] = f(src[i]) }
        return
    }
    let layout = StridedLayout(shape: a.shape, out.strides, a.strides)
    layout.forEachRow(offsets: [0, 0]) { o, n, s in
        let d = dst + o[0], p = src + o[1], ps = s[1]
        if ps == 1 {
            for i in 0..<n { d[i] = f(p[i]) }
        } else {
            for i in 0..<n { d[i] = f(p[i * ps]) }
        }
    }
}

/// `out[i] = f(a[i], b[i])` with NumPy broadcasting; `out` is contiguous with the broadcast shape.
@inline(__always)
func mapElements<T, U>(_ a: Tensor, _ b: Tensor, into out: Tensor, _: T.Type, _: U.Type,
                       _ f: (T, T) -> U) {
    let pa = a.basePointer(T.self), pb = b.basePointer(T.self)
    let dst = out.basePointer(U.self)
    let n = out.count
    let aFull = a.isContiguous && a.count == n, bFull = b.isContiguous && b.count == n
    if aFull && bFull {
        for i in 0..<n { dst[i] = f(pa[i], pb[i]) }
        return
    }
    // One side holds a single value (a scalar, or a view that repeats one element), or
    // repeats along leading axes as a bias does: loop over the full side, reading the other
    // row by row.
    @inline(__always)
    func repeating(_ full: UnsafeMutablePointer<T>, _ part: Tensor, _ partPointer: UnsafeMutablePointer<T>,
                   _ combine: (T, T) -> U) -> Bool {
        if part.isUniform {
            let y = partPointer[0]
            for i in 0..<n { dst[i] = combine(full[i], y) }
            return true
        }
        guard part.isContiguous && part.count > 0 && out.shape.suffix(part.rank) == part.shape[...] else { return false }
        let width = part.count
        for row in 0..<(n / width) {
            let d = dst + row * width, x = full + row * width
            for i in 0..<width { d[i] = combine(x[i], partPointer[i]) }
        }
        return true
    }
    if aFull && repeating(pa, b, pb, { f($0, $1) }) { return }
    if bFull && repeating(pb, a, pa, { f($1, $0) }) { return }
    let layout = StridedLayout(shape: out.shape, out.strides, a.stridesBroadcast(to: out.shape),
                               b.stridesBroadcast(to: out.shape))
    layout.forEachRow(offsets: [0, 0, 0]) { o, n, s in
        let d = dst + o[0], x = pa + o[1], y = pb + o[2]
        let xs = s[1], ys = s[2]
        if xs == 1 && ys == 1 {
            for i in 0..<n { d[i] = f(x[i], y[i]) }
        } else if xs == 1 && ys == 0 {
            let yv = y.pointee
            for i in 0..<n { d[i] = f(x[i], yv) }
        } else if xs == 0 && ys == 1 {
            let xv = x.pointee
            for i in 0..<n { d[i] = f(xv, y[i]) }
        } else {
            for i in 0..<n { d[i] = f(x[i * xs], y[i * ys]) }
        }
    }
}

/// `out[i] = f(a[i], b[i], c[i])` with broadcasting; `out` is contiguous with the broadcast shape.
/// The three inputs may have different element types.
@inline(__always)
func mapElements<A, B, C, U>(_ a: Tensor, _ b: Tensor, _ c: Tensor, into out: Tensor,
                             _: A.Type, _: B.Type, _: C.Type, _: U.Type, _ f: (A, B, C) -> U) {
    let pa = a.basePointer(A.self), pb = b.basePointer(B.self), pc = c.basePointer(C.self)
    let dst = out.basePointer(U.self)
    let n = out.count
    if a.isContiguous && b.isContiguous && c.isContiguous && a.count == n && b.count == n && c.count == n {
        for i in 0..<n { dst[i] = f(pa[i], pb[i], pc[i]) }
        return
    }
    let layout = StridedLayout(shape: out.shape, operandStrides: [
        out.strides, a.stridesBroadcast(to: out.shape), b.stridesBroadcast(to: out.shape),
        c.stridesBroadcast(to: out.shape),
    ])
    layout.forEachRow(offsets: [0, 0, 0, 0]) { o, n, s in
        let d = dst + o[0], x = pa + o[1], y = pb + o[2], z = pc + o[3]
        let xs = s[1], ys = s[2], zs = s[3]
        for i in 0..<n { d[i] = f(x[i * xs], y[i * ys], z[i * zs]) }
    }
}

/// Calls `body(element, flatIndex)` for every element in row-major order.
@inline(__always)
func forEachElement<T>(_ a: Tensor, _: T.Type, _ body: (T, Int) -> Void) {
    let src = a.basePointer(T.self)
    if a.isContiguous {
        for i in 0..<a.count { body(src[i], i) }
        return
    }
    var flat = 0
    let layout = StridedLayout(shape: a.shape, operandStrides: [a.strides])
    layout.forEachRow(offsets: [0]) { o, n, s in
        let p = src + o[0], ps = s[0]
        for i in 0..<n { body(p[i * ps], flat + i) }
        flat += n
    }
}
