import Testing
import Tensors
@testable import NeuralNets

/// A layer's output, dropped, must be freed with its graph (see TensorsTests'
/// `GraphReleaseTests`): the layers' own fused operations (the LSTM's, attention) included.
@Suite("Layer graphs are released")
struct LayerGraphReleaseTests {
    static let layers = ["Linear", "Conv2d", "BatchNorm2d", "LayerNorm", "LSTM", "bidirectional LSTM", "LSTMCell", "GRU",
                         "MultiHeadAttention", "TransformerEncoderLayer", "CrossEntropyLoss"]

    /// `name`'s output for an input that requires gradients.
    static func output(_ name: String) -> Tensor {
        Tensor.manualSeed(0)
        switch name {
        case "Linear": return Linear(4, 3)(Tensor.randn([2, 4]).requiringGrad())
        case "Conv2d": return Conv2d(2, 3, kernelSize: 3, padding: 1)(Tensor.randn([1, 2, 5, 5]).requiringGrad())
        case "BatchNorm2d": return BatchNorm2d(2)(Tensor.randn([3, 2, 4, 4]).requiringGrad())
        case "LayerNorm": return LayerNorm([4])(Tensor.randn([3, 4]).requiringGrad())
        case "LSTM": return LSTM(inputSize: 3, hiddenSize: 4, batchFirst: true)(Tensor.randn([2, 5, 3]).requiringGrad()).output
        case "bidirectional LSTM":
            return LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true)(Tensor.randn([5, 2, 3]).requiringGrad()).state.cell
        case "LSTMCell": return LSTMCell(inputSize: 3, hiddenSize: 4)(Tensor.randn([2, 3]).requiringGrad()).hidden
        case "GRU": return GRU(inputSize: 3, hiddenSize: 4)(Tensor.randn([5, 2, 3]).requiringGrad()).output
        case "MultiHeadAttention":
            return MultiHeadAttention(embedDim: 8, numHeads: 2, batchFirst: true)(Tensor.randn([2, 5, 8]).requiringGrad()).output
        case "TransformerEncoderLayer":
            return TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0, batchFirst: true)(Tensor.randn([2, 5, 8]).requiringGrad())
        case "CrossEntropyLoss": return CrossEntropyLoss()(Tensor.randn([4, 3]).requiringGrad(), Tensor([0, 1, 2, 1], shape: [4]).to(.int64))
        default: fatalError("no layer \(name)")
        }
    }

    @Test("a dropped output is freed", arguments: layers)
    func droppedOutputIsFreed(_ name: String) {
        weak var weakOutput: Tensor?
        do {
            let output = Self.output(name)
            #expect(output.requiresGrad, "\(name) was not recorded")
            weakOutput = output
        }
        #expect(weakOutput == nil, "\(name): the output outlives every reference to it (a retain cycle in its graph)")
    }
}
