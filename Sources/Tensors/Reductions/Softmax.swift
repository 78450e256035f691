import ElementKernels

extension Tensor {
    /// exp(x) / Σ exp(x) along `axis`, computed in one pass per row after subtracting the row
    /// maximum, so large inputs do not overflow. Its gradient is one fused pass too.
    public func softmax(axis: Int = -1) -> Tensor { normalizedExponential(axis: axis, log: false) }

    /// x − log Σ exp(x) along `axis`: the logarithm of ``softmax(axis:)`` without its rounding
    /// loss (tiny probabilities keep their log instead of becoming −inf).
    public func logSoftmax(axis: Int = -1) -> Tensor { normalizedExponential(axis: axis, log: true) }

    private func normalizedExponential(axis: Int, log: Bool) -> Tensor {
        precondition(dtype.isFloatingPoint, "\(log ? "logSoftmax" : "softmax") needs a float32 or float64 tensor, got \(dtype)")
        precondition(rank > 0, "\(log ? "logSoftmax" : "softmax") needs at least one axis")
        let a = Shape.normalize(axis: axis, rank: rank, "softmax")
        // Move the axis last so that each row is contiguous.
        let order = (0..<rank).filter { $0 != a } + [a]
        let rows = detached().permuted(order).contiguous()
        let out = Tensor(uninitializedShape: rows.shape, dtype: dtype)
        let width = shape[a]
        switch dtype {
        case .float32: Tensor.softmaxRowsFloat(rows, out, width, log)
        default: Tensor.softmaxRows(rows, out, width, log, Double.self)
        }
        let inverse = Tensor.inversePermutation(order)
        let result = out.permuted(inverse)
        guard Tensor.recording(self) else { return result }
        return result.recorded(log ? "logSoftmax" : "softmax", [self]) { g, y in
            if Tensor.recording([g, y]) {
                // Higher-order gradients: compose from recorded operations.
                return [log ? g - y.exp() * g.sum(axis: a, keepDims: true)
                            : y * (g - (g * y).sum(axis: a, keepDims: true))]
            }
            // The result comes in as `y`: capturing `out` would be a retain cycle when the
            // permutation is the identity (then `out` is the recorded tensor itself).
            let yRows = y.permuted(order).contiguous(), gRows = g.permuted(order).contiguous()
            let gradient = Tensor(uninitializedShape: yRows.shape, dtype: g.dtype)
            let rows = width == 0 ? 0 : yRows.count / width
            switch (g.dtype, log) {
            case (.float32, true): Tensor.logSoftmaxGradientRowsFloat(yRows, gRows, gradient, width)
            case (_, true): Tensor.logSoftmaxGradientRows(yRows, gRows, gradient, width, Double.self)
            case (.float32, false):
                mlhub_f32_softmax_backward_rows(yRows.basePointer(Float.self), gRows.basePointer(Float.self),
                                                gradient.basePointer(Float.self), rows, width)
            case (_, false):
                mlhub_f64_softmax_backward_rows(yRows.basePointer(Double.self), gRows.basePointer(Double.self),
                                                gradient.basePointer(Double.self), rows, width)
            }
            return [gradient.permuted(inverse)]
        }
    }

    private static func softmaxRows<T: FloatingPointElement>(_ x: Tensor, _ out: Tensor, _ width: Int, _ log: Bool, _: T.Type) {
        guard width > 0 else { return }
        let src = x.basePointer(T.self), dst = out.basePointer(T.self)
        for row in 0..<(x.count / width) {
            let p = src + row * width, d = dst + row * width
            var peak = p[0]
            for i in 1..<width where p[i] > peak || p[i].isNaN { peak = p[i] }
            var total: T = 0
            if log {
                for i in 0..<width { total += T.exp(p[i] - peak) }
                let shift = peak + T.log(total)
                for i in 0..<width { d[i] = p[i] - shift }
            } else {
                for i in 0..<width {
                    let e = T.exp(p[i] - peak)
                    d[i] = e
                    total += e
                }
                let scale = 1 / total
                for i in 0..<width { d[i] *= scale }
            }
        }
    }

    /// `softmaxRows` for float32 with the exponentials of the whole tensor in one vectorised
    /// call (``mlhub_f32_exp``) rather than one libm call per element. A NaN in a row makes
    /// the row NaN, as there.
    private static func softmaxRowsFloat(_ x: Tensor, _ out: Tensor, _ width: Int, _ log: Bool) {
        guard width > 0 else { return }
        let count = x.count
        let src = x.basePointer(Float.self), dst = out.basePointer(Float.self)
        // Scratch from the tensor buffer pool (a fresh 2 MB malloc each call would page-fault).
        let scratch = Tensor(uninitializedShape: [log ? 2 * count : count], dtype: .float32)
        let shifted = scratch.basePointer(Float.self)
        var shifts = [Float](repeating: 0, count: count / width)
        for row in 0..<(count / width) {
            let p = src + row * width, q = shifted + row * width
            var peak = p[0]
            for i in 1..<width { peak = p[i] > peak ? p[i] : peak }
            for i in 0..<width { q[i] = p[i] - peak }
        }
        // exp(x − max) for every element: into `out` for softmax, into scratch for its sums in logSoftmax.
        let exps = log ? shifted + count : dst
        mlhub_f32_exp(shifted, exps, count)
        for row in 0..<(count / width) {
            let e = exps + row * width
            var total: Float = 0
            for i in 0..<width { total += e[i] }
            shifts[row] = log ? Float.log(total) : 1 / total
        }
        for row in 0..<(count / width) {
            let d = dst + row * width, q = shifted + row * width, shift = shifts[row]
            if log {
                for i in 0..<width { d[i] = q[i] - shift }
            } else {
                for i in 0..<width { d[i] *= shift }
            }
        }
        withExtendedLifetime(scratch) {}
    }

    /// logSoftmax's gradient for float32, gx = g − exp(y)·Σ g, with one vectorised exp call.
    private static func logSoftmaxGradientRowsFloat(_ y: Tensor, _ g: Tensor, _ out: Tensor, _ width: Int) {
        guard width > 0 else { return }
        let count = y.count
        let pg = g.basePointer(Float.self), dst = out.basePointer(Float.self)
        mlhub_f32_exp(y.basePointer(Float.self), dst, count)
        for row in 0..<(count / width) {
            let gr = pg + row * width, d = dst + row * width
            var total: Float = 0
            for i in 0..<width { total += gr[i] }
            for i in 0..<width { d[i] = gr[i] - d[i] * total }
        }
    }

    /// logSoftmax's gradient for float64, gx = g − exp(y)·Σ g (softmax's, gx = y·(g − Σ g·y), is
    /// ``mlhub_f64_softmax_backward_rows``).
    private static func logSoftmaxGradientRows<T: FloatingPointElement>(_ y: Tensor, _ g: Tensor, _ out: Tensor,
                                                                        _ width: Int, _: T.Type) {
        guard width > 0 else { return }
        let py = y.basePointer(T.self), pg = g.basePointer(T.self), dst = out.basePointer(T.self)
        for row in 0..<(y.count / width) {
            let yr = py + row * width, gr = pg + row * width, d = dst + row * width
            var total: T = 0
            for i in 0..<width { total += gr[i] }
            for i in 0..<width { d[i] = gr[i] - T.exp(yr[i]) * total }
        }
    }
}
