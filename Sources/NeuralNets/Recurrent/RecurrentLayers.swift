import Tensors

/// The shared machinery of ``RNN``, ``LSTM`` and ``GRU``: PyTorch's `RNNBase`.
///
/// A stack of `numLayers` recurrent layers, each optionally bidirectional (a second cell reads
/// the sequence backwards and the two outputs are concatenated), with dropout between layers
/// in training mode.
///
/// - Input: `[T, B, inputSize]`, or `[B, T, inputSize]` with `batchFirst`, or unbatched
///   `[T, inputSize]`.
/// - Output: `[T, B, D·hiddenSize]` (`[B, T, …]` with `batchFirst`; `[T, D·hiddenSize]`
///   unbatched), the last layer's hidden state at every step, where `D` is 2 when
///   bidirectional and 1 otherwise.
/// - States: `[numLayers·D, B, hiddenSize]` (`[numLayers·D, hiddenSize]` unbatched), ordered
///   layer by layer, forward before reverse; `batchFirst` does not apply to them, as in PyTorch.
///
/// Parameters have PyTorch's names and shapes — `weight_ih_l{k}` `[gates·H, inputSize]` (or
/// `[gates·H, D·H]` above the first layer), `weight_hh_l{k}` `[gates·H, H]`, `bias_ih_l{k}`,
/// `bias_hh_l{k}`, with `_reverse` for the backward direction — and PyTorch's initialisation,
/// uniform in ±1/√H, so state dictionaries load from PyTorch by name.
///
/// Not supported: packed variable-length sequences (pad, and read each sample's state at its
/// own last step) and the LSTM's `proj_size`.
public class RNNBase: Module {
    public let inputSize: Int
    public let hiddenSize: Int
    public let numLayers: Int
    /// `false` when the layers were built without biases.
    public let hasBias: Bool
    public let batchFirst: Bool
    /// The probability of dropping each output of every layer but the last, in training mode.
    public let dropout: Double
    public let bidirectional: Bool
    let kind: RecurrentCellKind
    /// Layer-major, direction-minor: `[l0, l0_reverse, l1, l1_reverse, …]`.
    let cells: [RecurrentWeights]

    init(kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool,
         dropout: Double, bidirectional: Bool, dtype: DType) {
        precondition(inputSize > 0 && hiddenSize > 0 && numLayers > 0,
                     "\(kind.name): inputSize, hiddenSize and numLayers must be positive, got \(inputSize), \(hiddenSize), \(numLayers)")
        precondition(dropout >= 0 && dropout < 1, "\(kind.name): dropout must be in [0, 1), got \(dropout)")
        precondition(dtype.isFloatingPoint, "\(kind.name): dtype must be float32 or float64, got \(dtype)")
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        hasBias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        let directions = bidirectional ? 2 : 1
        var cells: [RecurrentWeights] = []
        for layer in 0..<numLayers {
            for _ in 0..<directions {
                cells.append(RecurrentWeights(kind: kind, inputSize: layer == 0 ? inputSize : directions * hiddenSize,
                                              hiddenSize: hiddenSize, bias: bias, dtype: dtype))
            }
        }
        self.cells = cells
    }

    /// 2 when bidirectional, 1 otherwise.
    public var numDirections: Int { bidirectional ? 2 : 1 }

    public override var ownParameters: [(String, Tensor)] {
        cells.enumerated().flatMap { index, cell in
            cell.named(suffix: "_l\(index / numDirections)" + (index % numDirections == 1 ? "_reverse" : ""))
        }
    }

    /// The parameters of one layer and direction (PyTorch's `weight_ih_l{layer}[_reverse]`, …).
    /// - Precondition: `layer` is in `0..<numLayers`; `reverse` only when bidirectional.
    public func weights(layer: Int, reverse: Bool = false)
        -> (weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?) {
        precondition(layer >= 0 && layer < numLayers && (!reverse || bidirectional),
                     "\(kind.name).weights: no layer \(layer)\(reverse ? " reverse" : "") in \(numLayers) layers")
        let cell = cells[layer * numDirections + (reverse ? 1 : 0)]
        return (cell.weightIH, cell.weightHH, cell.biasIH, cell.biasHH)
    }

    /// Runs the stack; `initialCell` only for the LSTM. Returns the output and the final
    /// hidden (and cell) states in the caller's layout.
    func run(_ input: Tensor, initialHidden: Tensor?, initialCell: Tensor?)
        -> (output: Tensor, hidden: Tensor, cell: Tensor?) {
        let name = kind.name
        precondition(input.rank == 2 || input.rank == 3,
                     "\(name): input must be [T, B, \(inputSize)]\(batchFirst ? " (batchFirst: [B, T, \(inputSize)])" : "") or [T, \(inputSize)], got \(input.shape)")
        precondition(input.shape.last == inputSize, "\(name): input \(input.shape) does not end in inputSize \(inputSize)")
        precondition(input.dtype == cells[0].weightIH.dtype,
                     "\(name): input dtype \(input.dtype) differs from the parameters' \(cells[0].weightIH.dtype)")
        let batched = input.rank == 3
        let timeAxis = batched && batchFirst ? 1 : 0
        let steps = input.shape[timeAxis]
        let batch = batched ? input.shape[1 - timeAxis] : 1
        let stateCount = numLayers * numDirections

        func initialStates(_ given: Tensor?, _ what: String) -> [Tensor] {
            guard let given else {
                return Array(repeating: Tensor.zeros([batch, hiddenSize], dtype: input.dtype), count: stateCount)
            }
            let expected = batched ? [stateCount, batch, hiddenSize] : [stateCount, hiddenSize]
            precondition(given.shape == expected, "\(name): \(what) must be \(expected), got \(given.shape)")
            precondition(given.dtype == input.dtype, "\(name): \(what) dtype \(given.dtype) differs from the input's \(input.dtype)")
            let states = batched ? given : given.unsqueezed(axis: 1)
            return states.unbind(axis: 0)
        }
        let h0 = initialStates(initialHidden, "the initial hidden state")
        let c0 = kind == .lstm ? initialStates(initialCell, "the initial cell state") : []
        if kind == .lstm && steps > 0 {
            return runLSTM(input, h0: h0, c0: c0, batched: batched, timeAxis: timeAxis)
        }

        // Per-step inputs [B, I] as separate tensors (see `sequenceSteps`).
        var layerInput = (batched ? input : input.unsqueezed(axis: 1)).sequenceSteps(axis: timeAxis)
        var finalHidden: [Tensor] = [], finalCell: [Tensor] = []
        for layer in 0..<numLayers {
            var outputs: [[Tensor]] = []
            for direction in 0..<numDirections {
                let index = layer * numDirections + direction
                let cell = PreparedCell(cells[index], kind: kind)
                var h = h0[index]
                var c: Tensor? = kind == .lstm ? c0[index] : nil
                var out = [Tensor?](repeating: nil, count: steps)
                let order = direction == 0 ? Array(0..<steps) : Array((0..<steps).reversed())
                for t in order {
                    (h, c) = cell.step(layerInput[t], hidden: h, cell: c)
                    out[t] = h
                }
                outputs.append(out.map { $0! })
                finalHidden.append(h)
                if let c { finalCell.append(c) }
            }
            layerInput = numDirections == 1 ? outputs[0]
                : (0..<steps).map { Tensor.concat([outputs[0][$0], outputs[1][$0]], axis: 1) }
            layerInput = layerInput.map { droppedOut($0, after: layer) }
        }

        let output: Tensor
        if steps == 0 {
            output = Tensor.zeros(batched ? (batchFirst ? [batch, 0, numDirections * hiddenSize] : [0, batch, numDirections * hiddenSize])
                                          : [0, numDirections * hiddenSize], dtype: input.dtype)
        } else if batched {
            output = Tensor.stack(layerInput, axis: timeAxis)
        } else {
            output = Tensor.concat(layerInput, axis: 0)
        }
        return (output, packStates(finalHidden, batched: batched), kind == .lstm ? packStates(finalCell, batched: batched) : nil)
    }

    /// Dropout between stacked layers: applied to the output of every layer but the last, in
    /// training mode.
    func droppedOut(_ x: Tensor, after layer: Int) -> Tensor {
        guard layer < numLayers - 1 && isTraining && dropout > 0 else { return x }
        let keep = 1 - dropout
        return x * (Tensor.bernoulli(x.shape, probability: keep, dtype: x.dtype) / keep)
    }

    /// Final states by layer and direction as `[layers·directions, B, H]` (`[…, H]` unbatched).
    func packStates(_ states: [Tensor], batched: Bool) -> Tensor {
        batched ? Tensor.stack(states, axis: 0) : Tensor.concat(states, axis: 0)
    }
}

extension RNNBase {
    /// The LSTM stack over whole sequences: each layer and direction is one ``FusedLSTMLayer``
    /// on a time-first `[T, B, features]` tensor.
    func runLSTM(_ input: Tensor, h0: [Tensor], c0: [Tensor], batched: Bool, timeAxis: Int)
        -> (output: Tensor, hidden: Tensor, cell: Tensor?) {
        var layerInput = batched ? (timeAxis == 1 ? input.transposed(0, 1) : input) : input.unsqueezed(axis: 1)
        var finalHidden: [Tensor] = [], finalCell: [Tensor] = []
        for layer in 0..<numLayers {
            var outputs: [Tensor] = []
            for direction in 0..<numDirections {
                let index = layer * numDirections + direction
                let (output, hidden, cell) = FusedLSTMLayer.callAsFunction(
                    layerInput, hidden: h0[index], cell: c0[index], weights: cells[index], reverse: direction == 1
                )
                outputs.append(output)
                finalHidden.append(hidden)
                finalCell.append(cell)
            }
            layerInput = droppedOut(outputs.count == 1 ? outputs[0] : Tensor.concat(outputs, axis: 2), after: layer)
        }
        let output = batched ? (timeAxis == 1 ? layerInput.transposed(0, 1) : layerInput) : layerInput.squeezed(axis: 1)
        return (output, packStates(finalHidden, batched: batched), packStates(finalCell, batched: batched))
    }
}

/// A multi-layer Elman RNN (PyTorch's `nn.RNN`): each layer computes
/// `h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)` (or ReLU). Shapes, parameter names and
/// options are described in ``RNNBase``.
public final class RNN: RNNBase {
    public let nonlinearity: RNNCell.Nonlinearity

    /// - Precondition: sizes and `numLayers` are positive; `0 ≤ dropout < 1`.
    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, nonlinearity: RNNCell.Nonlinearity = .tanh,
                bias: Bool = true, batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                dtype: DType = .float32) {
        self.nonlinearity = nonlinearity
        super.init(kind: nonlinearity == .tanh ? .tanh : .relu, inputSize: inputSize, hiddenSize: hiddenSize,
                   numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                   bidirectional: bidirectional, dtype: dtype)
    }

    /// The output at every step and the final hidden state, from an optional initial hidden
    /// state `[numLayers·D, B, hiddenSize]` (zeros when `nil`).
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let result = run(input, initialHidden: hidden, initialCell: nil)
        return (result.output, result.hidden)
    }
}

/// A multi-layer long short-term memory network (PyTorch's `nn.LSTM`), gates i, f, g, o:
/// `c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g)`, `h_t = σ(o) ⊙ tanh(c_t)`. Shapes, parameter names
/// and options are described in ``RNNBase``.
public final class LSTM: RNNBase {
    /// - Precondition: sizes and `numLayers` are positive; `0 ≤ dropout < 1`.
    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, dtype: DType = .float32) {
        super.init(kind: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                   batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, dtype: dtype)
    }

    /// The output at every step and the final hidden and cell states, from an optional initial
    /// state, each `[numLayers·D, B, hiddenSize]` (zeros when `nil`).
    public func callAsFunction(_ input: Tensor, _ state: LSTMState? = nil) -> (output: Tensor, state: LSTMState) {
        let result = run(input, initialHidden: state?.hidden, initialCell: state?.cell)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }
}

/// A multi-layer gated recurrent unit network (PyTorch's `nn.GRU`), gates r, z, n:
/// `n_t = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn))`, `h_t = (1 − z) ⊙ n_t + z ⊙ h_{t−1}`.
/// Shapes, parameter names and options are described in ``RNNBase``.
public final class GRU: RNNBase {
    /// - Precondition: sizes and `numLayers` are positive; `0 ≤ dropout < 1`.
    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, dtype: DType = .float32) {
        super.init(kind: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                   batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, dtype: dtype)
    }

    /// The output at every step and the final hidden state, from an optional initial hidden
    /// state `[numLayers·D, B, hiddenSize]` (zeros when `nil`).
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let result = run(input, initialHidden: hidden, initialCell: nil)
        return (result.output, result.hidden)
    }
}
