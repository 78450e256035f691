import Foundation
import Testing
import Tensors
@testable import NeuralNets

/// The fused small-MLP kernel against the tape: the same network built from layers
/// (`makeSequential()`) must give the same outputs, gradients and optimizer trajectories.
@Suite("Fused small MLP against the tape")
struct FusedMLPTests {
    static let inputRows = 7

    /// A network with a residual hidden layer (4 → 4), random weights, inputs and targets.
    static func problem(_ activation: Activation, loss: FusedMLP.Loss, residual: Bool = true, seed: UInt64 = 1)
        -> (model: FusedMLP, inputs: [Float], targets: [Float]) {
        let outputs = loss == .binaryCrossEntropyWithLogits ? 1 : 3
        let model = FusedMLP(sizes: [3, 4, 4, outputs], activations: [activation, activation], residual: [false, residual], loss: loss)
        var g = RandomGenerator(seed: seed)
        model.initialize(generator: &g)
        let inputs = (0..<(inputRows * 3)).map { _ in Float(g.nextNormal()) }
        let targets: [Float] = switch loss {
        case .binaryCrossEntropyWithLogits: (0..<inputRows).map { _ in Float(g.nextInt(below: 2)) }
        case .crossEntropy: (0..<inputRows).map { _ in Float(g.nextInt(below: outputs)) }
        case .meanSquaredError: (0..<(inputRows * outputs)).map { _ in Float(g.nextNormal()) }
        }
        return (model, inputs, targets)
    }

    /// The loss and the parameter gradients through the tape, in the fused flat order.
    static func tapeGradients(_ model: FusedMLP, _ inputs: [Float], _ targets: [Float]) -> (loss: Double, gradients: [Float]) {
        let sequential = model.makeSequential()
        let x = Tensor(inputs, shape: [inputRows, 3])
        let out = sequential(x)
        var loss: Tensor = switch model.loss {
        case .binaryCrossEntropyWithLogits: Tensor.binaryCrossEntropyWithLogits(out, Tensor(targets, shape: [inputRows, 1]))
        case .crossEntropy: CrossEntropyLoss()(out, Tensor(targets.map { Int($0) }, shape: [inputRows]))
        case .meanSquaredError: MSELoss()(out, Tensor(targets, shape: out.shape))
        }
        let dataLoss = loss.item()
        let weights = sequential.namedParameters().filter { $0.name.hasSuffix("weight") }.map(\.tensor)
        switch model.penalty {
        case .none: break
        case .l1(let rate): loss = loss + rate * weights.map { $0.abs().sum() }.reduce(Tensor(0, dtype: .float32), +)
        case .l2(let rate): loss = loss + 0.5 * rate * weights.map { ($0 * $0).sum() }.reduce(Tensor(0, dtype: .float32), +)
        }
        loss.backward()
        return (dataLoss, sequential.parameters().flatMap { $0.grad!.scalars(as: Float.self) })
    }

    static func fusedGradients(_ model: FusedMLP, _ inputs: [Float], _ targets: [Float]) -> (loss: Double, gradients: [Float]) {
        var g = RandomGenerator(seed: 0)
        let loss = inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in model.computeGradients(inputs: x.baseAddress!, targets: y.baseAddress!, rows: inputRows, generator: &g) }
        }
        return (loss, model.gradients)
    }

    static func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-4, _ what: String) {
        #expect(a.count == b.count, "\(what): \(a.count) vs \(b.count) values")
        for (k, (x, y)) in zip(a, b).enumerated() where Swift.abs(x - y) > tolerance * (1 + Swift.abs(y)) {
            Issue.record("\(what): element \(k) is \(x), the tape gives \(y)")
            return
        }
    }

    static let activations: [Activation] = Activation.allCases

    @Test(arguments: activations, [FusedMLP.Loss.binaryCrossEntropyWithLogits, .crossEntropy, .meanSquaredError])
    func gradientsMatchTheTape(_ activation: Activation, _ loss: FusedMLP.Loss) {
        let (model, inputs, targets) = Self.problem(activation, loss: loss)
        let fused = Self.fusedGradients(model, inputs, targets)
        let tape = Self.tapeGradients(model, inputs, targets)
        #expect(Swift.abs(fused.loss - tape.loss) < 1e-5 * (1 + Swift.abs(tape.loss)), "\(activation) \(loss): loss \(fused.loss) vs \(tape.loss)")
        Self.expectClose(fused.gradients, tape.gradients, "\(activation) \(loss) gradients")
    }

    @Test(arguments: [FusedMLP.WeightPenalty.l1(0.05), .l2(0.3)])
    func penaltiesMatchTheTape(_ penalty: FusedMLP.WeightPenalty) {
        let (model, inputs, targets) = Self.problem(.tanh, loss: .crossEntropy, residual: false)
        model.penalty = penalty
        Self.expectClose(Self.fusedGradients(model, inputs, targets).gradients, Self.tapeGradients(model, inputs, targets).gradients, "\(penalty)")
    }

    @Test func forwardMatchesTheTapeAndHiddenOutputsAreKept() {
        let (model, inputs, _) = Self.problem(.gelu, loss: .crossEntropy)
        inputs.withUnsafeBufferPointer { model.forward(inputs: $0.baseAddress!, rows: Self.inputRows) }
        let expected = withNoGrad { model.makeSequential()(Tensor(inputs, shape: [Self.inputRows, 3])) }.scalars(as: Float.self)
        Self.expectClose(model.withOutputs { Array($0) }, expected, "outputs")
        let hidden = model.withHiddenOutputs(layer: 0) { Array($0) }
        #expect(hidden.count == Self.inputRows * 4)
    }

    /// With dropout the tape's masks differ, so the gradient is checked by central differences
    /// with the same mask (the same generator seed) on every evaluation.
    @Test func dropoutGradientMatchesFiniteDifferences() {
        let (model, inputs, targets) = Self.problem(.tanh, loss: .meanSquaredError)
        model.dropout = 0.3
        let analytic = Self.fusedGradients(model, inputs, targets).gradients
        let base = model.parameters
        let epsilon: Float = 1e-2
        var checked = 0
        for k in stride(from: 0, to: model.parameterCount, by: 3) {
            var plus = base, minus = base
            plus[k] += epsilon
            minus[k] -= epsilon
            model.parameters = plus
            let up = Self.fusedGradients(model, inputs, targets).loss
            model.parameters = minus
            let down = Self.fusedGradients(model, inputs, targets).loss
            let numeric = Float((up - down) / Double(2 * epsilon))
            #expect(Swift.abs(numeric - analytic[k]) < 2e-3 + 2e-2 * Swift.abs(numeric), "parameter \(k): \(analytic[k]) vs \(numeric)")
            checked += 1
        }
        model.parameters = base
        #expect(checked > 10)
        // Some units really were dropped: the gradient differs from the one without dropout.
        model.dropout = 0
        #expect(Self.fusedGradients(model, inputs, targets).gradients != analytic)
    }

    @Test(arguments: ["sgd", "momentum", "adam"])
    func optimizerTrajectoriesMatchTheEngine(_ name: String) {
        let (model, inputs, targets) = Self.problem(.tanh, loss: .binaryCrossEntropyWithLogits)
        let sequential = model.makeSequential()
        let rule: FusedOptimizer.Rule, engine: Optimizer
        switch name {
        case "sgd": (rule, engine) = (.sgd, SGD(sequential.parameters(), learningRate: 0.1))
        case "momentum": (rule, engine) = (.momentum(0.9), SGD(sequential.parameters(), learningRate: 0.1, momentum: 0.9))
        default: (rule, engine) = (.adam, Adam(sequential.parameters(), learningRate: 0.05))
        }
        let fused = FusedOptimizer(rule, learningRate: rule == .sgd || name == "momentum" ? 0.1 : 0.05, parameterCount: model.parameterCount)
        let x = Tensor(inputs, shape: [Self.inputRows, 3]), y = Tensor(targets, shape: [Self.inputRows, 1])
        for step in 0..<6 {
            _ = Self.fusedGradients(model, inputs, targets)
            fused.step(model)
            engine.zeroGrad()
            Tensor.binaryCrossEntropyWithLogits(sequential(x), y).backward()
            engine.step()
            Self.expectClose(model.parameters, sequential.parameters().flatMap { $0.scalars(as: Float.self) }, tolerance: 2e-5, "\(name) step \(step)")
        }
    }

    @Test func layerPlanDescribesTheSequential() {
        let model = FusedMLP(sizes: [2, 3, 3, 1], activations: [.relu, .tanh], residual: [false, true], loss: .binaryCrossEntropyWithLogits)
        model.dropout = 0.25
        #expect(model.layerPlan.map(\.source) == [
            "Linear(2, 3)", "ReLU()", "Dropout(p: 0.25)", "Residual(Sequential(Linear(3, 3), Tanh(), Dropout(p: 0.25)))", "Linear(3, 1)",
        ])
        #expect(model.makeSequential().stateDict().names == ["0.weight", "0.bias", "3.body.0.weight", "3.body.0.bias", "4.weight", "4.bias"])
        #expect(model.parameterCount == model.makeSequential().parameterCount)
    }
}
