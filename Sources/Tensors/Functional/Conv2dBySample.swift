extension Tensor {
    /// `conv2d`, one sample at a time, as one recorded operation.
    ///
    /// Unfolding the whole batch at once (a `[C·kh·kw, N·L]` column matrix) makes LeNet's first
    /// layer write and read 5 MB of columns, far more than the caches hold, and needs a copy to
    /// bring the product back to `[N, O, L]`. Here each sample's columns (tens of KB) are built,
    /// multiplied by the weights straight into that sample's output (the bias added there too),
    /// and reused while still in cache; the gradient goes the same way (weights: `g_b · colsᵀ`
    /// summed over samples; input: `Wᵀ · g_b` folded back into the sample; bias: the sums of
    /// `g` per channel). Higher-order gradients are composed from recorded operations.
    static func conv2dBySample(_ input: Tensor, weight: Tensor, bias: Tensor?, window: Window2D, groups: Int) -> Tensor {
        let geometry = ConvolutionGeometry(input: input.shape, weight: weight.shape, window: window, groups: groups)
        let x = input.detached().contiguous(), kernels = weight.detached().contiguous()
        let shift = bias?.detached().contiguous()
        let out = Tensor(uninitializedShape: [geometry.n, geometry.o, geometry.oh, geometry.ow], dtype: input.dtype)
        switch input.dtype {
        case .float32: geometry.forward(Float.self, x, kernels, shift, out)
        default: geometry.forward(Double.self, x, kernels, shift, out)
        }
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        guard Tensor.recording(inputs) else { return out }
        return out.recorded("conv2d", inputs) { g, _ in
            if Tensor.recording([g] + inputs) { return geometry.composedGradients(g, input, weight, bias) }
            let gc = g.contiguous()
            let gx = input.requiresGrad ? Tensor.zeros(input.shape, dtype: input.dtype) : nil
            let gw = weight.requiresGrad ? Tensor.zeros(weight.shape, dtype: weight.dtype) : nil
            let gb = bias?.requiresGrad == true ? Tensor.zeros([geometry.o], dtype: input.dtype) : nil
            switch input.dtype {
            case .float32: geometry.backward(Float.self, gc, x, kernels, gx, gw, gb)
            default: geometry.backward(Double.self, gc, x, kernels, gx, gw, gb)
            }
            return [gx, gw] + (bias == nil ? [] : [gb])
        }
    }
}

/// The sizes of one convolution and its per-sample loops.
struct ConvolutionGeometry {
    let n: Int, c: Int, h: Int, w: Int
    let o: Int, groups: Int, oh: Int, ow: Int
    let window: Window2D
    /// Output positions per sample, and column rows per group (`C/G · kh · kw`).
    var l: Int { oh * ow }
    let k: Int
    var outputsPerGroup: Int { o / groups }

    init(input: [Int], weight: [Int], window: Window2D, groups: Int) {
        (n, c, h, w) = (input[0], input[1], input[2], input[3])
        o = weight[0]
        k = weight[1] * weight[2] * weight[3]
        self.groups = groups
        self.window = window
        (oh, ow) = window.outputSize((h, w))
    }

    /// Sample `b`'s columns `[C·kh·kw, L]` into `cols`.
    @inline(__always)
    private func unfoldSample<T: FloatingPointElement>(_ x: UnsafeMutablePointer<T>, _ b: Int, into cols: UnsafeMutablePointer<T>) {
        Tensor.windowCopy(image: x + b * c * h * w, columns: cols, window, (1, c, h, w), (oh, ow), (row: l, batch: 0),
                          fold: false, fill: 0)
    }

    /// How many shares the samples are split into (``Parallel``): each sample's products are
    /// small, so samples rather than products go to the other cores.
    private var shares: Int { Parallel.shareCount(items: n, work: Double(n) * Double(o) * Double(k) * Double(l)) }

    func forward<T: FloatingPointElement>(_: T.Type, _ x: Tensor, _ kernels: Tensor, _ bias: Tensor?, _ out: Tensor) {
        let xp = x.basePointer(T.self), wp = kernels.basePointer(T.self), op = out.basePointer(T.self)
        let bp = bias?.basePointer(T.self)
        let og = outputsPerGroup
        Parallel.run(items: n, shares: shares) { _, samples in
            let cols = Tensor(uninitializedShape: [groups * k, l], dtype: x.dtype)
            let cp = cols.basePointer(T.self)
            for b in samples {
                unfoldSample(xp, b, into: cp)
                for gi in 0..<groups {
                    BLAS.gemm(dtype: x.dtype, transA: false, transB: false, m: og, n: l, k: k,
                              a: wp + gi * og * k, lda: k, b: cp + gi * k * l, ldb: l, c: op + (b * o + gi * og) * l, ldc: l)
                }
                if let bp {
                    for channel in 0..<o {
                        let row = op + (b * o + channel) * l, value = bp[channel]
                        for i in 0..<l { row[i] += value }
                    }
                }
            }
            withExtendedLifetime(cols) {}
        }
        withExtendedLifetime((x, kernels, bias, out)) {}
    }

    /// Each share sums its samples' weight and bias gradients on its own (the first share into
    /// `gw` and `gb` themselves, the others into zeroed copies added in at the end); the input's
    /// gradient is per sample, so the shares write it directly.
    func backward<T: FloatingPointElement>(_: T.Type, _ g: Tensor, _ x: Tensor, _ kernels: Tensor,
                                           _ gx: Tensor?, _ gw: Tensor?, _ gb: Tensor?) {
        let xp = x.basePointer(T.self), wp = kernels.basePointer(T.self), gp = g.basePointer(T.self)
        let og = outputsPerGroup
        let shares = shares
        let partials = (1..<shares).map { _ in
            (gw.map { Tensor.zeros($0.shape, dtype: $0.dtype) }, gb.map { Tensor.zeros($0.shape, dtype: $0.dtype) })
        }
        Parallel.run(items: n, shares: shares) { share, samples in
            let (weightSums, biasSums) = share == 0 ? (gw, gb) : partials[share - 1]
            let cols = Tensor(uninitializedShape: [groups * k, l], dtype: x.dtype)
            let cp = cols.basePointer(T.self)
            for b in samples {
                if let biasSums {
                    let sums = biasSums.basePointer(T.self)
                    for channel in 0..<o {
                        let row = gp + (b * o + channel) * l
                        var total: T = 0
                        for i in 0..<l { total += row[i] }
                        sums[channel] += total
                    }
                }
                if let weightSums {
                    // ∂W_g += g_{b,g} · cols_gᵀ.
                    unfoldSample(xp, b, into: cp)
                    for gi in 0..<groups {
                        BLAS.gemm(dtype: x.dtype, transA: false, transB: true, m: og, n: k, k: l,
                                  a: gp + (b * o + gi * og) * l, lda: l, b: cp + gi * k * l, ldb: l,
                                  c: weightSums.basePointer(T.self) + gi * og * k, ldc: k, accumulate: true)
                    }
                }
                if let gx {
                    // cols_g = W_gᵀ · g_{b,g}, folded back into the sample's image.
                    for gi in 0..<groups {
                        BLAS.gemm(dtype: x.dtype, transA: true, transB: false, m: k, n: l, k: og,
                                  a: wp + gi * og * k, lda: k, b: gp + (b * o + gi * og) * l, ldb: l, c: cp + gi * k * l, ldc: l)
                    }
                    Tensor.windowCopy(image: gx.basePointer(T.self) + b * c * h * w, columns: cp, window, (1, c, h, w), (oh, ow),
                                      (row: l, batch: 0), fold: true, fill: 0)
                }
            }
            withExtendedLifetime(cols) {}
        }
        for (weightSums, biasSums) in partials {
            if let gw, let weightSums { gw.add(weightSums) }
            if let gb, let biasSums { gb.add(biasSums) }
        }
        withExtendedLifetime((g, x, kernels)) {}
    }

    /// The same gradients as recorded operations (for `backward(createGraph: true)`).
    func composedGradients(_ g: Tensor, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?) -> [Tensor?] {
        let og = outputsPerGroup
        let gmat = g.reshaped([n, groups, og, l]).permuted([1, 2, 0, 3]).reshaped([groups, og, n * l])
        let gw = weight.requiresGrad
            ? gmat.matmul(input.unfold(window, padValue: 0, batchMajor: true).reshaped([groups, k, n * l]).transposed()).reshaped(weight.shape)
            : nil
        let gx = input.requiresGrad
            ? weight.reshaped([groups, og, k]).transposed().matmul(gmat).reshaped([groups * k, n * l])
                .fold(outputSize: (h, w), window: window, batchMajor: true, batch: n)
            : nil
        guard let bias else { return [gx, gw] }
        return [gx, gw, bias.requiresGrad ? g.sum(axes: [0, 2, 3]) : nil]
    }
}
