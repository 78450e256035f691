import Testing
import Tensors
import TestSupport
@testable import NeuralNets

@Suite("Activations against PyTorch")
struct ActivationTests {
    static let names = ["relu", "leaky_relu", "elu", "selu", "gelu", "gelu_tanh", "silu", "mish", "softplus",
                        "hardswish", "sigmoid", "tanh", "softmax", "log_softmax"]

    /// The layer that PyTorch's case `name` used.
    static func layer(_ name: String) -> any UnaryLayer {
        let layers: [(String, any UnaryLayer)] = [
        ("relu", ReLU()), ("leaky_relu", LeakyReLU(negativeSlope: 0.1)), ("elu", ELU(alpha: 1.3)), ("selu", SELU()),
        ("gelu", GELU()), ("gelu_tanh", GELU(approximate: true)), ("silu", SiLU()), ("mish", Mish()),
        ("softplus", Softplus(beta: 2, threshold: 20)), ("hardswish", Hardswish()), ("sigmoid", Sigmoid()),
        ("tanh", Tanh()), ("softmax", Softmax(axis: 1)), ("log_softmax", LogSoftmax(axis: 0)),
        ]
        return layers.first { $0.0 == name }!.1
    }

    @Test(arguments: names)
    func activationMatchesPyTorch(_ name: String) {
        let layer = Self.layer(name)
        let f = torchCase("activation_\(name)")
        for dtype in [DType.float32, .float64] {
            let (out, grads) = forwardBackward([f["input"]], dtype: dtype, cotangent: f["cotangent"]) { layer($0[0]) }
            let tolerance = dtype == .float32 ? float32Tolerance : 1e-10
            expectValues(out, like: f["output"], tolerance: tolerance)
            expectValues(grads[0]!, like: f["grad_input"], tolerance: tolerance)
        }
    }

    @Test(arguments: ["prelu_shared", "prelu_channels"])
    func preluMatchesPyTorch(_ name: String) {
        let f = torchCase("activation_\(name)")
        let (out, grads) = forwardBackward([f["input"], f["weight"]], dtype: .float32, cotangent: f["cotangent"]) {
            $0[0].prelu($0[1])
        }
        expectValues(out, like: f["output"], tolerance: float32Tolerance)
        expectValues(grads[0]!, like: f["grad_input"], tolerance: float32Tolerance)
        expectValues(grads[1]!, like: f["grad_weight"], tolerance: float32Tolerance)
        let layer = PReLU(parameterCount: f["weight"].count)
        #expect(layer.namedParameters().map(\.name) == ["weight"] && layer.weight.scalars(as: Float.self).allSatisfy { $0 == 0.25 })
    }

    @Test(arguments: names)
    func activationGradientCheck(_ name: String) {
        let layer = Self.layer(name)
        // Points away from the kinks at 0 (and at ±3 for hardswish).
        let x = Tensor([[-2.7, -1.3, -0.4, 0.35, 1.1], [2.2, -0.8, 0.6, 1.7, -3.4]])
        expectGradientsMatch([x]) { layer($0[0]) }
    }

    @Test func namedActivationsCoverTheDemoChoices() {
        let x = Tensor([-1.0, 0.5])
        #expect(Activation.linear(x) === x)
        expectValues(Activation.relu(x), [0, 0.5])
        expectValues(Activation.tanh(x), like: x.tanh())
        #expect(Activation(rawValue: "gelu") == .gelu)
    }
}
