import Testing
@testable import Tensors
import TestSupport

@Suite("Autodiff")
struct AutodiffTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let w = Tensor([1.0, 2.0]).requiringGrad()
        (w * w).sum().backward()
        expectValues(w.grad!, [2, 4])
        (w * 3).sum().backward()
        expectValues(w.grad!, [5, 7])
        w.zeroGrad()
        #expect(w.grad == nil)
    }

    @Test func aTensorUsedTwiceGetsBothContributions() {
        let x = Tensor([3.0]).requiringGrad()
        let y = x * x + x.exp() * x
        y.backward()
        // d/dx (x² + x·eˣ) = 2x + eˣ(1 + x)
        expectValues(x.grad!, [6 + Double.exp(3) * 4], tolerance: 1e-12)
    }

    @Test func noGradScopeAndDetachStopRecording() {
        let w = Tensor([1.0]).requiringGrad()
        let inside = withNoGrad { w * 2 }
        #expect(!inside.requiresGrad)
        #expect(GradMode.isEnabled)
        let d = (w * 2).detached()
        #expect(!d.requiresGrad && d.isLeaf)
        let nested = withNoGrad { withGrad { w * 2 } }
        #expect(nested.requiresGrad)
    }

    @Test func constantsDoNotRequireGradients() {
        let x = Tensor([1.0, 2.0])
        let w = Tensor([0.5, 0.5]).requiringGrad()
        let y = (x * w).sum()
        y.backward()
        #expect(x.grad == nil)
        expectValues(w.grad!, [1, 2])
    }

    @Test func nonScalarBackwardTakesAnExplicitGradient() {
        let x = Tensor([1.0, 2.0, 3.0]).requiringGrad()
        (x * x).backward(Tensor([1.0, 0.0, 2.0]))
        expectValues(x.grad!, [2, 0, 12])
    }

    @Test func retainGradKeepsIntermediateGradients() {
        let x = Tensor([2.0]).requiringGrad()
        let h = x * 3
        h.retainGrad()
        (h * h).sum().backward()
        expectValues(h.grad!, [12])
        expectValues(x.grad!, [36])
    }

    @Test func retainGraphAllowsASecondBackwardWithFreshIntermediateGradients() {
        let x = Tensor([1.5]).requiringGrad()
        let y = (x * x).sum()
        y.backward(retainGraph: true)
        y.backward()
        expectValues(x.grad!, [6])
    }

    @Test func secondDerivativesWithCreateGraph() {
        let x = Tensor([0.7]).requiringGrad()
        let y = (x.tanh() * x.exp()).sum()
        y.backward(createGraph: true)
        let dy = x.grad!
        x.zeroGrad()
        dy.sum().backward()
        // y = tanh(x)·eˣ; y'' = eˣ (tanh + 2 sech² − 2 tanh sech²)
        let t = Double.tanh(0.7), s2 = 1 - t * t
        expectValues(x.grad!, [Double.exp(0.7) * (t + 2 * s2 - 2 * t * s2)], tolerance: 1e-10)
    }

    @Test func theTapeListsOperationsInOrderWithShapes() {
        let x = Tensor.ones([4, 2])
        let w = Tensor.ones([2, 3]).requiringGrad()
        let b = Tensor.zeros([3]).requiringGrad()
        let loss = (x.matmul(w) + b).tanh().sum()
        let tape = loss.tape
        #expect(tape.entries.map(\.op) == ["constant", "parameter", "matmul", "parameter", "add", "tanh", "sum"])
        #expect(tape.entries.map(\.shape) == [[4, 2], [2, 3], [4, 3], [3], [4, 3], [4, 3], []])
        #expect(tape.entries[2].inputs == [0, 1] && tape.entries[4].inputs == [2, 3])
        #expect(tape.description.contains("%2 = matmul(%0, %1) : float32[4, 3]"))
        loss.backward(retainGraph: true)
        let afterward = loss.tape
        #expect(afterward.entries[1].gradient?.shape == [2, 3])
        #expect(afterward.entries[5].gradient?.shape == [4, 3])
    }

    @Test func aSecondBackwardWithoutRetainedGraphIsRefusedClearly() async {
        // The refusal is a precondition (trap); what is checked here is the freed state.
        let x = Tensor([1.0]).requiringGrad()
        let y = (x * 2).sum()
        y.backward()
        #expect(y.tape.entries.count == 1)
    }

    @Test func aCustomGradientRuleIsUsedAndChecked() {
        // cube(x) = x³ with its rule written by hand.
        func cube(_ x: Tensor) -> Tensor {
            let forward = withNoGrad { x * x * x }
            return forward.withGradient("cube", inputs: [x]) { g, _ in [g * 3 * x * x] }
        }
        let x = sample([4], seed: 3)
        expectGradientsMatch([x]) { cube($0[0]) }
        let leaf = x.detached().requiringGrad()
        #expect(cube(leaf).tape.entries.map(\.op) == ["parameter", "cube"])
        #expect(!cube(x.detached()).requiresGrad)
    }

    @Test func longChainsDoNotOverflowTheStack() {
        var h = Tensor([1.0]).requiringGrad()
        let x = h
        for _ in 0..<20_000 { h = h * 1.0001 }
        h.sum().backward()
        expectValues(x.grad!, [Double.pow(1.0001, 20_000)], tolerance: 1e-9)
    }

    @Test func aLongGraphDroppedWithoutBackwardIsFreedWithoutRecursion() {
        let x = Tensor([1.0]).requiringGrad()
        var h = x
        for _ in 0..<200_000 { h = h * 1.0001 }
        #expect(h.requiresGrad)
        h = x  // the whole chain is released here; a recursive release would overflow the stack
        #expect(h === x)
    }

    @Test func softmaxAndLogSoftmaxAreStableAndDifferentiable() {
        let x = Tensor([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]])
        let p = x.softmax(axis: 1)
        expectValues(p.sum(axis: 1), [1, 1])
        let e = [Double.exp(-2), Double.exp(-1), 1.0]
        let total = e.reduce(0, +)
        expectValues(p[0], e.map { $0 / total })
        expectValues(x.logSoftmax(axis: 1), like: p.log(), tolerance: 1e-12)
        // Tiny probabilities keep their logarithm.
        #expect(Tensor([0.0, -800.0]).logSoftmax().scalars(as: Double.self)[1] < -799)
        let s = sample([3, 4], seed: 41)
        expectGradientsMatch([s]) { $0[0].softmax(axis: 1) }
        expectGradientsMatch([s]) { $0[0].softmax(axis: 0) }
        expectGradientsMatch([s]) { $0[0].logSoftmax(axis: -1) }
        expectGradientsMatch([sample([2, 3, 2], seed: 42)]) { $0[0].logSoftmax(axis: 1) }
    }

    @Test func tinyMLPStepMatchesHandDerivedGradients() {
        // One hidden unit, checked against the chain rule written out by hand.
        let x = Tensor([[0.5, -1.0]]), y = Tensor([[1.0]])
        let w1 = Tensor([[0.3], [0.2]]).requiringGrad(), w2 = Tensor([[0.7]]).requiringGrad()
        let h = x.matmul(w1).tanh()
        let z = h.matmul(w2)
        let loss = (z.softplus() - z * y).mean()
        loss.backward()
        let a = 0.5 * 0.3 - 1.0 * 0.2, hv = Double.tanh(a), zv = hv * 0.7
        let dz = 1 / (1 + Double.exp(-zv)) - 1
        expectValues(w2.grad!, [dz * hv], tolerance: 1e-12)
        expectValues(w1.grad!, [dz * 0.7 * (1 - hv * hv) * 0.5, dz * 0.7 * (1 - hv * hv) * -1.0], tolerance: 1e-12)
    }
}

