import Tensors

/// The shared storage of ``RNNCell``, ``LSTMCell`` and ``GRUCell``: PyTorch's `RNNCellBase`.
///
/// Parameters are named and shaped as PyTorch's (`weight_ih` `[gates·hiddenSize, inputSize]`,
/// `weight_hh` `[gates·hiddenSize, hiddenSize]`, `bias_ih`, `bias_hh` `[gates·hiddenSize]`), so
/// state dictionaries move between the two unchanged; all are initialised uniform in
/// ±1/√hiddenSize.
public class RNNCellBase: Module {
    public let inputSize: Int
    public let hiddenSize: Int
    let kind: RecurrentCellKind
    let weights: RecurrentWeights

    init(kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, bias: Bool, dtype: DType) {
        precondition(inputSize > 0 && hiddenSize > 0,
                     "\(kind.name)Cell: sizes must be positive, got inputSize \(inputSize), hiddenSize \(hiddenSize)")
        precondition(dtype.isFloatingPoint, "\(kind.name)Cell: dtype must be float32 or float64, got \(dtype)")
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        weights = RecurrentWeights(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, dtype: dtype)
    }

    /// `[gates·hiddenSize, inputSize]`, gates stacked in PyTorch's order.
    public var weightIH: Tensor { weights.weightIH }
    /// `[gates·hiddenSize, hiddenSize]`.
    public var weightHH: Tensor { weights.weightHH }
    /// `[gates·hiddenSize]`, or `nil` for a cell built with `bias: false`.
    public var biasIH: Tensor? { weights.biasIH }
    public var biasHH: Tensor? { weights.biasHH }

    public override var ownParameters: [(String, Tensor)] { weights.named(suffix: "") }

    /// Runs one step on `[B, inputSize]` or unbatched `[inputSize]` input; states default to zeros.
    func run(_ input: Tensor, hidden: Tensor?, cell: Tensor?) -> (hidden: Tensor, cell: Tensor?) {
        let name = "\(kind.name)Cell"
        precondition(input.rank == 1 || input.rank == 2,
                     "\(name): input must be [batch, \(inputSize)] or [\(inputSize)], got \(input.shape)")
        precondition(input.shape.last == inputSize, "\(name): input \(input.shape) does not end in inputSize \(inputSize)")
        precondition(input.dtype == weights.weightIH.dtype,
                     "\(name): input dtype \(input.dtype) differs from the parameters' \(weights.weightIH.dtype)")
        let batched = input.rank == 2
        let x = batched ? input : input.unsqueezed(axis: 0)
        let stateShape = [x.shape[0], hiddenSize]
        func state(_ given: Tensor?, _ what: String) -> Tensor {
            guard let given else { return Tensor.zeros(stateShape, dtype: input.dtype) }
            let expected = batched ? stateShape : [hiddenSize]
            precondition(given.shape == expected, "\(name): \(what) must be \(expected), got \(given.shape)")
            return batched ? given : given.unsqueezed(axis: 0)
        }
        let h = state(hidden, "hidden state")
        let c = kind == .lstm ? state(cell, "cell state") : nil
        let (newH, newC) = PreparedCell(weights, kind: kind).step(x, hidden: h, cell: c)
        return batched ? (newH, newC) : (newH.squeezed(axis: 0), newC?.squeezed(axis: 0))
    }
}

/// An Elman RNN cell (PyTorch's `nn.RNNCell`): `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`, or
/// ReLU in place of tanh.
public final class RNNCell: RNNCellBase {
    /// The nonlinearity of an Elman RNN.
    public enum Nonlinearity: String, Sendable { case tanh, relu }

    public let nonlinearity: Nonlinearity

    /// - Precondition: both sizes are positive.
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, nonlinearity: Nonlinearity = .tanh,
                dtype: DType = .float32) {
        self.nonlinearity = nonlinearity
        super.init(kind: nonlinearity == .tanh ? .tanh : .relu, inputSize: inputSize, hiddenSize: hiddenSize,
                   bias: bias, dtype: dtype)
    }

    /// `[B, inputSize]` (or `[inputSize]`) and an optional hidden state `[B, hiddenSize]`
    /// (zeros when `nil`) → the next hidden state.
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor? = nil) -> Tensor {
        run(input, hidden: hidden, cell: nil).hidden
    }
}

/// A long short-term memory cell (PyTorch's `nn.LSTMCell`), with gates i, f, g, o stacked in
/// that order: `c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`, `h' = σ(o) ⊙ tanh(c')`.
public final class LSTMCell: RNNCellBase {
    /// - Precondition: both sizes are positive.
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, dtype: DType = .float32) {
        super.init(kind: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, dtype: dtype)
    }

    /// `[B, inputSize]` (or `[inputSize]`) and an optional state (zeros when `nil`) → the next
    /// hidden and cell states, each `[B, hiddenSize]`.
    public func callAsFunction(_ input: Tensor, _ state: LSTMState? = nil) -> LSTMState {
        let (h, c) = run(input, hidden: state?.hidden, cell: state?.cell)
        return LSTMState(hidden: h, cell: c!)
    }
}

/// A gated recurrent unit cell (PyTorch's `nn.GRUCell`), with gates r, z, n stacked in that
/// order: `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 − z) ⊙ n + z ⊙ h`.
public final class GRUCell: RNNCellBase {
    /// - Precondition: both sizes are positive.
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, dtype: DType = .float32) {
        super.init(kind: .gru, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, dtype: dtype)
    }

    /// `[B, inputSize]` (or `[inputSize]`) and an optional hidden state (zeros when `nil`) → the
    /// next hidden state `[B, hiddenSize]`.
    public func callAsFunction(_ input: Tensor, _ hidden: Tensor? = nil) -> Tensor {
        run(input, hidden: hidden, cell: nil).hidden
    }
}

/// The hidden and cell states of an LSTM: `[B, H]` for a cell, `[layers·directions, B, H]` for
/// a layer (PyTorch's `(h, c)` tuple).
public struct LSTMState: Sendable {
    public var hidden: Tensor
    public var cell: Tensor
    public init(hidden: Tensor, cell: Tensor) {
        self.hidden = hidden
        self.cell = cell
    }
}
