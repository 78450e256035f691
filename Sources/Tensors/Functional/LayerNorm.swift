import ElementKernels

extension Tensor {
    /// Layer normalisation over the trailing axes, as PyTorch's `F.layer_norm`:
    /// `(x − mean) / √(variance + ε) · weight + bias`, with the mean and the biased variance of
    /// each group of trailing elements.
    ///
    /// - Parameters:
    ///   - input: `[..., normalizedShape...]`.
    ///   - normalizedShape: the trailing axes normalised together.
    ///   - weight, bias: `normalizedShape`, or `nil` for no scale or no shift.
    ///
    /// One recorded operation: the forward pass writes the output and keeps each row's mean and
    /// reciprocal deviation; the gradient is written out by hand (a few passes per row) instead
    /// of the tape's mean, subtraction, square, mean, square root and division, each with its
    /// own gradient and accumulations. With `createGraph` the gradient is composed from
    /// recorded operations, so it can be differentiated again.
    /// - Precondition: float dtypes that match; `input`'s shape ends in `normalizedShape`;
    ///   `weight` and `bias` have `normalizedShape`.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 epsilon: Double = 1e-5) -> Tensor {
        precondition(!normalizedShape.isEmpty && Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
                     && input.rank >= normalizedShape.count,
                     "layerNorm: input \(input.shape) does not end in \(normalizedShape)")
        precondition(input.dtype.isFloatingPoint, "layerNorm: input must be float32 or float64, got \(input.dtype)")
        for (name, p) in [("weight", weight), ("bias", bias)] {
            guard let p else { continue }
            precondition(p.shape == normalizedShape, "layerNorm: \(name) must be \(normalizedShape), got \(p.shape)")
            precondition(p.dtype == input.dtype, "layerNorm: \(name) dtype \(p.dtype) differs from \(input.dtype)")
        }
        let width = normalizedShape.reduce(1, *)
        let rows = width == 0 ? 0 : input.count / width
        let x = input.contiguousData().tensor
        let w = weight?.contiguousData().tensor, b = bias?.contiguousData().tensor
        let out = Tensor(uninitializedShape: input.shape, dtype: input.dtype)
        let statistics = Tensor(uninitializedShape: [2, rows], dtype: input.dtype)  // mean, rstd
        if input.dtype == .float32 {
            let s = statistics.basePointer(Float.self)
            mlhub_f32_layer_norm(x.basePointer(Float.self), w?.basePointer(Float.self), b?.basePointer(Float.self),
                                 out.basePointer(Float.self), s, s + rows, rows, width, Float(epsilon))
        } else {
            let s = statistics.basePointer(Double.self)
            mlhub_f64_layer_norm(x.basePointer(Double.self), w?.basePointer(Double.self), b?.basePointer(Double.self),
                                 out.basePointer(Double.self), s, s + rows, rows, width, epsilon)
        }
        let inputs = [input] + [weight, bias].compactMap { $0 }
        guard recording(inputs) else { return out }
        return out.recorded("layerNorm", inputs) { g, _ in
            let axes = Array((input.rank - normalizedShape.count)..<input.rank)
            if recording([g, input] + [weight].compactMap { $0 }) {
                // Higher-order gradients: compose from recorded operations.
                let centered = input - input.mean(axes: axes, keepDims: true)
                let rstd = 1 / ((centered * centered).mean(axes: axes, keepDims: true) + epsilon).sqrt()
                let normalized = centered * rstd
                let scaled = weight.map { g * $0 } ?? g
                let gradInput = rstd * (scaled - scaled.mean(axes: axes, keepDims: true)
                                        - normalized * (scaled * normalized).mean(axes: axes, keepDims: true))
                let leading = Array(0..<(input.rank - normalizedShape.count))
                var grads: [Tensor?] = [input.requiresGrad ? gradInput : nil]
                if let weight { grads.append(weight.requiresGrad ? (g * normalized).sum(axes: leading) : nil) }
                if let bias { grads.append(bias.requiresGrad ? g.sum(axes: leading) : nil) }
                return grads
            }
            return layerNormGradients(g.contiguousData().tensor, x: x, weight: w, bias: bias, statistics: statistics,
                                      inputNeeded: input.requiresGrad, rows: rows, width: width)
        }
    }

    /// The backward of ``layerNorm(_:normalizedShape:weight:bias:epsilon:)`` in one pass over
    /// the rows (recording off).
    private static func layerNormGradients(_ g: Tensor, x: Tensor, weight: Tensor?, bias: Tensor?, statistics: Tensor,
                                           inputNeeded: Bool, rows: Int, width: Int) -> [Tensor?] {
        let gx = inputNeeded ? Tensor(uninitializedShape: x.shape, dtype: x.dtype) : nil
        let gw = weight.flatMap { $0.requiresGrad ? Tensor.zeros($0.shape, dtype: x.dtype) : nil }
        let gb = bias.flatMap { $0.requiresGrad ? Tensor.zeros($0.shape, dtype: x.dtype) : nil }
        if x.dtype == .float32 {
            let s = statistics.basePointer(Float.self)
            mlhub_f32_layer_norm_backward(g.basePointer(Float.self), x.basePointer(Float.self), weight?.basePointer(Float.self),
                                          s, s + rows, gx?.basePointer(Float.self), gw?.basePointer(Float.self),
                                          gb?.basePointer(Float.self), rows, width)
        } else {
            let s = statistics.basePointer(Double.self)
            mlhub_f64_layer_norm_backward(g.basePointer(Double.self), x.basePointer(Double.self), weight?.basePointer(Double.self),
                                          s, s + rows, gx?.basePointer(Double.self), gw?.basePointer(Double.self),
                                          gb?.basePointer(Double.self), rows, width)
        }
        var grads: [Tensor?] = [gx]
        if weight != nil { grads.append(gw) }
        if bias != nil { grads.append(gb) }
        return grads
    }
}
