extension Tensor {
    /// 2-D convolution (cross-correlation, as PyTorch's `F.conv2d`).
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - weight: `[O, C / groups, kh, kw]`.
    ///   - bias: `[O]` or `nil`.
    /// - Returns: `[N, O, H′, W′]` with `H′ = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1`.
    ///
    /// Computed per sample as columns of sliding windows (as ``unfold(_:padValue:)`` makes them)
    /// times the weight matrix, per group; its gradient is written out the same way.
    /// - Precondition: matching float dtypes; `C` and `O` divisible by `groups`; the kernel fits.
    public static func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                              padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
        precondition(input.rank == 4 && weight.rank == 4, "conv2d: input must be [N, C, H, W] and weight [O, C/groups, kh, kw], got \(input.shape) and \(weight.shape)")
        let (c, h, w) = (input.shape[1], input.shape[2], input.shape[3])
        let (o, cg, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        precondition(groups > 0 && c % groups == 0 && o % groups == 0 && cg == c / groups,
                     "conv2d: \(c) input channels in \(groups) groups need weight [\(o), \(c / Swift.max(groups, 1)), …], got \(weight.shape)")
        precondition(input.dtype == weight.dtype, "conv2d: input \(input.dtype) and weight \(weight.dtype) differ")
        let window = Window2D(kernel: (kh, kw), stride: stride, padding: padding, dilation: dilation)
        let (oh, ow) = window.outputSize((h, w))
        precondition(oh > 0 && ow > 0, "conv2d: a \(kh)×\(kw) kernel (dilation \(dilation), padding \(padding)) does not fit in \(h)×\(w)")
        if let bias {
            precondition(bias.shape == [o] && bias.dtype == input.dtype, "conv2d: bias must be \(input.dtype) [\(o)], got \(bias.dtype) \(bias.shape)")
        }
        return conv2dBySample(input, weight: weight, bias: bias, window: window, groups: groups)
    }

    /// 1-D convolution (PyTorch's `F.conv1d`): input `[N, C, L]`, weight `[O, C / groups, k]`,
    /// bias `[O]` → `[N, O, L′]`.
    public static func conv1d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                              dilation: Int = 1, groups: Int = 1) -> Tensor {
        precondition(input.rank == 3 && weight.rank == 3, "conv1d: input must be [N, C, L] and weight [O, C/groups, k], got \(input.shape) and \(weight.shape)")
        return conv2d(input.unsqueezed(axis: 2), weight: weight.unsqueezed(axis: 2), bias: bias, stride: (1, stride),
                      padding: (0, padding), dilation: (1, dilation), groups: groups).squeezed(axis: 2)
    }

    /// 2-D transposed convolution (PyTorch's `F.conv_transpose2d`), the gradient of `conv2d` with
    /// respect to its input: input `[N, C, H, W]`, weight `[C, O / groups, kh, kw]`, bias `[O]` →
    /// `[N, O, H′, W′]` with `H′ = (H − 1)s − 2p + d(k − 1) + outputPadding + 1`.
    /// - Precondition: `outputPadding` smaller than the stride or the dilation on each axis.
    public static func convTranspose2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                                       padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0),
                                       dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
        precondition(input.rank == 4 && weight.rank == 4, "convTranspose2d: input must be [N, C, H, W] and weight [C, O/groups, kh, kw], got \(input.shape) and \(weight.shape)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (og, kh, kw) = (weight.shape[1], weight.shape[2], weight.shape[3])
        precondition(groups > 0 && c % groups == 0 && weight.shape[0] == c,
                     "convTranspose2d: weight must be [\(c), O/groups, kh, kw] for \(c) input channels, got \(weight.shape)")
        precondition(outputPadding.0 >= 0 && outputPadding.1 >= 0
                     && (outputPadding.0 < stride.0 || outputPadding.0 < dilation.0)
                     && (outputPadding.1 < stride.1 || outputPadding.1 < dilation.1),
                     "convTranspose2d: outputPadding \(outputPadding) must be smaller than the stride or dilation")
        let window = Window2D(kernel: (kh, kw), stride: stride, padding: padding, dilation: dilation)
        let outH = (h - 1) * stride.0 - 2 * padding.0 + dilation.0 * (kh - 1) + outputPadding.0 + 1
        let outW = (w - 1) * stride.1 - 2 * padding.1 + dilation.1 * (kw - 1) + outputPadding.1 + 1
        precondition(window.outputSize((outH, outW)) == (h, w), "convTranspose2d: inconsistent geometry for input \(input.shape)")
        let cg = c / groups
        // One GEMM per group over the whole batch: [G, og·k, cg] · [G, cg, N·H·W].
        let x = input.permuted([1, 0, 2, 3]).reshaped([groups, cg, n * h * w])
        let kernels = weight.reshaped([groups, cg, og * kh * kw]).transposed()
        let columns = kernels.matmul(x).reshaped([groups * og * kh * kw, n * h * w])
        var out = columns.fold(outputSize: (outH, outW), window: window, batchMajor: true, batch: n)
        if let bias {
            precondition(bias.shape == [groups * og], "convTranspose2d: bias must be [\(groups * og)], got \(bias.shape)")
            out = out + bias.reshaped([1, groups * og, 1, 1])
        }
        return out
    }
}
