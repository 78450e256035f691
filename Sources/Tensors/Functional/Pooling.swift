extension Tensor {
    /// 2-D max pooling (PyTorch's `F.max_pool2d`) over `[N, C, H, W]`; padding counts as −inf.
    /// The gradient goes to the first maximum of each window, as PyTorch's does.
    /// - Parameter stride: defaults to the kernel size.
    public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                          dilation: (Int, Int) = (1, 1)) -> Tensor {
        precondition(rank == 4, "maxPool2d: input must be [N, C, H, W], got \(shape)")
        precondition(padding.0 * 2 <= kernel.0 && padding.1 * 2 <= kernel.1,
                     "maxPool2d: padding \(padding) must be at most half the kernel \(kernel)")
        let window = Window2D(kernel: kernel, stride: stride ?? kernel, padding: padding, dilation: dilation)
        let (oh, ow) = window.outputSize((shape[2], shape[3]))
        precondition(oh > 0 && ow > 0, "maxPool2d: a \(kernel) window does not fit in \(shape[2])×\(shape[3])")
        // One pass finds each window's first maximum and writes it out, keeping its position:
        // the gradient goes to exactly that element (added up where windows overlap).
        let planes = shape[0] * shape[1], area = shape[2] * shape[3]
        let out = Tensor(uninitializedShape: [shape[0], shape[1], oh, ow], dtype: dtype)
        let positions = Tensor.windowMaxima(detached(), window, (oh, ow), into: out)
        guard Tensor.recording(self) else { return out }
        let input = self
        return out.recorded("maxPool2d", [self]) { g, _ in
            let rows = g.reshaped([planes, oh * ow])
            if Tensor.recording(g) {
                // Higher-order gradients: a recorded scatter of g.
                return [Tensor.zeros([planes, area], dtype: g.dtype).scatterAdd(axis: 1, indices: positions, source: rows)
                    .reshaped(input.shape)]
            }
            let gradient = Tensor.zeros(input.shape, dtype: g.dtype)
            let source = rows.contiguous(), index = positions.basePointer(Int.self)
            func scatter<T: FloatingPointElement>(_: T.Type) {
                let gp = source.basePointer(T.self), dst = gradient.basePointer(T.self)
                for plane in 0..<planes {
                    let d = dst + plane * area, first = plane * oh * ow
                    for i in first..<(first + oh * ow) { d[index[i]] += gp[i] }
                }
            }
            if g.dtype == .float32 { scatter(Float.self) } else { scatter(Double.self) }
            return [gradient]
        }
    }

    /// 2-D average pooling (PyTorch's `F.avg_pool2d`). With `countIncludePadding` (the default)
    /// every window divides by the kernel area; without it, by the number of real elements.
    public func avgPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                          countIncludePadding: Bool = true) -> Tensor {
        precondition(rank == 4, "avgPool2d: input must be [N, C, H, W], got \(shape)")
        precondition(padding.0 * 2 <= kernel.0 && padding.1 * 2 <= kernel.1,
                     "avgPool2d: padding \(padding) must be at most half the kernel \(kernel)")
        let (windows, outSize) = poolingWindows(kernel: kernel, stride: stride, padding: padding, dilation: (1, 1), padValue: 0)
        var pooled = windows.sum(axis: 2)
        if countIncludePadding || (padding.0 == 0 && padding.1 == 0) {
            pooled = pooled / Double(kernel.0 * kernel.1)
        } else {
            let ones = Tensor.ones([1, 1, shape[2], shape[3]], dtype: dtype)
            let counts = withNoGrad { ones.poolingWindows(kernel: kernel, stride: stride, padding: padding, dilation: (1, 1), padValue: 0).0.sum(axis: 2) }
            pooled = pooled / counts
        }
        return pooled.reshaped([shape[0], shape[1], outSize.0, outSize.1])
    }

    /// For each plane of `x` and each window, the flat position (in the plane) of its first
    /// maximum, `int64 [N·C, oh·ow]`; the maxima themselves go to `values` (contiguous, in the
    /// same order). A window entirely in the padding yields its first real neighbour (it cannot
    /// happen when padding is at most half the kernel).
    private static func windowMaxima(_ x: Tensor, _ window: Window2D, _ outSize: (Int, Int), into values: Tensor) -> Tensor {
        let source = x.contiguous()
        let (planes, h, w) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = outSize
        let out = Tensor(uninitializedShape: [planes, oh * ow], dtype: .int64)
        let dst = out.basePointer(Int.self)
        // A static generic function (not a nested one) so that it is specialised for each type.
        if x.dtype == .float32 {
            scanWindows(Float.self, source, dst, values, planes, (h, w), outSize, window)
        } else {
            scanWindows(Double.self, source, dst, values, planes, (h, w), outSize, window)
        }
        return out
    }

    /// For each plane and window, the position of the window's first maximum (row-major within
    /// the window, PyTorch's choice; NaN counts as the maximum).
    private static func scanWindows<T: FloatingPointElement>(_: T.Type, _ source: Tensor, _ dst: UnsafeMutablePointer<Int>,
                                                             _ values: Tensor, _ planes: Int, _ size: (Int, Int),
                                                             _ outSize: (Int, Int), _ window: Window2D) {
        let (h, w) = size, (oh, ow) = outSize
        let src = source.basePointer(T.self), maxima = values.basePointer(T.self)
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (dh, dw) = window.dilation
        if window.padding == (0, 0) {
            // Every window lies inside the plane: no bounds checks.
            for plane in 0..<planes {
                let p = src + plane * h * w, d = dst + plane * oh * ow, m = maxima + plane * oh * ow
                for y in 0..<oh {
                    for xo in 0..<ow {
                        let origin = y * sh * w + xo * sw
                        var best = origin, bestValue = p[origin]
                        for ki in 0..<kh {
                            for kj in 0..<kw {
                                let index = origin + ki * dh * w + kj * dw
                                let v = p[index]
                                // better = v > best, or v is NaN and best is not. Written without
                                // `||` so that it compiles to selects: which element wins depends on
                                // the data, and a mispredicted branch costs more than the compares.
                                let better = (v > bestValue) != ((v != v) && (bestValue == bestValue) && !(v > bestValue))
                                best = better ? index : best
                                bestValue = better ? v : bestValue
                            }
                        }
                        d[y * ow + xo] = best
                        m[y * ow + xo] = bestValue
                    }
                }
            }
            return
        }
        for plane in 0..<planes {
            let p = src + plane * h * w, d = dst + plane * oh * ow, m = maxima + plane * oh * ow
            for y in 0..<oh {
                for xo in 0..<ow {
                    var best = -1, bestValue = -T.infinity
                    for ki in 0..<window.kernel.0 {
                        let iy = y * window.stride.0 - window.padding.0 + ki * window.dilation.0
                        guard iy >= 0 && iy < h else { continue }
                        for kj in 0..<window.kernel.1 {
                            let ix = xo * window.stride.1 - window.padding.1 + kj * window.dilation.1
                            guard ix >= 0 && ix < w else { continue }
                            let v = p[iy * w + ix]
                            if best < 0 || v > bestValue || (v.isNaN && !bestValue.isNaN) {
                                best = iy * w + ix
                                bestValue = v
                            }
                        }
                    }
                    d[y * ow + xo] = Swift.max(best, 0)
                    m[y * ow + xo] = p[Swift.max(best, 0)]
                }
            }
        }
    }

    /// Windows as `[N, C, kh·kw, L]` and the output size.
    private func poolingWindows(kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int), dilation: (Int, Int),
                                padValue: Double) -> (Tensor, (Int, Int)) {
        let window = Window2D(kernel: kernel, stride: stride ?? kernel, padding: padding, dilation: dilation)
        let outSize = window.outputSize((shape[2], shape[3]))
        let columns = unfold(window, padValue: padValue)
        return (columns.reshaped([shape[0], shape[1], kernel.0 * kernel.1, outSize.0 * outSize.1]), outSize)
    }

    /// Average pooling to a fixed output size (PyTorch's `F.adaptive_avg_pool2d`): output cell
    /// `i` averages input rows `⌊iH/h⌋ ..< ⌈(i+1)H/h⌉` (likewise for columns). Computed as two
    /// products with averaging matrices.
    public func adaptiveAvgPool2d(_ outputSize: (Int, Int)) -> Tensor {
        precondition(rank >= 2 && outputSize.0 > 0 && outputSize.1 > 0,
                     "adaptiveAvgPool2d: needs [..., H, W] and a positive output size, got \(shape) and \(outputSize)")
        let rows = Tensor.averagingMatrix(from: shape[rank - 2], to: outputSize.0, dtype: dtype)
        let columns = Tensor.averagingMatrix(from: shape[rank - 1], to: outputSize.1, dtype: dtype)
        return rows.matmul(self).matmul(columns.transposed())
    }

    /// `[to, from]`: row `i` averages the adaptive window `i` of `from` positions.
    private static func averagingMatrix(from size: Int, to count: Int, dtype: DType) -> Tensor {
        var values = [Double](repeating: 0, count: count * size)
        for i in 0..<count {
            let start = i * size / count, end = ((i + 1) * size + count - 1) / count
            for j in start..<end { values[i * size + j] = 1 / Double(end - start) }
        }
        return Tensor(values, shape: [count, size]).to(dtype)
    }

    /// Nearest-neighbour upsampling of the last two axes by integer factors (PyTorch's
    /// `F.interpolate(mode="nearest")` with an integer scale factor).
    public func upsampleNearest(scale: (Int, Int)) -> Tensor {
        precondition(rank >= 2 && scale.0 > 0 && scale.1 > 0, "upsampleNearest: needs [..., H, W] and positive factors, got \(shape) and \(scale)")
        return repeated(scale.0, axis: rank - 2).repeated(scale.1, axis: rank - 1)
    }
}
