import ElementKernels
import Tensors

/// The LSTM cell's elementwise part as one recorded operation: from the pre-activations of all
/// four gates, `[B, 4H]` in PyTorch's order i, f, g, o, and the previous cell state `[B, H]`, it
/// computes
///   `c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`,  `h′ = σ(o) ⊙ tanh(c′)`
/// and returns them packed as `[B, 2H]` (`[h′ | c′]` per row). Its gradient is written out by
/// hand, one pass over the batch, instead of the tape's dozen recorded operations per step.
enum FusedLSTMCell {
    /// `(h′, c′)` for `preactivations` `[B, 4H]` and `cell` `[B, H]`.
    static func callAsFunction(_ preactivations: Tensor, cell: Tensor) -> (hidden: Tensor, cell: Tensor) {
        let batch = preactivations.shape[0], hidden = cell.shape[1]
        precondition(preactivations.shape == [batch, 4 * hidden] && cell.shape == [batch, hidden],
                     "LSTM cell: pre-activations \(preactivations.shape) and cell \(cell.shape) disagree")
        let pre = preactivations.detached().contiguous(), previous = cell.detached().contiguous()
        let gates = Tensor.zeros(pre.shape, dtype: pre.dtype)       // σ(i), σ(f), tanh(g), σ(o)
        let squashed = Tensor.zeros([batch, hidden], dtype: pre.dtype) // tanh(c′)
        let packed = Tensor.zeros([batch, 2 * hidden], dtype: pre.dtype)
        if pre.dtype == .float32 {
            forward(Float.self, pre, previous, gates, squashed, packed, batch, hidden)
        } else {
            forward(Double.self, pre, previous, gates, squashed, packed, batch, hidden)
        }
        let result = packed.withGradient("lstmCell", inputs: [preactivations, cell]) { g, _ in
            let g = g.contiguous()
            let gradPre = Tensor.zeros(pre.shape, dtype: pre.dtype), gradCell = Tensor.zeros(previous.shape, dtype: pre.dtype)
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
        let p = pre.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let a = pointer(gates, T.self), t = pointer(squashed, T.self), out = pointer(packed, T.self)
        let c = previous.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let count = batch * 4 * hidden
        if T.self == Float.self {
            // Vectorised σ over all gates, then tanh over each row's g block.
            p.withMemoryRebound(to: Float.self, capacity: count) { source in
                a.withMemoryRebound(to: Float.self, capacity: count) { target in
                    mlhub_f32_sigmoid(source, target, count)
                    for b in 0..<batch {
                        mlhub_f32_tanh(source + b * 4 * hidden + 2 * hidden, target + b * 4 * hidden + 2 * hidden, hidden)
                    }
                }
            }
        } else {
            for b in 0..<batch {
                for j in 0..<(4 * hidden) {
                    let v = p[b * 4 * hidden + j]
                    a[b * 4 * hidden + j] = j / hidden == 2 ? T.tanh(v) : 1 / (1 + T.exp(-v))
                }
            }
        }
        for b in 0..<batch {
            let row = a + b * 4 * hidden, o = out + b * 2 * hidden
            for j in 0..<hidden {
                o[hidden + j] = row[hidden + j] * c[b * hidden + j] + row[j] * row[2 * hidden + j]
            }
        }
        if T.self == Float.self {
            // tanh(c′) for every row at once: c′ sits in the second half of each packed row.
            for b in 0..<batch {
                (out + b * 2 * hidden + hidden).withMemoryRebound(to: Float.self, capacity: hidden) { cNew in
                    (t + b * hidden).withMemoryRebound(to: Float.self, capacity: hidden) { mlhub_f32_tanh(cNew, $0, hidden) }
                }
            }
        } else {
            for b in 0..<batch { for j in 0..<hidden { t[b * hidden + j] = T.tanh(out[b * 2 * hidden + hidden + j]) } }
        }
        for b in 0..<batch {
            let row = a + b * 4 * hidden, o = out + b * 2 * hidden, tc = t + b * hidden
            for j in 0..<hidden { o[j] = row[3 * hidden + j] * tc[j] }
        }
    }

    /// With `gh`, `gc` the gradients of h′ and c′:
    /// `dc = gc + gh·σ(o)·(1 − tanh²c′)`; `∂o = gh·tanh c′·σ′`, `∂i = dc·tanh g·σ′`,
    /// `∂g = dc·σ(i)·(1 − tanh²g)`, `∂f = dc·c·σ′`; `∂c = dc·σ(f)`.
    private static func backward<T: FloatingPointElement>(_: T.Type, _ g: Tensor, _ gates: Tensor, _ squashed: Tensor,
                                                          _ previous: Tensor, _ gradPre: Tensor, _ gradCell: Tensor,
                                                          _ batch: Int, _ hidden: Int) {
        let gp = g.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let a = gates.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let t = squashed.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let c = previous.withUnsafeElements(as: T.self) { $0.baseAddress! }
        let dp = pointer(gradPre, T.self), dc = pointer(gradCell, T.self)
        for b in 0..<batch {
            let row = a + b * 4 * hidden, grad = gp + b * 2 * hidden, out = dp + b * 4 * hidden
            for j in 0..<hidden {
                let i = row[j], f = row[hidden + j], gg = row[2 * hidden + j], o = row[3 * hidden + j]
                let tc = t[b * hidden + j], gh = grad[j]
                let total = grad[hidden + j] + gh * o * (1 - tc * tc)
                out[j] = total * gg * i * (1 - i)
                out[hidden + j] = total * c[b * hidden + j] * f * (1 - f)
                out[2 * hidden + j] = total * i * (1 - gg * gg)
                out[3 * hidden + j] = gh * tc * o * (1 - o)
                dc[b * hidden + j] = total * f
            }
        }
    }
}
