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
        case .float32: Tensor.softmaxRows(rows, out, width, log, Float.self)
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
            let gRows = g.permuted(order).contiguous()
            let gradient = Tensor(uninitializedShape: out.shape, dtype: g.dtype)
            switch g.dtype {
            case .float32: Tensor.softmaxGradientRows(out, gRows, gradient, width, log, Float.self)
            default: Tensor.softmaxGradientRows(out, gRows, gradient, width, log, Double.self)
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

    /// softmax: gx = y·(g − Σ g·y); logSoftmax: gx = g − exp(y)·Σ g.
    private static func softmaxGradientRows<T: FloatingPointElement>(_ y: Tensor, _ g: Tensor, _ out: Tensor,
                                                                     _ width: Int, _ log: Bool, _: T.Type) {
        guard width > 0 else { return }
        let py = y.basePointer(T.self), pg = g.basePointer(T.self), dst = out.basePointer(T.self)
        for row in 0..<(y.count / width) {
            let yr = py + row * width, gr = pg + row * width, d = dst + row * width
            var total: T = 0
            if log {
                for i in 0..<width { total += gr[i] }
                for i in 0..<width { d[i] = gr[i] - T.exp(yr[i]) * total }
            } else {
                for i in 0..<width { total += gr[i] * yr[i] }
                for i in 0..<width { d[i] = yr[i] * (gr[i] - total) }
            }
        }
    }
}
