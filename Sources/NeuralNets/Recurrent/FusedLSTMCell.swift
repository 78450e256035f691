import ElementKernels
import Tensors

/// The LSTM cell's elementwise part as one recorded operation: from the pre-activations of all
/// four gates, `[B, 4H]` in PyTorch's order i, f, g, o, and the previous cell state `[B, H]`, it
/// computes
///   `c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`,  `h′ = σ(o) ⊙ tanh(c′)`
/// and returns them packed as `[B, 2H]` (`[h′ | c′]` per row). Its gradient is written out by
/// hand (``LSTMCellMath``, shared with ``FusedLSTMLayer``) instead of the tape's dozen recorded
/// operations per step.
enum FusedLSTMCell {
    /// `(h′, c′)` for `preactivations` `[B, 4H]` and `cell` `[B, H]`.
    static func callAsFunction(_ preactivations: Tensor, cell: Tensor) -> (hidden: Tensor, cell: Tensor) {
        let batch = preactivations.shape[0], hidden = cell.shape[1]
        precondition(preactivations.shape == [batch, 4 * hidden] && cell.shape == [batch, hidden],
                     "LSTM cell: pre-activations \(preactivations.shape) and cell \(cell.shape) disagree")
        let pre = preactivations.detached().contiguous(), previous = cell.detached().contiguous()
        let gates = Tensor(uninitializedShape: pre.shape, dtype: pre.dtype)           // σ(i), σ(f), tanh(g), σ(o)
        let squashed = Tensor(uninitializedShape: [batch, hidden], dtype: pre.dtype)  // tanh(c′)
        let packed = Tensor(uninitializedShape: [batch, 2 * hidden], dtype: pre.dtype)
        if pre.dtype == .float32 {
            forward(Float.self, pre, previous, gates, squashed, packed, batch, hidden)
        } else {
            forward(Double.self, pre, previous, gates, squashed, packed, batch, hidden)
        }
        let result = packed.withGradient("lstmCell", inputs: [preactivations, cell]) { g, _ in
            let g = g.contiguous()
            let gradPre = Tensor(uninitializedShape: pre.shape, dtype: pre.dtype)
            let gradCell = Tensor(uninitializedShape: previous.shape, dtype: pre.dtype)
            if pre.dtype == .float32 {
                backward(Float.self, g, gates, squashed, previous, gradPre, gradCell, batch, hidden)
            } else {
                backward(Double.self, g, gates, squashed, previous, gradPre, gradCell, batch, hidden)
            }
            return [preactivations.requiresGrad ? gradPre : nil, cell.requiresGrad ? gradCell : nil]
        }
        return (result.narrowed(axis: 1, start: 0, length: hidden), result.narrowed(axis: 1, start: hidden, length: hidden))
    }

    private static func forward<T: FloatingPointElement>(_: T.Type, _ pre: Tensor, _ previous: Tensor, _ gates: Tensor,
                                                         _ squashed: Tensor, _ packed: Tensor, _ batch: Int, _ hidden: Int) {
        let states = Tensor(uninitializedShape: [2, batch, hidden], dtype: pre.dtype)
        let h = pointer(states, T.self), c = h + batch * hidden, out = pointer(packed, T.self)
        LSTMCellMath.forward(pre: pointer(pre, T.self), gates: pointer(gates, T.self), cell: pointer(previous, T.self),
                             newCell: c, squashed: pointer(squashed, T.self), newHidden: h, rows: batch, hidden: hidden)
        for b in 0..<batch {
            (out + b * 2 * hidden).update(from: h + b * hidden, count: hidden)
            (out + b * 2 * hidden + hidden).update(from: c + b * hidden, count: hidden)
        }
        withExtendedLifetime(states) {}
    }

    private static func backward<T: FloatingPointElement>(_: T.Type, _ g: Tensor, _ gates: Tensor, _ squashed: Tensor,
                                                          _ previous: Tensor, _ gradPre: Tensor, _ gradCell: Tensor,
                                                          _ batch: Int, _ hidden: Int) {
        // Unpack [gh | gc] rows: gh feeds the hidden state's chain, gc starts the cell's.
        let gh = Tensor(uninitializedShape: [batch, hidden], dtype: g.dtype)
        let gp = pointer(g, T.self), ghp = pointer(gh, T.self), dc = pointer(gradCell, T.self)
        for b in 0..<batch {
            (ghp + b * hidden).update(from: gp + b * 2 * hidden, count: hidden)
            (dc + b * hidden).update(from: gp + b * 2 * hidden + hidden, count: hidden)
        }
        LSTMCellMath.gradients(gates: pointer(gates, T.self), squashed: pointer(squashed, T.self), cell: pointer(previous, T.self),
                               hiddenGradient: ghp, cellGradient: dc,
                               preactivationGradient: pointer(gradPre, T.self), rows: batch, hidden: hidden)
        withExtendedLifetime(gh) {}
    }
}

/// The LSTM cell's elementwise arithmetic over `rows` rows of `hidden` units, on raw buffers:
/// float32 runs the vectorised C loops of `ElementKernels`, float64 (gradient checks) these.
enum LSTMCellMath {
    /// From the pre-activations `pre` `[rows, 4H]` and the previous `cell`: the activated
    /// `gates` σ(i), σ(f), tanh(g), σ(o); `newCell = f⊙c + i⊙g`; `squashed = tanh(newCell)`;
    /// `newHidden = o⊙squashed`.
    @inline(__always)
    static func forward<T: FloatingPointElement>(pre: UnsafeMutablePointer<T>, gates: UnsafeMutablePointer<T>,
                                                 cell: UnsafeMutablePointer<T>, newCell: UnsafeMutablePointer<T>,
                                                 squashed: UnsafeMutablePointer<T>, newHidden: UnsafeMutablePointer<T>,
                                                 rows: Int, hidden H: Int) {
        if T.self == Float.self {
            mlhub_f32_lstm_cell_forward(float(pre), float(gates), float(cell), float(newCell), float(squashed),
                                        float(newHidden), rows, H)
            return
        }
        for b in 0..<rows {
            let p = pre + b * 4 * H, a = gates + b * 4 * H
            for j in 0..<H {
                let i = sigmoid(p[j]), f = sigmoid(p[H + j]), g = T.tanh(p[2 * H + j]), o = sigmoid(p[3 * H + j])
                (a[j], a[H + j], a[2 * H + j], a[3 * H + j]) = (i, f, g, o)
                let k = b * H + j
                newCell[k] = f * cell[k] + i * g
                squashed[k] = T.tanh(newCell[k])
                newHidden[k] = o * squashed[k]
            }
        }
    }

    /// With `gh` the new hidden state's gradient (`hiddenGradient`, plus `outputGradient` if
    /// given) and `cellGradient` the new cell state's, on entry:
    /// `dc = gc + gh·σ(o)·(1 − tanh²c′)`; `∂o = gh·tanh c′·σ′`, `∂i = dc·tanh g·σ′`,
    /// `∂g = dc·σ(i)·(1 − tanh²g)`, `∂f = dc·c·σ′`. On return `cellGradient` holds the
    /// previous cell state's gradient, `dc·σ(f)`.
    @inline(__always)
    static func gradients<T: FloatingPointElement>(gates: UnsafeMutablePointer<T>, squashed: UnsafeMutablePointer<T>,
                                                   cell: UnsafeMutablePointer<T>, hiddenGradient: UnsafeMutablePointer<T>,
                                                   outputGradient: UnsafeMutablePointer<T>? = nil,
                                                   cellGradient dc: UnsafeMutablePointer<T>,
                                                   preactivationGradient: UnsafeMutablePointer<T>, rows: Int, hidden H: Int) {
        if T.self == Float.self {
            mlhub_f32_lstm_cell_backward(float(gates), float(squashed), float(cell), float(hiddenGradient),
                                         outputGradient.map { float($0) }, float(dc), float(preactivationGradient), rows, H)
            return
        }
        for b in 0..<rows {
            let row = gates + b * 4 * H, d = preactivationGradient + b * 4 * H
            for j in 0..<H {
                let k = b * H + j
                let i = row[j], f = row[H + j], gg = row[2 * H + j], o = row[3 * H + j], tc = squashed[k]
                let gh = hiddenGradient[k] + (outputGradient?[k] ?? 0)
                let total = dc[k] + gh * o * (1 - tc * tc)
                d[j] = total * gg * i * (1 - i)
                d[H + j] = total * cell[k] * f * (1 - f)
                d[2 * H + j] = total * i * (1 - gg * gg)
                d[3 * H + j] = gh * tc * o * (1 - o)
                dc[k] = total * f
            }
        }
    }

    @inline(__always) private static func sigmoid<T: FloatingPointElement>(_ v: T) -> T { 1 / (1 + T.exp(-v)) }

    /// The same address as float32 (only called when `T` is `Float`).
    @inline(__always) private static func float<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }
}
