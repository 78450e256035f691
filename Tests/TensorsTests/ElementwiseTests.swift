import Testing
@testable import Tensors
import TestSupport

@Suite("Elementwise operations")
struct ElementwiseTests {
    let fixture = ReferenceFixture.case("broadcast_ops", in: "elementwise_reference")

    @Test func broadcastArithmeticMatchesNumPy() {
        let x = fixture["x"], y = fixture["y"]
        expectValues(x + y, like: fixture["add"])
        expectValues(x - y, like: fixture["sub"])
        expectValues(x * y, like: fixture["mul"])
        expectValues(x / y, like: fixture["div"])
        expectValues(Tensor.minimum(x, y), like: fixture["minimum"])
        expectValues(Tensor.maximum(x, y), like: fixture["maximum"])
    }

    @Test func outerBroadcastMatchesNumPy() {
        let f = ReferenceFixture.case("outer_broadcast", in: "elementwise_reference")
        expectValues(f["col"] + f["row"], like: f["add"])
        expectValues(f["col"] * f["row"], like: f["mul"])
    }

    @Test func scalarOperandsConvertToTheTensorDType() {
        let x = Tensor([1, 2, 3] as [Float])
        let y = 2 * x + 1
        #expect(y.dtype == .float32)
        expectValues(y, [3, 5, 7])
        expectValues(1 / x, [1, 0.5, 1.0 / 3], tolerance: 1e-6)
        expectValues(Tensor([5, 7]) - 2, [3, 5])
    }

    @Test func stridedOperandsGiveTheSameResultAsContiguousOnes() {
        let a = sample([4, 3], seed: 3), b = sample([3, 4], seed: 4)
        let viaView = a.transposed() * b
        let viaCopy = a.transposed().contiguous() * b
        expectValues(viaView, like: viaCopy, tolerance: 0)
    }

    @Test func gradientsOfArithmeticIncludingBroadcasting() {
        let a = sample([3, 4], seed: 1), b = sample([4], seed: 2), c = sample([3, 1], seed: 3, low: 0.5, high: 2)
        expectGradientsMatch([a, b]) { $0[0] + $0[1] }
        expectGradientsMatch([a, b]) { $0[0] - $0[1] }
        expectGradientsMatch([a, b]) { $0[0] * $0[1] }
        expectGradientsMatch([a, c]) { $0[0] / $0[1] }
        expectGradientsMatch([a, b]) { Tensor.minimum($0[0], $0[1]) }
        expectGradientsMatch([a, b]) { Tensor.maximum($0[0], $0[1]) }
        expectGradientsMatch([a]) { 3 - 2 * $0[0] / 4 }
    }

    @Test func powerMatchesNumPyAndDifferentiatesInBothArguments() {
        let f = ReferenceFixture.case("pow", in: "elementwise_reference")
        expectValues(Tensor.pow(f["base"], f["exponent"]), like: f["result"])
        expectGradientsMatch([f["base"], f["exponent"]]) { Tensor.pow($0[0], $0[1]) }
        expectValues(Tensor([-2.0, 3.0]).pow(2), [4, 9])
    }

    @Test func unaryFunctionsMatchNumPy() {
        let f = ReferenceFixture.case("unary", in: "elementwise_reference")
        let x = f["x"]
        expectValues(x.exp(), like: f["exp"])
        expectValues(x.tanh(), like: f["tanh"])
        expectValues(x.sin(), like: f["sin"])
        expectValues(x.cos(), like: f["cos"])
        expectValues(x.sigmoid(), like: f["sigmoid"])
        expectValues(x.softplus(), like: f["softplus"])
        expectValues(x.abs(), like: f["abs"])
        expectValues(x.sign(), like: f["sign"])
        expectValues(x.relu(), like: f["relu"])
        let e = ReferenceFixture.case("erf", in: "elementwise_reference")
        expectValues(e["x"].erf(), like: e["erf"], tolerance: 1e-12)
        let p = ReferenceFixture.case("positive_unary", in: "elementwise_reference")
        expectValues(p["x"].log(), like: p["log"])
        expectValues(p["x"].log1p(), like: p["log1p"])
        expectValues(p["x"].sqrt(), like: p["sqrt"])
    }

    @Test func unaryGradients() {
        let x = Tensor([-1.3, -0.4, 0.2, 0.9, 1.7])
        let positive = Tensor([0.3, 0.8, 1.5, 2.2])
        expectGradientsMatch([x]) { -$0[0] }
        expectGradientsMatch([x]) { $0[0].exp() }
        expectGradientsMatch([positive]) { $0[0].log() }
        expectGradientsMatch([positive]) { $0[0].log1p() }
        expectGradientsMatch([positive]) { $0[0].sqrt() }
        expectGradientsMatch([x]) { $0[0].abs() }
        expectGradientsMatch([x]) { $0[0].sign() }
        expectGradientsMatch([x]) { $0[0].sin() }
        expectGradientsMatch([x]) { $0[0].cos() }
        expectGradientsMatch([x]) { $0[0].tanh() }
        expectGradientsMatch([x]) { $0[0].sigmoid() }
        expectGradientsMatch([x]) { $0[0].relu() }
        expectGradientsMatch([x]) { $0[0].softplus() }
        expectGradientsMatch([x]) { $0[0].erf() }
    }

    @Test func stableFunctionsDoNotOverflow() {
        let x = Tensor([-1000.0, 1000.0])
        expectValues(x.sigmoid(), [0, 1])
        expectValues(x.softplus(), [0, 1000])
    }

    @Test func comparisonsAndWhere() {
        let a = Tensor([1.0, 5.0, 3.0]), b = Tensor([2.0, 5.0, 1.0])
        #expect((a .< b).scalars(as: Bool.self) == [true, false, false])
        #expect((a .== b).scalars(as: Bool.self) == [false, true, false])
        #expect((a .>= 3).scalars(as: Bool.self) == [false, true, true])
        #expect((a .> b).logicalOr(a .== b).scalars(as: Bool.self) == [false, true, true])
        expectValues(Tensor.where(a .> b, a, b), [2, 5, 3])
        let c = sample([2, 3], seed: 5), d = sample([3], seed: 6)
        expectGradientsMatch([c, d]) { Tensor.where($0[0] .> 0, $0[0], $0[1]) }
    }

    @Test func clampPassesGradientInsideTheBounds() {
        let x = Tensor([-2.0, -0.5, 0.5, 2.0])
        expectValues(x.clamp(min: -1, max: 1), [-1, -0.5, 0.5, 1])
        let leaf = x.detached().requiringGrad()
        leaf.clamp(min: -1, max: 1).sum().backward()
        expectValues(leaf.grad!, [0, 1, 1, 0])
        expectGradientsMatch([x]) { $0[0].clamp(min: -1, max: 1) }
        expectGradientsMatch([x]) { $0[0].clamp(min: 0) }
        expectValues(Tensor([1, 5, 9]).clamp(max: 6), [1, 5, 6])
    }

    @Test func maskedFillReplacesAndStopsTheGradientThere() {
        let x = sample([2, 3], seed: 8)
        let mask = Tensor([true, false, true])
        expectValues(x.maskedFill(mask, with: -1), [-1, x.scalar(atFlat: 1), -1, -1, x.scalar(atFlat: 4), -1])
        expectGradientsMatch([x]) { $0[0].maskedFill(mask, with: 0.5) * 3 }
    }

    @Test func integerArithmeticAndConversions() {
        let i = Tensor([[1, 2], [3, 4]])
        #expect(i.dtype == .int64)
        #expect((i * i + 1).scalars(as: Int.self) == [2, 5, 10, 17])
        #expect(Tensor([1.9, -1.9, .nan]).to(.int64).scalars(as: Int.self) == [1, -1, 0])
        #expect(Tensor([0.0, 2.0]).to(.bool).scalars(as: Bool.self) == [false, true])
        // The cast's gradient is cast back (finite differences cannot resolve float32 steps).
        let leaf = sample([3]).requiringGrad()
        (leaf.to(.float32) * 2).sum().backward()
        #expect(leaf.grad?.dtype == .float64)
        expectValues(leaf.grad!, [2, 2, 2])
    }

    @Test func nanPropagatesThroughMinimumAndMaximum() {
        let a = Tensor([Double.nan, 1.0]), b = Tensor([0.0, Double.nan])
        #expect(Tensor.minimum(a, b).scalars(as: Double.self).allSatisfy { $0.isNaN })
        #expect(Tensor.maximum(a, b).scalars(as: Double.self).allSatisfy { $0.isNaN })
    }
}
