import Testing
import Tensors
import TestSupport
@testable import NeuralNets

private final class TwoLayer: Module, UnaryLayer {
    let first = Linear(3, 4)
    let second = Linear(4, 2, bias: false)
    @Buffer var calls = Tensor.zeros([1])
    func callAsFunction(_ x: Tensor) -> Tensor { second(first(x).relu()) }
}

private final class Nested: Module {
    let blocks = [Linear(2, 2), Linear(2, 2)]
    let head: Linear? = Linear(2, 1)
    let missing: Linear? = nil
    let scale = Tensor.ones([1]).requiringGrad()
}

@Suite("NeuralNets modules")
struct ModuleTests {
    @Test func parametersBuffersAndChildrenAreFoundByName() {
        let m = TwoLayer()
        #expect(m.namedParameters().map(\.name) == ["first.weight", "first.bias", "second.weight"])
        #expect(m.namedBuffers().map(\.name) == ["calls"])
        #expect(m.parameterCount == 3 * 4 + 4 + 4 * 2)
        #expect(m.stateDict().names == ["first.weight", "first.bias", "second.weight", "calls"])
        let n = Nested()
        #expect(n.namedParameters().map(\.name) == ["scale", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight",
                                                     "blocks.1.bias", "head.weight", "head.bias"])
        #expect(n.namedModules().map(\.name) == ["", "blocks.0", "blocks.1", "head"])
    }

    @Test func sequentialNamesChildrenByPositionAsPyTorchDoes() {
        let s = Sequential(Linear(2, 3), ReLU(), Linear(3, 1))
        #expect(s.namedParameters().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(s(Tensor.zeros([5, 2])).shape == [5, 1])
        let r = Residual(Linear(3, 3))
        #expect(r.namedParameters().map(\.name) == ["body.weight", "body.bias"])
        let x = Tensor.ones([2, 3])
        expectValues(r(x), like: x + (r.body as! Linear)(x), tolerance: 1e-7)
    }

    @Test func trainAndEvalReachEveryDescendant() {
        let s = Sequential(Linear(2, 2), Sequential(ReLU(), Linear(2, 2)))
        #expect(s.namedModules().allSatisfy { $0.module.isTraining })
        s.eval()
        #expect(s.namedModules().allSatisfy { !$0.module.isTraining })
        s.train()
        #expect(s.namedModules().allSatisfy { $0.module.isTraining })
    }

    @Test func stateDictRoundTripsAndLoadingIsValidated() throws {
        let a = TwoLayer(), b = TwoLayer()
        try b.loadStateDict(a.stateDict())
        for (x, y) in zip(a.parameters(), b.parameters()) { expectValues(y, like: x, tolerance: 0) }
        #expect(!a.parameters()[0].sharesStorage(with: b.parameters()[0]))

        var partial = a.stateDict()
        partial["calls"] = nil
        #expect(throws: StateDictError.missingKeys(["calls"])) { try b.loadStateDict(partial) }
        try b.loadStateDict(partial, strict: false)
        var extra = a.stateDict()
        extra["surplus"] = Tensor.zeros([1])
        #expect(throws: StateDictError.unexpectedKeys(["surplus"])) { try b.loadStateDict(extra) }
        var wrong = a.stateDict()
        wrong["first.bias"] = Tensor.zeros([5])
        #expect(throws: StateDictError.shapeMismatch(name: "first.bias", expected: [4], got: [5])) { try b.loadStateDict(wrong) }
        var boolean = a.stateDict()
        boolean["first.bias"] = Tensor([true, false, true, true])
        #expect(throws: StateDictError.dtypeMismatch(name: "first.bias", expected: .float32, got: .bool)) {
            try b.loadStateDict(boolean)
        }
        // A failed load changes nothing.
        let before = b.parameters()[0].scalars(as: Float.self)
        var halfBad = a.stateDict()
        halfBad["second.weight"] = Tensor.zeros([9])
        _ = try? b.loadStateDict(halfBad)
        #expect(b.parameters()[0].scalars(as: Float.self) == before)
    }

    @Test func zeroGradClearsEveryParameter() {
        let m = TwoLayer()
        m(Tensor.ones([2, 3])).sum().backward()
        #expect(m.parameters().allSatisfy { $0.grad != nil })
        m.zeroGrad()
        #expect(m.parameters().allSatisfy { $0.grad == nil })
    }
}

@Suite("NeuralNets layers against PyTorch")
struct LayerFixtureTests {
    @Test(arguments: ["linear_bias", "linear_nobias", "linear_batched"])
    func linearMatchesPyTorch(_ name: String) throws {
        let f = torchCase(name)
        let hasBias = f.arrays["bias"] != nil
        for dtype in [DType.float32, .float64] {
            let layer = Linear(3, 2, bias: hasBias, dtype: dtype)
            var dict = StateDict([("weight", f["weight"])])
            if hasBias { dict["bias"] = f["bias"] }
            try layer.loadStateDict(dict)
            let x = f["input"].to(dtype).requiringGrad()
            let out = layer(x)
            (out * f["cotangent"].to(dtype)).sum().backward()
            let tolerance = dtype == .float32 ? float32Tolerance : 1e-12
            expectValues(out, like: f["output"], tolerance: tolerance)
            expectValues(x.grad!, like: f["grad_input"], tolerance: tolerance)
            expectValues(layer.weight.grad!, like: f["grad_weight"], tolerance: tolerance)
            if hasBias { expectValues(layer.bias!.grad!, like: f["grad_bias"], tolerance: tolerance) }
        }
    }

    @Test func embeddingMatchesPyTorch() throws {
        let f = torchCase("embedding")
        let embedding = Embedding(7, 3)
        try embedding.loadStateDict(StateDict([("weight", f["weight"])]))
        let out = embedding(f["indices"])
        (out * f["cotangent"].to(.float32)).sum().backward()
        expectValues(out, like: f["output"], tolerance: float32Tolerance)
        // Index 2 appears twice: its gradient rows add up.
        expectValues(embedding.weight.grad!, like: f["grad_weight"], tolerance: float32Tolerance)
    }

    @Test func linearAndEmbeddingGradientChecks() {
        let layer = Linear(3, 2, dtype: .float64)
        expectGradientsMatch([sample([4, 3]), layer.weight, layer.bias!]) { v in
            Tensor.linear(v[0], weight: v[1], bias: v[2])
        }
        let embedding = Embedding(5, 3, dtype: .float64)
        let indices = Tensor([[0, 4], [2, 2]])
        #expect(embedding(indices).shape == [2, 2, 3])
        expectGradientsMatch([embedding.weight]) { v in v[0].indexSelect(axis: 0, indices: indices.flattened()) }
    }

    @Test func linearUsesPyTorchsInitialisationBounds() {
        Tensor.manualSeed(3)
        let layer = Linear(100, 50)
        let bound = 1 / 100.0.squareRoot()
        let w = layer.weight.scalars(as: Double.self)
        #expect(w.allSatisfy { Swift.abs($0) <= bound })
        #expect(Swift.abs(layer.weight.std().item() - bound / 3.0.squareRoot()) < 0.05 * bound)
    }
}
