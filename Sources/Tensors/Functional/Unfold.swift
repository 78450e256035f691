/// The window geometry shared by unfold, fold, convolution and pooling over the last two axes.
public struct Window2D: Sendable, Equatable {
    public var kernel: (Int, Int)
    public var stride: (Int, Int)
    public var padding: (Int, Int)
    public var dilation: (Int, Int)

    /// - Precondition: kernel, stride and dilation positive; padding non-negative.
    public init(kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1)) {
        precondition(kernel.0 > 0 && kernel.1 > 0 && stride.0 > 0 && stride.1 > 0 && dilation.0 > 0 && dilation.1 > 0
                     && padding.0 >= 0 && padding.1 >= 0,
                     "window: kernel \(kernel), stride \(stride) and dilation \(dilation) must be positive, padding \(padding) non-negative")
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    /// The number of window positions along each axis for an input of `size`.
    public func outputSize(_ size: (Int, Int)) -> (Int, Int) {
        func positions(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int) -> Int {
            let span = n + 2 * p - d * (k - 1) - 1
            return span < 0 ? 0 : span / s + 1
        }
        return (positions(size.0, kernel.0, stride.0, padding.0, dilation.0),
                positions(size.1, kernel.1, stride.1, padding.1, dilation.1))
    }

    public static func == (a: Window2D, b: Window2D) -> Bool {
        a.kernel == b.kernel && a.stride == b.stride && a.padding == b.padding && a.dilation == b.dilation
    }
}

extension Tensor {
    /// Sliding windows as columns (im2col; PyTorch's `F.unfold`): `[N, C, H, W]` →
    /// `[N, C·kh·kw, L]`, where `L` counts the window positions and each column holds one window,
    /// channel-major. Positions in the padding read `padValue` (0; max pooling uses −inf).
    /// Differentiable; its gradient is ``fold(outputSize:window:)``.
    /// - Precondition: a float tensor of rank 4 with at least one window position.
    public func unfold(_ window: Window2D, padValue: Double = 0) -> Tensor {
        unfold(window, padValue: padValue, batchMajor: false)
    }

    /// ``unfold(_:padValue:)`` with a choice of column layout: PyTorch's `[N, C·k, L]`, or with
    /// `batchMajor` `[C·k, N·L]`, which lets a convolution multiply the whole batch in one GEMM.
    func unfold(_ window: Window2D, padValue: Double, batchMajor: Bool) -> Tensor {
        precondition(rank == 4 && dtype.isFloatingPoint, "unfold: needs a float [N, C, H, W] tensor, got \(dtype) \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let (oh, ow) = window.outputSize((h, w))
        precondition(oh > 0 && ow > 0, "unfold: a \(window.kernel) window (dilation \(window.dilation), padding \(window.padding)) does not fit in \(h)×\(w)")
        let source = detached().contiguous()
        let k = c * window.kernel.0 * window.kernel.1, l = oh * ow
        let out = Tensor(uninitializedShape: batchMajor ? [k, n * l] : [n, k, l], dtype: dtype)
        let pitch = Tensor.columnPitch(batchMajor: batchMajor, n: n, k: k, l: l)
        switch dtype {
        case .float32: Tensor.windowCopy(Float.self, image: source, columns: out, window, (n, c, h, w), (oh, ow), pitch, fold: false, fill: Float(padValue))
        default: Tensor.windowCopy(Double.self, image: source, columns: out, window, (n, c, h, w), (oh, ow), pitch, fold: false, fill: padValue)
        }
        guard Tensor.recording(self) else { return out }
        return out.recorded("unfold", [self]) { g, _ in [g.fold(outputSize: (h, w), window: window, batchMajor: batchMajor, batch: n)] }
    }

    /// Where column element `(b, row, l)` lives: `row·rowPitch + b·batchPitch + l`.
    private static func columnPitch(batchMajor: Bool, n: Int, k: Int, l: Int) -> (row: Int, batch: Int) {
        batchMajor ? (n * l, l) : (l, k * l)
    }

    /// Columns summed back into an image (col2im; PyTorch's `F.fold`): `[N, C·kh·kw, L]` →
    /// `[N, C, H, W]` for `outputSize = (H, W)`, adding where windows overlap. The adjoint of
    /// ``unfold(_:padValue:)``, and its gradient.
    /// - Precondition: the column count matches the windows of `outputSize`.
    public func fold(outputSize: (Int, Int), window: Window2D) -> Tensor {
        precondition(rank == 3, "fold: needs [N, C·k, L], got \(shape)")
        return fold(outputSize: outputSize, window: window, batchMajor: false, batch: shape[0])
    }

    /// ``fold(outputSize:window:)`` from either column layout (see ``unfold(_:padValue:batchMajor:)``).
    func fold(outputSize: (Int, Int), window: Window2D, batchMajor: Bool, batch n: Int) -> Tensor {
        let kernelArea = window.kernel.0 * window.kernel.1
        let (oh, ow) = window.outputSize(outputSize)
        let l = oh * ow
        let rows = batchMajor ? shape[0] : shape[1]
        let valid = dtype.isFloatingPoint && rows % kernelArea == 0
            && (batchMajor ? rank == 2 && shape[1] == n * l : rank == 3 && shape[0] == n && shape[2] == l)
        precondition(valid, "fold: needs \(batchMajor ? "[C·\(kernelArea), \(n * l)]" : "[\(n), C·\(kernelArea), \(l)]") for output \(outputSize) with kernel \(window.kernel), got \(shape)")
        let c = rows / kernelArea
        let source = detached().contiguous()
        let out = Tensor.zeros([n, c, outputSize.0, outputSize.1], dtype: dtype)
        let pitch = Tensor.columnPitch(batchMajor: batchMajor, n: n, k: rows, l: l)
        switch dtype {
        case .float32: Tensor.windowCopy(Float.self, image: out, columns: source, window, (n, c, outputSize.0, outputSize.1), (oh, ow), pitch, fold: true, fill: 0)
        default: Tensor.windowCopy(Double.self, image: out, columns: source, window, (n, c, outputSize.0, outputSize.1), (oh, ow), pitch, fold: true, fill: 0)
        }
        guard Tensor.recording(self) else { return out }
        return out.recorded("fold", [self]) { g, _ in [g.unfold(window, padValue: 0, batchMajor: batchMajor)] }
    }

    /// The loop both directions share: unfold copies image → columns, fold adds columns → image.
    private static func windowCopy<T: FloatingPointElement>(_: T.Type, image: Tensor, columns: Tensor, _ window: Window2D,
                                                            _ dims: (Int, Int, Int, Int), _ outSize: (Int, Int),
                                                            _ pitch: (row: Int, batch: Int), fold: Bool, fill: T) {
        windowCopy(image: image.basePointer(T.self), columns: columns.basePointer(T.self), window, dims, outSize, pitch,
                   fold: fold, fill: fill)
    }

    /// `windowCopy` on raw buffers: images `[N, C, H, W]` at `img`, columns at `cols` laid out
    /// as `pitch` says.
    static func windowCopy<T: FloatingPointElement>(image img: UnsafeMutablePointer<T>, columns cols: UnsafeMutablePointer<T>,
                                                    _ window: Window2D, _ dims: (Int, Int, Int, Int), _ outSize: (Int, Int),
                                                    _ pitch: (row: Int, batch: Int), fold: Bool, fill: T) {
        let (n, c, h, w) = dims, (oh, ow) = outSize
        let (kh, kw) = window.kernel, (sh, sw) = window.stride, (ph, pw) = window.padding, (dh, dw) = window.dilation
        for b in 0..<n {
            for ch in 0..<c {
                let plane = img + (b * c + ch) * h * w
                for ki in 0..<kh {
                    for kj in 0..<kw {
                        let row = cols + (ch * kh * kw + ki * kw + kj) * pitch.row + b * pitch.batch
                        // The output columns whose input column lies inside the image.
                        let offsetW = kj * dw - pw
                        let firstX = offsetW >= 0 ? 0 : (-offsetW + sw - 1) / sw
                        let lastX = Swift.min(ow, (w - 1 - offsetW) >= 0 ? (w - 1 - offsetW) / sw + 1 : 0)
                        for y in 0..<oh {
                            let iy = y * sh - ph + ki * dh
                            let line = row + y * ow
                            guard iy >= 0 && iy < h else {
                                if !fold { for x in 0..<ow { line[x] = fill } }
                                continue
                            }
                            let source = plane + iy * w + offsetW
                            if fold {
                                if sw == 1 {
                                    for x in firstX..<Swift.max(firstX, lastX) { source[x] += line[x] }
                                } else {
                                    for x in firstX..<Swift.max(firstX, lastX) { source[x * sw] += line[x] }
                                }
                            } else {
                                for x in 0..<Swift.min(firstX, ow) { line[x] = fill }
                                if sw == 1 {
                                    for x in firstX..<Swift.max(firstX, lastX) { line[x] = source[x] }
                                } else {
                                    for x in firstX..<Swift.max(firstX, lastX) { line[x] = source[x * sw] }
                                }
                                for x in Swift.max(firstX, lastX)..<ow { line[x] = fill }
                            }
                        }
                    }
                }
            }
        }
    }
}
