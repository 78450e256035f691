import Tensors

// One time step of the recurrent cells, composed from recorded operations so that gradients come
// from the tape. (The cell modules step this way; RNN and GRU layers too. LSTM layers run each
// layer and direction as one operation, `FusedLSTMLayer`.)
//
// The tape's gradient of a slice is a zero tensor of the whole input with the slice written in,
// so slicing a tensor into pieces costs a whole-tensor write per piece on the way back. The step
// is therefore built so that nothing is sliced per step:
// - the weights are cut into one block per gate once per forward pass, each block spanning
//   [W_ih | W_hh], so that one `linear` on [x_t | h] gives a gate's whole pre-activation (input
//   and recurrent projections in one GEMM). One `linear` for all gates followed by four slices
//   was measured markedly slower (1.3–1.8×) than this layout for an LSTM (in 32, hidden 128, 50 steps,
//   batch 32), and precomputing the input projection of all steps at once would need per-step
//   slices of a tensor that requires gradients (W_ih does);
// - per-step inputs are separate tensors rather than slices of one (`sequenceSteps`).

/// The kind of recurrent cell, with PyTorch's gate layout.
enum RecurrentCellKind: Sendable, Equatable {
    /// `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`.
    case tanh
    /// `h' = relu(W_ih x + b_ih + W_hh h + b_hh)`.
    case relu
    /// Gates i, f, g, o; `c' = f ⊙ c + i ⊙ g`, `h' = o ⊙ tanh(c')`.
    case lstm
    /// Gates r, z, n; `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 − z) ⊙ n + z ⊙ h`.
    case gru

    /// The number of gate blocks stacked in `weight_ih` and `weight_hh`.
    var gateCount: Int {
        switch self {
        case .tanh, .relu: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The PyTorch class name, for messages.
    var name: String {
        switch self {
        case .tanh, .relu: "RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }
}

/// The four tensors of one cell (one layer and direction), in PyTorch's layout: `weightIH` is
/// `[gates·H, I]`, `weightHH` `[gates·H, H]`, the biases `[gates·H]`.
struct RecurrentWeights {
    let weightIH: Tensor
    let weightHH: Tensor
    let biasIH: Tensor?
    let biasHH: Tensor?

    /// PyTorch's default initialisation: every tensor uniform in ±1/√H.
    init(kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, bias: Bool, dtype: DType) {
        let rows = kind.gateCount * hiddenSize
        let bound = 1 / Double(hiddenSize).squareRoot()
        func draw(_ shape: [Int]) -> Tensor {
            Tensor.uniform(shape, low: -bound, high: bound, dtype: dtype).requiringGrad()
        }
        weightIH = draw([rows, inputSize])
        weightHH = draw([rows, hiddenSize])
        biasIH = bias ? draw([rows]) : nil
        biasHH = bias ? draw([rows]) : nil
    }

    /// `(suffix, tensor)` pairs in PyTorch's order: `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`.
    func named(suffix: String) -> [(String, Tensor)] {
        var result = [("weight_ih" + suffix, weightIH), ("weight_hh" + suffix, weightHH)]
        if let biasIH, let biasHH { result += [("bias_ih" + suffix, biasIH), ("bias_hh" + suffix, biasHH)] }
        return result
    }
}

/// A cell's weights rearranged for stepping, built once per forward pass (so that their
/// gradients flow back to the parameters through a handful of recorded operations).
struct PreparedCell {
    let kind: RecurrentCellKind
    let hiddenSize: Int
    /// One `[H, I + H]` block per gate that sees [x | h] (all gates, except GRU's n).
    let joint: [Tensor]
    let jointBias: [Tensor?]
    /// The LSTM's gates in one `[4H, I + H]` block (and bias), for one GEMM per step feeding
    /// the fused cell (``FusedLSTMCell``), whose gradient needs no per-gate slices.
    let allGates: Tensor?
    let allGatesBias: Tensor?
    /// GRU's n gate: the input part `[H, I]` and the hidden part `[H, H]`, kept apart because
    /// the reset gate multiplies only the hidden part.
    let inputN: Tensor?
    let inputNBias: Tensor?
    let hiddenN: Tensor?
    let hiddenNBias: Tensor?

    init(_ w: RecurrentWeights, kind: RecurrentCellKind) {
        self.kind = kind
        let h = w.weightHH.shape[1]
        hiddenSize = h
        let bias: Tensor? = if let bi = w.biasIH, let bh = w.biasHH { bi + bh } else { nil }
        switch kind {
        case .lstm:
            allGates = Tensor.concat([w.weightIH, w.weightHH], axis: 1)
            allGatesBias = bias
            joint = []; jointBias = []
            inputN = nil; inputNBias = nil; hiddenN = nil; hiddenNBias = nil
        case .tanh, .relu:
            allGates = nil; allGatesBias = nil
            let whole = Tensor.concat([w.weightIH, w.weightHH], axis: 1)
            joint = kind.gateCount == 1 ? [whole] : whole.split(parts: kind.gateCount, axis: 0)
            jointBias = bias.map { kind.gateCount == 1 ? [$0] : $0.split(parts: kind.gateCount, axis: 0) }
                ?? Array(repeating: nil, count: kind.gateCount)
            inputN = nil; inputNBias = nil; hiddenN = nil; hiddenNBias = nil
        case .gru:
            allGates = nil; allGatesBias = nil
            let rz = Tensor.concat([w.weightIH.narrowed(axis: 0, start: 0, length: 2 * h),
                                    w.weightHH.narrowed(axis: 0, start: 0, length: 2 * h)], axis: 1)
            joint = rz.split(parts: 2, axis: 0)
            jointBias = bias.map { $0.narrowed(axis: 0, start: 0, length: 2 * h).split(parts: 2, axis: 0) } ?? [nil, nil]
            inputN = w.weightIH.narrowed(axis: 0, start: 2 * h, length: h)
            hiddenN = w.weightHH.narrowed(axis: 0, start: 2 * h, length: h)
            inputNBias = w.biasIH?.narrowed(axis: 0, start: 2 * h, length: h)
            hiddenNBias = w.biasHH?.narrowed(axis: 0, start: 2 * h, length: h)
        }
    }

    /// One step: input `[B, I]`, hidden `[B, H]` (and cell `[B, H]` for the LSTM) → new hidden
    /// (and cell).
    func step(_ x: Tensor, hidden h: Tensor, cell c: Tensor?) -> (hidden: Tensor, cell: Tensor?) {
        let xh = Tensor.concat([x, h], axis: 1)
        func gate(_ k: Int) -> Tensor { Tensor.linear(xh, weight: joint[k], bias: jointBias[k]) }
        switch kind {
        case .tanh:
            return (gate(0).tanh(), nil)
        case .relu:
            return (gate(0).relu(), nil)
        case .lstm:
            let (newHidden, newCell) = FusedLSTMCell.callAsFunction(Tensor.linear(xh, weight: allGates!, bias: allGatesBias), cell: c!)
            return (newHidden, newCell)
        case .gru:
            let r = gate(0).sigmoid(), z = gate(1).sigmoid()
            let n = (Tensor.linear(x, weight: inputN!, bias: inputNBias)
                + r * Tensor.linear(h, weight: hiddenN!, bias: hiddenNBias)).tanh()
            // (1 − z) ⊙ n + z ⊙ h, with one operation fewer.
            return (n + z * (h - n), nil)
        }
    }
}

extension Tensor {
    /// The slices of `self` at each position of `axis`, with that axis removed, such that their
    /// gradients cost O(n log n) slice-sized writes rather than O(n²): a balanced tree of
    /// two-way splits when recording, plain views otherwise.
    func sequenceSteps(axis: Int) -> [Tensor] {
        guard requiresGrad && GradMode.isEnabled else { return unbind(axis: axis) }
        func pieces(_ t: Tensor) -> [Tensor] {
            let n = t.shape[axis]
            if n == 1 { return [t.squeezed(axis: axis)] }
            let halves = t.split(sizes: [n / 2, n - n / 2], axis: axis)
            return pieces(halves[0]) + pieces(halves[1])
        }
        return shape[axis] == 0 ? [] : pieces(self)
    }
}
