import Foundation
import Testing
import Tensors
import TestSupport
import NeuralNets

// MARK: - Fixture support shared by the sequence-layer tests (RecurrentTests, AttentionTests, CTCLossTests)

/// A case of `Fixtures/torch_sequence_reference.json`, written by
/// `Fixtures/generate_torch_sequence_reference.py`. Arrays are named as the script describes:
/// inputs by name, `param.<state-dict name>`, outputs, `cot_<output>`, `grad_<input>`,
/// `grad_param.<name>`.
struct SequenceCase {
    let name: String
    let arrays: [String: Tensor]

    /// The file, decoded once for all tests.
    private static let all: [String: [String: Tensor]] = {
        struct Entry: Decodable {
            let shape: [Int]
            let data: [Double]
            let dtype: String?
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch_sequence_reference.json")
        guard let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode([String: [String: Entry]].self, from: data) else {
            preconditionFailure("cannot read \(url.path); run Fixtures/generate_torch_sequence_reference.py")
        }
        return file.mapValues { arrays in
            arrays.mapValues { Tensor($0.data, shape: $0.shape).to($0.dtype.flatMap(DType.init(rawValue:)) ?? .float64) }
        }
    }()

    init(_ name: String) {
        guard let arrays = Self.all[name] else { preconditionFailure("no fixture case \(name); rerun the generator") }
        self.name = name
        self.arrays = arrays
    }

    subscript(_ key: String) -> Tensor {
        guard let t = arrays[key] else { preconditionFailure("fixture case \(name) has no array \(key)") }
        return t
    }

    func has(_ key: String) -> Bool { arrays[key] != nil }

    /// The PyTorch parameters and buffers, by their state-dictionary names.
    var stateDict: StateDict {
        StateDict(arrays.keys.sorted().compactMap { key in
            for prefix in ["param.", "buffer."] where key.hasPrefix(prefix) {
                return (String(key.dropFirst(prefix.count)), arrays[key]!)
            }
            return nil
        })
    }

    /// Names of the outputs (arrays with a cotangent).
    var outputs: [String] {
        arrays.keys.filter { $0.hasPrefix("cot_") }.map { String($0.dropFirst(4)) }.sorted()
    }
}

/// Tolerance for comparisons with PyTorch's float64 values: 1e-4 (relative) in float32, tight in float64.
func sequenceTolerance(_ dtype: DType) -> Double { dtype == .float32 ? float32Tolerance : 1e-9 }

/// Loads the case's PyTorch parameters into `module` by name (strictly: every name must match),
/// runs `forward` on the case's inputs in `dtype` (those with a `grad_` entry require gradients),
/// backpropagates the cotangents, and compares the outputs and the gradients of the inputs and
/// of every parameter with PyTorch's.
func expectSequenceCaseMatchesTorch(_ f: SequenceCase, module: Module?, dtype: DType,
                        sourceLocation: SourceLocation = #_sourceLocation,
                        _ forward: ([String: Tensor]) -> [String: Tensor]) {
    if let module {
        do {
            try module.loadStateDict(f.stateDict)
        } catch {
            Issue.record("\(f.name): the PyTorch state dictionary did not load: \(error)", sourceLocation: sourceLocation)
            return
        }
        module.zeroGrad()
    }
    let outputNames = Set(f.outputs)
    var inputs: [String: Tensor] = [:]
    for (key, value) in f.arrays {
        if key.contains(".") || key.hasPrefix("cot_") || key.hasPrefix("grad_") || outputNames.contains(key) { continue }
        let converted = value.dtype.isFloatingPoint ? value.to(dtype).clone() : value
        inputs[key] = f.has("grad_\(key)") ? converted.requiringGrad() : converted
    }
    let outputs = forward(inputs)
    #expect(Set(outputs.keys) == outputNames, "\(f.name): outputs \(outputs.keys.sorted()), PyTorch's \(outputNames.sorted())",
            sourceLocation: sourceLocation)
    var total: Tensor?
    for name in outputNames.sorted() {
        guard let out = outputs[name] else { continue }
        #expect(out.dtype == dtype, sourceLocation: sourceLocation)
        let term = (out * f["cot_\(name)"].to(dtype)).sum()
        total = total.map { $0 + term } ?? term
    }
    total?.backward()
    let tolerance = sequenceTolerance(dtype)
    for name in outputNames.sorted() {
        guard let out = outputs[name] else { continue }
        expectValues(out, like: f[name], tolerance: tolerance, sourceLocation: sourceLocation)
    }
    for (name, leaf) in inputs.sorted(by: { $0.key < $1.key }) where f.has("grad_\(name)") {
        guard let grad = leaf.grad else {
            Issue.record("\(f.name): no gradient for input \(name)", sourceLocation: sourceLocation)
            continue
        }
        expectValues(grad, like: f["grad_\(name)"], tolerance: tolerance, sourceLocation: sourceLocation)
    }
    for (name, parameter) in module?.namedParameters() ?? [] {
        guard let grad = parameter.grad else {
            Issue.record("\(f.name): no gradient for parameter \(name)", sourceLocation: sourceLocation)
            continue
        }
        expectValues(grad, like: f["grad_param.\(name)"], tolerance: tolerance, sourceLocation: sourceLocation)
    }
}

/// Compares autodiff gradients of `L = Σ w·function(inputs)` (w fixed random) with central
/// differences, for the float inputs and every parameter of `module` (float64 throughout).
func expectSequenceGradientsMatch(_ module: Module, _ inputs: [Tensor], epsilon: Double = 1e-6,
                                absoluteTolerance: Double = 1e-6, relativeTolerance: Double = 1e-5,
                                sourceLocation: SourceLocation = #_sourceLocation,
                                _ function: ([Tensor]) -> Tensor) {
    let leaves = inputs.map { $0.dtype.isFloatingPoint ? $0.to(.float64).clone().requiringGrad() : $0 }
    module.zeroGrad()
    let output = function(leaves)
    var generator = RandomGenerator(seed: 11)
    let weights = Tensor.normal(output.shape, dtype: .float64, generator: &generator)
    (output * weights).sum().backward()
    let checked = leaves.filter(\.dtype.isFloatingPoint) + module.parameters()
    let analytic = checked.map { $0.grad?.scalars(as: Double.self) ?? [Double](repeating: 0, count: $0.count) }
    func loss() -> Double { withNoGrad { (function(leaves) * weights).sum().item() } }
    func nudge(_ t: Tensor, _ i: Int, _ delta: Double) {
        withNoGrad { t.withUnsafeMutableElements(as: Double.self) { $0[i] += delta } }
    }
    var failures = 0, worst = 0.0
    for (index, tensor) in checked.enumerated() {
        for i in 0..<tensor.count {
            nudge(tensor, i, epsilon)
            let plus = loss()
            nudge(tensor, i, -2 * epsilon)
            let minus = loss()
            nudge(tensor, i, epsilon)
            let numeric = (plus - minus) / (2 * epsilon)
            let error = Swift.abs(analytic[index][i] - numeric)
            worst = Swift.max(worst, error)
            if !(error <= absoluteTolerance + relativeTolerance * Swift.abs(numeric)) {
                failures += 1
                if failures <= 3 {
                    Issue.record("tensor \(index) element \(i): autodiff \(analytic[index][i]), numeric \(numeric)",
                                 sourceLocation: sourceLocation)
                }
            }
        }
    }
    #expect(failures == 0, "\(failures) gradient elements disagree (worst |error| \(worst))", sourceLocation: sourceLocation)
}

// MARK: - Recurrent layers

@Suite("Recurrent layers against PyTorch")
struct RecurrentTests {
    /// The layer of each fixture case (sizes: input 3, hidden 4).
    static func layer(_ name: String, dtype: DType) -> RNNBase {
        switch name {
        case "rnn_tanh": RNN(inputSize: 3, hiddenSize: 4, dtype: dtype)
        case "rnn_relu_2layer_bidirectional_state":
            RNN(inputSize: 3, hiddenSize: 4, numLayers: 2, nonlinearity: .relu, bidirectional: true, dtype: dtype)
        case "rnn_tanh_batch_first_nobias": RNN(inputSize: 3, hiddenSize: 4, bias: false, batchFirst: true, dtype: dtype)
        case "lstm", "lstm_state": LSTM(inputSize: 3, hiddenSize: 4, dtype: dtype)
        case "lstm_2layer_bidirectional_batch_first_state":
            LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, bidirectional: true, dtype: dtype)
        case "lstm_3layer_nobias": LSTM(inputSize: 3, hiddenSize: 4, numLayers: 3, bias: false, dtype: dtype)
        case "lstm_unbatched_bidirectional": LSTM(inputSize: 3, hiddenSize: 4, bidirectional: true, dtype: dtype)
        case "gru": GRU(inputSize: 3, hiddenSize: 4, dtype: dtype)
        case "gru_2layer_bidirectional_state": GRU(inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, dtype: dtype)
        case "gru_batch_first_state": GRU(inputSize: 3, hiddenSize: 4, batchFirst: true, dtype: dtype)
        default: preconditionFailure("unknown case \(name)")
        }
    }

    /// Runs any of the three layers the way the fixture's call did.
    static func run(_ layer: RNNBase, _ x: [String: Tensor]) -> [String: Tensor] {
        switch layer {
        case let lstm as LSTM:
            let state = x["h0"].map { LSTMState(hidden: $0, cell: x["c0"]!) }
            let (output, final) = lstm(x["input"]!, state)
            return ["output": output, "h_n": final.hidden, "c_n": final.cell]
        case let rnn as RNN:
            let (output, hidden) = rnn(x["input"]!, x["h0"])
            return ["output": output, "h_n": hidden]
        case let gru as GRU:
            let (output, hidden) = gru(x["input"]!, x["h0"])
            return ["output": output, "h_n": hidden]
        default: preconditionFailure()
        }
    }

    static let layerCases = ["rnn_tanh", "rnn_relu_2layer_bidirectional_state", "rnn_tanh_batch_first_nobias", "lstm",
                             "lstm_state", "lstm_2layer_bidirectional_batch_first_state", "lstm_3layer_nobias",
                             "lstm_unbatched_bidirectional", "gru", "gru_2layer_bidirectional_state", "gru_batch_first_state"]

    @Test(arguments: layerCases)
    func recurrentLayerMatchesPyTorch(_ name: String) {
        let f = SequenceCase("recurrent_\(name)")
        for dtype in [DType.float32, .float64] {
            let layer = Self.layer(name, dtype: dtype)
            expectSequenceCaseMatchesTorch(f, module: layer, dtype: dtype) { Self.run(layer, $0) }
        }
    }

    static let cellCases = ["rnn_cell_tanh", "rnn_cell_relu_nostate", "lstm_cell_state", "lstm_cell_nostate",
                            "gru_cell_state", "gru_cell_nobias"]

    @Test(arguments: cellCases)
    func recurrentCellMatchesPyTorch(_ name: String) {
        let f = SequenceCase("cell_\(name)")
        for dtype in [DType.float32, .float64] {
            let cell: RNNCellBase = switch name {
            case "rnn_cell_tanh": RNNCell(inputSize: 3, hiddenSize: 4, dtype: dtype)
            case "rnn_cell_relu_nostate": RNNCell(inputSize: 3, hiddenSize: 4, nonlinearity: .relu, dtype: dtype)
            case "lstm_cell_state", "lstm_cell_nostate": LSTMCell(inputSize: 3, hiddenSize: 4, dtype: dtype)
            case "gru_cell_state": GRUCell(inputSize: 3, hiddenSize: 4, dtype: dtype)
            default: GRUCell(inputSize: 3, hiddenSize: 4, bias: false, dtype: dtype)
            }
            expectSequenceCaseMatchesTorch(f, module: cell, dtype: dtype) { x in
                switch cell {
                case let lstm as LSTMCell:
                    let state = lstm(x["input"]!, x["h0"].map { LSTMState(hidden: $0, cell: x["c0"]!) })
                    return ["h": state.hidden, "c": state.cell]
                case let rnn as RNNCell: return ["h": rnn(x["input"]!, x["h0"])]
                case let gru as GRUCell: return ["h": gru(x["input"]!, x["h0"])]
                default: preconditionFailure()
                }
            }
        }
    }

    @Test func parametersHavePyTorchNamesOrderAndShapes() {
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true)
        var expected: [String] = []
        for layer in ["l0", "l1"] {
            for suffix in ["", "_reverse"] {
                expected += ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map { "\($0)_\(layer)\(suffix)" }
            }
        }
        #expect(lstm.namedParameters().map(\.name) == expected)
        let shapes = Dictionary(uniqueKeysWithValues: lstm.namedParameters().map { ($0.name, $0.tensor.shape) })
        #expect(shapes["weight_ih_l0"] == [16, 3] && shapes["weight_ih_l1_reverse"] == [16, 8])
        #expect(shapes["weight_hh_l1"] == [16, 4] && shapes["bias_hh_l0_reverse"] == [16])
        #expect(lstm.weights(layer: 1, reverse: true).weightIH === lstm.namedParameters()[12].tensor)
        #expect(GRU(inputSize: 2, hiddenSize: 5, bias: false).namedParameters().map(\.name) == ["weight_ih_l0", "weight_hh_l0"])
        #expect(GRUCell(inputSize: 2, hiddenSize: 5).namedParameters().map(\.name) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
        #expect(GRUCell(inputSize: 2, hiddenSize: 5).weightIH.shape == [15, 2])
        #expect(lstm.parameterCount == 2 * (16 * 3 + 16 * 4 + 32) + 2 * (16 * 8 + 16 * 4 + 32))
    }

    @Test func initialisationIsUniformInPlusMinusOneOverSquareRootOfHidden() {
        Tensor.manualSeed(3)
        let gru = GRU(inputSize: 5, hiddenSize: 16, numLayers: 2)
        let bound = 1 / 16.0.squareRoot()
        for (_, p) in gru.namedParameters() {
            let values = p.scalars(as: Double.self)
            #expect(values.allSatisfy { Swift.abs($0) <= bound })
            #expect(values.max()! > 0.6 * bound && values.min()! < -0.6 * bound)
            #expect(p.requiresGrad)
        }
    }

    @Test func statesAreReturnedInPyTorchLayout() {
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, bidirectional: true)
        let x = sample([2, 7, 3]).to(.float32)
        let (out, state) = lstm(x)
        #expect(out.shape == [2, 7, 8])
        #expect(state.hidden.shape == [4, 2, 4] && state.cell.shape == [4, 2, 4])
        // The last layer's forward final state is the forward half of the last output step; the
        // reverse one is the reverse half of the first step.
        expectValues(state.hidden.sliced([.index(2)]), like: out.sliced([.all, .index(6), .slice(end: 4)]), tolerance: 0)
        expectValues(state.hidden.sliced([.index(3)]), like: out.sliced([.all, .index(0), .slice(start: 4)]), tolerance: 0)
        // Feeding the state back continues the sequence (one direction: the reverse pass of a
        // bidirectional layer depends on the future).
        let forward = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true)
        let whole = forward(Tensor.concat([x, x], axis: 1)).output
        let second = forward(x, forward(x).state).output
        expectValues(second, like: whole.sliced([.all, .slice(start: 7)]), tolerance: 1e-6)
    }

    @Test func dropoutBetweenLayersActsOnlyInTraining() {
        Tensor.manualSeed(5)
        let gru = GRU(inputSize: 3, hiddenSize: 4, numLayers: 2, dropout: 0.5)
        let x = sample([5, 2, 3]).to(.float32)
        let a = gru(x).output, b = gru(x).output
        #expect(a.scalars(as: Float.self) != b.scalars(as: Float.self))
        gru.eval()
        expectValues(gru(x).output, like: gru(x).output, tolerance: 0)
        // In evaluation mode it equals the same network without dropout.
        let plain = GRU(inputSize: 3, hiddenSize: 4, numLayers: 2)
        try? plain.loadStateDict(gru.stateDict())
        expectValues(gru(x).output, like: plain(x).output, tolerance: 0)
    }

    @Test func gradientsFlowIntoAnInputThatRequiresThem() {
        // The per-step slices of a differentiable input go through a split tree; the gradient
        // must still reach every step.
        let rnn = RNN(inputSize: 2, hiddenSize: 3, dtype: .float64)
        let x = sample([13, 2, 2]).requiringGrad()
        rnn(x).output.sum().backward()
        let g = x.grad!
        #expect(g.shape == [13, 2, 2])
        for t in 0..<13 { #expect(g.sliced([.index(t)]).abs().sum().item() > 0) }
    }

    /// The float32 layer runs single-precision exp/sigmoid/tanh (a few ulp) and its per-step
    /// products on a packed W_hh (with a helper thread from 2^18 multiply-adds: batch 16 of 64
    /// units); over many steps, with inputs large enough to saturate gates, outputs and gradients
    /// stay within float32 rounding of the same layer in float64 (which runs BLAS).
    @Test(arguments: [(30, 4, 40), (12, 16, 64)])
    func float32LSTMAgreesWithFloat64WithinRoundingOverALongSequence(_ size: (Int, Int, Int)) throws {
        let (steps, batch, hidden) = size
        Tensor.manualSeed(11)
        let reference = LSTM(inputSize: 6, hiddenSize: hidden, dtype: .float64)
        let single = LSTM(inputSize: 6, hiddenSize: hidden, dtype: .float32)
        try single.loadStateDict(reference.stateDict())
        let x64 = sample([steps, batch, 6], seed: 21, low: -4, high: 4).requiringGrad()
        let x32 = x64.detached().to(.float32).requiringGrad()
        let weights = sample([steps, batch, hidden], seed: 22)
        let (out64, _) = reference(x64), (out32, _) = single(x32)
        expectValues(out32, like: out64, tolerance: 2e-6)
        (out64 * weights).sum().backward()
        (out32 * weights.to(.float32)).sum().backward()
        expectValues(x32.grad!, like: x64.grad!, tolerance: 2e-5)
        for (p32, p64) in zip(single.parameters(), reference.parameters()) {
            let scale = p64.grad!.abs().max().item()
            expectValues(p32.grad! / scale, like: p64.grad! / scale, tolerance: 2e-5)
        }
    }

    // MARK: gradient checks (float64, small shapes)

    @Test func rnnGradientCheck() {
        let rnn = RNN(inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, dtype: .float64)
        expectSequenceGradientsMatch(rnn, [sample([3, 2, 2], seed: 1), sample([4, 2, 3], seed: 2)]) { rnn($0[0], $0[1]).output }
        let relu = RNN(inputSize: 2, hiddenSize: 3, nonlinearity: .relu, batchFirst: true, dtype: .float64)
        expectSequenceGradientsMatch(relu, [sample([2, 3, 2], seed: 3)]) { relu($0[0]).hidden }
    }

    @Test func lstmGradientCheck() {
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, dtype: .float64)
        expectSequenceGradientsMatch(lstm, [sample([3, 2, 2], seed: 4), sample([4, 2, 3], seed: 5), sample([4, 2, 3], seed: 6)]) {
            let (out, state) = lstm($0[0], LSTMState(hidden: $0[1], cell: $0[2]))
            return Tensor.concat([out.flattened(), state.hidden.flattened(), state.cell.flattened()])
        }
    }

    @Test func gruGradientCheck() {
        let gru = GRU(inputSize: 2, hiddenSize: 3, numLayers: 2, batchFirst: true, dtype: .float64)
        expectSequenceGradientsMatch(gru, [sample([2, 3, 2], seed: 7), sample([2, 2, 3], seed: 8)]) {
            let (out, hidden) = gru($0[0], $0[1])
            return Tensor.concat([out.flattened(), hidden.flattened()])
        }
    }

    @Test func cellGradientChecks() {
        let rnn = RNNCell(inputSize: 2, hiddenSize: 3, dtype: .float64)
        expectSequenceGradientsMatch(rnn, [sample([2, 2], seed: 9), sample([2, 3], seed: 10)]) { rnn($0[0], $0[1]) }
        let lstm = LSTMCell(inputSize: 2, hiddenSize: 3, dtype: .float64)
        expectSequenceGradientsMatch(lstm, [sample([2, 2], seed: 11), sample([2, 3], seed: 12), sample([2, 3], seed: 13)]) {
            let s = lstm($0[0], LSTMState(hidden: $0[1], cell: $0[2]))
            return Tensor.concat([s.hidden, s.cell], axis: 1)
        }
        let gru = GRUCell(inputSize: 2, hiddenSize: 3, dtype: .float64)
        expectSequenceGradientsMatch(gru, [sample([2], seed: 14), sample([3], seed: 15)]) { gru($0[0], $0[1]) }
    }
}
