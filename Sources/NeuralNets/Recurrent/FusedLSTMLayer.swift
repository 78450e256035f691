import SmallGEMM
import Tensors

/// One LSTM layer in one direction, over the whole sequence, as one recorded operation.
///
/// Stepping through the tape records a product, a sum, the cell and two slices per time step,
/// and each slice's gradient writes a whole zero tensor; for 50 steps of a 128-wide layer that
/// bookkeeping cost more than the arithmetic. Here the forward pass keeps what the backward pass
/// needs (gate activations, every hidden and cell state) in a few buffers and the gradient is
/// written out by hand:
///
/// - forward: the input projection of every step in one GEMM (`[T·B, I]·W_ihᵀ`), then per step
///   one product adding `h·W_hhᵀ` (``StepProduct``: `W_hh` packed once) and the gate
///   nonlinearities and state update;
/// - backward: per step the gates' gradients (``LSTMCellMath``, as for ``FusedLSTMCell``) and one
///   product for the hidden state's gradient (`∂pre·W_hh`); then the input's gradient in one GEMM
///   over all steps, and both weights' in another.
///
/// Input `[T, B, I]` (time first), initial states `[B, H]`; the weights in PyTorch's layout
/// (gates i, f, g, o). `reverse` reads the sequence from its last step to its first; outputs are
/// in time order either way.
enum FusedLSTMLayer {
    static func callAsFunction(_ input: Tensor, hidden h0: Tensor, cell c0: Tensor, weights: RecurrentWeights, reverse: Bool)
        -> (output: Tensor, hidden: Tensor, cell: Tensor) {
        let steps = input.shape[0], batch = input.shape[1], hidden = h0.shape[1]
        precondition(input.rank == 3 && steps > 0 && weights.weightIH.shape == [4 * hidden, input.shape[2]]
                     && h0.shape == [batch, hidden] && c0.shape == [batch, hidden],
                     "LSTM layer: input \(input.shape), states \(h0.shape) and \(c0.shape), weights \(weights.weightIH.shape) disagree")
        let x = input.detached().contiguous()
        let weightIH = weights.weightIH.detached().contiguous(), weightHH = weights.weightHH.detached().contiguous()
        let bias: Tensor? = if let bi = weights.biasIH, let bh = weights.biasHH { (bi.detached() + bh.detached()).contiguous() } else { nil }
        let saved = Saved(steps: steps, batch: batch, hidden: hidden, dtype: x.dtype)
        let packed = Tensor(uninitializedShape: [steps + 1, batch, hidden], dtype: x.dtype)
        let shape = Shape(steps: steps, batch: batch, input: input.shape[2], hidden: hidden, reverse: reverse)
        if x.dtype == .float32 {
            forward(Float.self, shape, x, h0.detached().contiguous(), c0.detached().contiguous(), weightIH, weightHH, bias, saved, packed)
        } else {
            forward(Double.self, shape, x, h0.detached().contiguous(), c0.detached().contiguous(), weightIH, weightHH, bias, saved, packed)
        }

        var inputs = [input, h0, c0, weights.weightIH, weights.weightHH]
        if let bi = weights.biasIH, let bh = weights.biasHH { inputs += [bi, bh] }
        let hasBias = inputs.count == 7
        let result = packed.withGradient("lstmLayer", inputs: inputs) { g, _ in
            let grads = Gradients(shape, dtype: x.dtype, inputNeeded: input.requiresGrad)
            if x.dtype == .float32 {
                backward(Float.self, shape, g.contiguous(), x, weightIH, weightHH, saved, grads)
            } else {
                backward(Double.self, shape, g.contiguous(), x, weightIH, weightHH, saved, grads)
            }
            var result: [Tensor?] = [grads.input, grads.hidden, grads.cell, grads.weightIH, grads.weightHH]
            if hasBias {
                // Both biases get the sum of the pre-activations' gradients over steps and batch.
                let bias = Tensor.columnSums(grads.preactivations, rows: steps * batch, columns: 4 * hidden)
                result += [bias, bias]
            }
            return result
        }
        let output = result.narrowed(axis: 0, start: 0, length: steps)
        let last = reverse ? 0 : steps - 1
        return (output, output.narrowed(axis: 0, start: last, length: 1).squeezed(axis: 0),
                result.narrowed(axis: 0, start: steps, length: 1).squeezed(axis: 0))
    }

    struct Shape {
        let steps: Int, batch: Int, input: Int, hidden: Int, reverse: Bool
        var gates: Int { 4 * hidden }
        /// The time index of processing step `s`.
        @inline(__always) func time(_ s: Int) -> Int { reverse ? steps - 1 - s : s }
    }

    /// What the forward pass keeps for the backward pass (each buffer written in full).
    final class Saved {
        /// Gate activations σ(i), σ(f), tanh(g), σ(o), `[T, B, 4H]` by time.
        let gates: Tensor
        /// Hidden and cell states by processing step, `[T + 1, B, H]`: entry 0 is the initial state.
        let hiddens: Tensor
        let cells: Tensor
        /// tanh of each new cell state, `[T, B, H]` by processing step.
        let squashed: Tensor

        init(steps: Int, batch: Int, hidden: Int, dtype: DType) {
            gates = Tensor(uninitializedShape: [steps, batch, 4 * hidden], dtype: dtype)
            hiddens = Tensor(uninitializedShape: [steps + 1, batch, hidden], dtype: dtype)
            cells = Tensor(uninitializedShape: [steps + 1, batch, hidden], dtype: dtype)
            squashed = Tensor(uninitializedShape: [steps, batch, hidden], dtype: dtype)
        }
    }

    /// The gradients of the inputs but the biases (those are the column sums of
    /// `preactivations`). Only `hidden` (read before the first step writes it) starts at zero;
    /// the rest are written in full.
    final class Gradients {
        let input: Tensor?
        let hidden: Tensor, cell: Tensor, weightIH: Tensor, weightHH: Tensor
        /// ∂loss/∂pre-activation, `[T, B, 4H]` by time.
        let preactivations: Tensor

        init(_ s: Shape, dtype: DType, inputNeeded: Bool) {
            input = inputNeeded ? Tensor(uninitializedShape: [s.steps, s.batch, s.input], dtype: dtype) : nil
            hidden = Tensor.zeros([s.batch, s.hidden], dtype: dtype)
            cell = Tensor(uninitializedShape: [s.batch, s.hidden], dtype: dtype)
            weightIH = Tensor(uninitializedShape: [s.gates, s.input], dtype: dtype)
            weightHH = Tensor(uninitializedShape: [s.gates, s.hidden], dtype: dtype)
            preactivations = Tensor(uninitializedShape: [s.steps, s.batch, s.gates], dtype: dtype)
        }
    }

    private static func forward<T: FloatingPointElement>(
        _: T.Type, _ s: Shape, _ x: Tensor, _ h0: Tensor, _ c0: Tensor, _ weightIH: Tensor, _ weightHH: Tensor,
        _ bias: Tensor?, _ saved: Saved, _ packed: Tensor
    ) {
        let (B, H, G) = (s.batch, s.hidden, s.gates)
        let dtype = x.dtype
        // Pre-activations by time (dropped after this pass), activations kept in `saved.gates`.
        let projections = Tensor(uninitializedShape: [s.steps, B, G], dtype: dtype)
        let pre = pointer(projections, T.self), act = pointer(saved.gates, T.self)
        let hs = pointer(saved.hiddens, T.self), cs = pointer(saved.cells, T.self)
        let tc = pointer(saved.squashed, T.self), out = pointer(packed, T.self)
        let wih = pointer(weightIH, T.self), whh = pointer(weightHH, T.self)
        // Every step's input projection at once, added to the (summed) biases.
        if let bias {
            let b = pointer(bias, T.self)
            for row in 0..<(s.steps * B) { (pre + row * G).update(from: b, count: G) }
        }
        BLAS.gemm(dtype: dtype, transA: false, transB: true, m: s.steps * B, n: G, k: s.input,
                  a: pointer(x, T.self), lda: s.input, b: wih, ldb: s.input, c: pre, ldc: G, accumulate: bias != nil)
        hs.update(from: pointer(h0, T.self), count: B * H)
        cs.update(from: pointer(c0, T.self), count: B * H)
        // h · W_hhᵀ at every step, with W_hhᵀ packed once.
        let recurrence = StepProduct(whh, ldb: H, transposed: true, k: H, n: G, dtype: dtype)
        for step in 0..<s.steps {
            let t = s.time(step)
            let projection = pre + t * B * G, gates = act + t * B * G
            recurrence(hs + step * B * H, lda: H, rows: B, into: projection, ldc: G, accumulate: true)
            let hNew = hs + (step + 1) * B * H
            LSTMCellMath.forward(pre: projection, gates: gates, cell: cs + step * B * H, newCell: cs + (step + 1) * B * H,
                                 squashed: tc + step * B * H, newHidden: hNew, rows: B, hidden: H)
            (out + t * B * H).update(from: hNew, count: B * H)
        }
        (out + s.steps * B * H).update(from: cs + s.steps * B * H, count: B * H)
        withExtendedLifetime(projections) {}
    }

    private static func backward<T: FloatingPointElement>(
        _: T.Type, _ s: Shape, _ g: Tensor, _ x: Tensor, _ weightIH: Tensor, _ weightHH: Tensor, _ saved: Saved, _ grads: Gradients
    ) {
        let (B, H, G) = (s.batch, s.hidden, s.gates)
        let dtype = x.dtype
        let gp = pointer(g, T.self)
        let act = pointer(saved.gates, T.self), hs = pointer(saved.hiddens, T.self), cs = pointer(saved.cells, T.self)
        let tc = pointer(saved.squashed, T.self)
        let dPre = pointer(grads.preactivations, T.self), dh = pointer(grads.hidden, T.self), dc = pointer(grads.cell, T.self)
        let wih = pointer(weightIH, T.self), whh = pointer(weightHH, T.self)
        // The final cell state's gradient starts the cell's chain; the final hidden state's
        // arrives through the output row of its step.
        dc.update(from: gp + s.steps * B * H, count: B * H)
        // ∂pre · W_hh at every step, with W_hh packed once.
        let recurrence = StepProduct(whh, ldb: H, transposed: false, k: G, n: H, dtype: dtype)
        for step in (0..<s.steps).reversed() {
            let t = s.time(step)
            let gates = act + t * B * G, out = dPre + t * B * G, gOut = gp + t * B * H
            // The hidden state's gradient: what the next step sent back plus this step's output's.
            LSTMCellMath.gradients(gates: gates, squashed: tc + step * B * H, cell: cs + step * B * H,
                                   hiddenGradient: dh, outputGradient: gOut, cellGradient: dc, preactivationGradient: out,
                                   rows: B, hidden: H)
            // ∂h_{prev} = ∂pre · W_hh.
            recurrence(out, lda: G, rows: B, into: dh, ldc: H, accumulate: false)
        }
        let rows = s.steps * B
        if let input = grads.input {
            BLAS.gemm(dtype: dtype, transA: false, transB: false, m: rows, n: s.input, k: G,
                      a: dPre, lda: G, b: wih, ldb: s.input, c: pointer(input, T.self), ldc: s.input)
        }
        // Both weights' gradients in one GEMM, ∂[W_ih | W_hh] = ∂preᵀ · [x_t | h_{t−1}] over all
        // steps by time (one product of width I + H runs faster than two thin ones): each row of
        // `joined` pairs a step's input with the hidden state before it (`hiddens` is by
        // processing step, and `time` maps time to processing step as well as back).
        let width = s.input + H
        let joined = Tensor(uninitializedShape: [rows, width], dtype: dtype), both = Tensor(uninitializedShape: [G, width], dtype: dtype)
        let jp = pointer(joined, T.self), xp = pointer(x, T.self), bp = pointer(both, T.self)
        for t in 0..<s.steps {
            let previous = hs + s.time(t) * B * H
            for b in 0..<B {
                let row = jp + (t * B + b) * width
                row.update(from: xp + (t * B + b) * s.input, count: s.input)
                (row + s.input).update(from: previous + b * H, count: H)
            }
        }
        BLAS.gemm(dtype: dtype, transA: true, transB: false, m: G, n: width, k: rows,
                  a: dPre, lda: G, b: jp, ldb: width, c: bp, ldc: width)
        let gih = pointer(grads.weightIH, T.self), ghh = pointer(grads.weightHH, T.self)
        for gate in 0..<G {
            (gih + gate * s.input).update(from: bp + gate * width, count: s.input)
            (ghh + gate * H).update(from: bp + gate * width + s.input, count: H)
        }
        withExtendedLifetime((joined, both)) {}
    }
}

/// `C = A·B` (or `C += A·B`) for a right operand `B` (`k × n`) that stays the same over an
/// LSTM's steps: float32 packs it once and runs ``SmallGEMM``'s kernel (a BLAS call would pack
/// it again at every step and hand each small product to its threads); float64 calls BLAS.
struct StepProduct<T: FloatingPointElement> {
    private let b: UnsafeMutablePointer<T>, ldb: Int, transposed: Bool, k: Int, n: Int, dtype: DType
    private let packed: Tensor?

    /// `b` is row-major `[k, n]`, or `[n, k]` holding `Bᵀ` when `transposed`; row stride `ldb`.
    init(_ b: UnsafeMutablePointer<T>, ldb: Int, transposed: Bool, k: Int, n: Int, dtype: DType) {
        (self.b, self.ldb, self.transposed, self.k, self.n, self.dtype) = (b, ldb, transposed, k, n, dtype)
        guard dtype == .float32 else {
            packed = nil
            return
        }
        let buffer = Tensor(uninitializedShape: [mlhub_sgemm_packed_count(k, n)], dtype: .float32)
        mlhub_sgemm_pack(UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb, transposed ? 1 : 0, k, n,
                         pointer(buffer, Float.self))
        packed = buffer
    }

    /// `rows` rows of `a` (row stride `lda`) times `B` into `c` (row stride `ldc`).
    func callAsFunction(_ a: UnsafeMutablePointer<T>, lda: Int, rows: Int, into c: UnsafeMutablePointer<T>, ldc: Int,
                        accumulate: Bool) {
        if let packed {
            mlhub_sgemm_packed(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda, pointer(packed, Float.self),
                               rows, n, k, UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc,
                               accumulate ? 1 : 0, Int32(BLAS.threads))
        } else {
            BLAS.gemm(dtype: dtype, transA: false, transB: transposed, m: rows, n: n, k: k,
                      a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        }
    }
}
