import Testing
import Tensors
import TestSupport
@testable import NeuralNets

/// The layers of the `module_*` fixture cases, built as PyTorch built them (weights are then
/// loaded from the fixture), with whether the case ran in training mode.
private func layer(_ name: String, dtype: DType) -> (Module & UnaryLayer, train: Bool) {
    switch name {
    case "conv2d_basic": (Conv2d(3, 4, kernelSize: 3, dtype: dtype), true)
    case "conv2d_stride_pad_dilation":
        (Conv2d(2, 3, kernelSize: (3, 2), stride: (2, 1), padding: (1, 2), dilation: (2, 1), dtype: dtype), true)
    case "conv2d_groups": (Conv2d(4, 6, kernelSize: 3, padding: 1, groups: 2, bias: false, dtype: dtype), true)
    case "conv2d_depthwise": (Conv2d(3, 3, kernelSize: 3, stride: 2, padding: 1, groups: 3, dtype: dtype), true)
    case "conv2d_pointwise": (Conv2d(5, 2, kernelSize: 1, dtype: dtype), true)
    case "conv1d": (Conv1d(4, 6, kernelSize: 3, stride: 2, padding: 1, groups: 2, dtype: dtype), true)
    case "conv_transpose2d":
        (ConvTranspose2d(4, 6, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1), outputPadding: (1, 1), groups: 2, dtype: dtype), true)
    case "conv_transpose2d_dilated":
        (ConvTranspose2d(2, 3, kernelSize: (2, 3), stride: (1, 2), dilation: (2, 1), dtype: dtype), true)
    case "maxpool2d": (MaxPool2d(kernelSize: 3, stride: 2, padding: 1), true)
    case "maxpool2d_dilated": (MaxPool2d(kernelSize: 2, stride: 1, dilation: 2), true)
    case "avgpool2d": (AvgPool2d(kernelSize: 2), true)
    case "avgpool2d_exclude_pad": (AvgPool2d(kernelSize: 3, stride: 2, padding: 1, countIncludePadding: false), true)
    case "adaptive_avgpool2d": (AdaptiveAvgPool2d(outputSize: (3, 2)), true)
    case "upsample_nearest": (Upsample(scale: 2), true)
    case "batchnorm1d_train": (BatchNorm1d(4, momentum: 0.2, dtype: dtype), true)
    case "batchnorm1d_sequence": (BatchNorm1d(3, dtype: dtype), true)
    case "batchnorm2d_train": (BatchNorm2d(3, dtype: dtype), true)
    case "batchnorm2d_eval": (BatchNorm2d(3, dtype: dtype), false)
    case "layernorm": (LayerNorm([3, 4], dtype: dtype), true)
    case "groupnorm": (GroupNorm(groups: 2, channels: 6, dtype: dtype), true)
    case "instancenorm2d": (InstanceNorm(3, affine: true, dtype: dtype), true)
    case "rmsnorm": (RMSNorm([5], epsilon: 1e-6, dtype: dtype), true)
    case "rmsnorm_default_eps": (RMSNorm([4, 5], dtype: dtype), true)
    default: preconditionFailure("no layer for fixture case \(name)")
    }
}

private let moduleCases = [
    "conv2d_basic", "conv2d_stride_pad_dilation", "conv2d_groups", "conv2d_depthwise", "conv2d_pointwise", "conv1d",
    "conv_transpose2d", "conv_transpose2d_dilated", "maxpool2d", "maxpool2d_dilated", "avgpool2d",
    "avgpool2d_exclude_pad", "adaptive_avgpool2d", "upsample_nearest", "batchnorm1d_train", "batchnorm1d_sequence",
    "batchnorm2d_train", "batchnorm2d_eval", "layernorm", "groupnorm", "instancenorm2d", "rmsnorm", "rmsnorm_default_eps",
]

@Suite("Convolution, pooling and normalisation against PyTorch")
struct LayerTests {
    @Test(arguments: moduleCases)
    func layerMatchesPyTorch(_ name: String) throws {
        let f = torchCase("module_\(name)")
        func prefixed(_ prefix: String) -> [(String, Tensor)] {
            f.arrays.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
        }
        for dtype in [DType.float32, .float64] {
            let (module, train) = layer(name, dtype: dtype)
            try module.loadStateDict(StateDict(prefixed("state.")))
            module.train(train)
            let x = f["input"].to(dtype).requiringGrad()
            let out = module(x)
            (out * f["cotangent"].to(dtype)).sum().backward()
            let tolerance = dtype == .float32 ? float32Tolerance : 1e-10
            expectValues(out, like: f["output"], tolerance: tolerance)
            expectValues(x.grad!, like: f["grad_input"], tolerance: tolerance)
            let parameters = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
            let expectedGradients = prefixed("grad.")
            #expect(Set(parameters.keys) == Set(expectedGradients.map(\.0)), "parameters of \(name)")
            for (key, expected) in expectedGradients {
                expectValues(parameters[key]!.grad!, like: expected, tolerance: tolerance)
            }
            let buffers = Dictionary(uniqueKeysWithValues: module.namedBuffers().map { ($0.name, $0.tensor) })
            for (key, expected) in prefixed("after.") {
                expectValues(buffers[key]!, like: expected, tolerance: tolerance)
            }
        }
    }

    @Test func unfoldAndFoldMatchPyTorch() {
        let u = torchCase("unfold")
        let window = Window2D(kernel: (2, 3), stride: (1, 2), padding: (1, 0), dilation: (2, 1))
        let (out, grads) = forwardBackward([u["input"]], dtype: .float32, cotangent: u["cotangent"]) { $0[0].unfold(window) }
        expectValues(out, like: u["output"], tolerance: float32Tolerance)
        expectValues(grads[0]!, like: u["grad_input"], tolerance: float32Tolerance)
        let f = torchCase("fold")
        let foldWindow = Window2D(kernel: (2, 3), stride: (2, 1), padding: (1, 0))
        let (folded, foldGrads) = forwardBackward([f["input"]], dtype: .float64, cotangent: f["cotangent"]) {
            $0[0].fold(outputSize: (5, 6), window: foldWindow)
        }
        expectValues(folded, like: f["output"], tolerance: 1e-12)
        expectValues(foldGrads[0]!, like: f["grad_input"], tolerance: 1e-12)
    }

    @Test(arguments: moduleCases)
    func layerGradientCheck(_ name: String) throws {
        let f = torchCase("module_\(name)")
        let (module, train) = layer(name, dtype: .float64)
        let state = f.arrays.filter { $0.key.hasPrefix("state.") }.map { (String($0.key.dropFirst(6)), $0.value) }
        try module.loadStateDict(StateDict(state))
        module.train(train)
        // The fixture's inputs are small, so the finite differences stay quick.
        let input = f["input"].clone().requiringGrad()
        expectGradientsMatch(parameters: [input] + module.parameters()) { module(input) }
    }

    @Test func dropoutScalesSurvivorsAndIsTheIdentityInEvaluation() {
        Tensor.manualSeed(21)
        let dropout = Dropout(p: 0.25)
        let x = Tensor.ones([100_000])
        let y = dropout(x)
        let values = y.scalars(as: Float.self)
        #expect(values.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.75) < 1e-6 })
        let dropped = Double(values.filter { $0 == 0 }.count) / 100_000
        #expect(Swift.abs(dropped - 0.25) < 0.01)
        #expect(Swift.abs(y.mean().item() - 1) < 0.02)
        dropout.eval()
        #expect(dropout(x) === x)
        let path = DropPath(p: 0.5)
        let rows = path(Tensor.ones([1000, 3])).scalars(as: Float.self)
        for r in 0..<1000 { #expect(Set(rows[(3 * r)..<(3 * r + 3)]).count == 1, "a sample is kept or dropped whole") }
    }

    @Test func batchNormNeedsMoreThanOneValuePerChannelToTrain() async {
        await #expect(processExitsWith: .failure) { _ = BatchNorm1d(3)(Tensor.ones([1, 3])) }
    }

    @Test func aSmallCNNTrainsEndToEnd() {
        Tensor.manualSeed(22)
        let model = Sequential(Conv2d(1, 4, kernelSize: 3, padding: 1), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2),
                               Flatten(), Linear(4 * 4 * 4, 2))
        // Vertical against horizontal bars.
        var images: [Float] = [], labels: [Int] = []
        for i in 0..<32 {
            var image = [Float](repeating: 0, count: 64)
            let position = i % 8
            for k in 0..<8 { image[i % 2 == 0 ? k * 8 + position : position * 8 + k] = 1 }
            images += image
            labels.append(i % 2)
        }
        let x = Tensor(images, shape: [32, 1, 8, 8]), y = Tensor(labels, shape: [32])
        let optimizer = Adam(model.parameters(), learningRate: 0.02)
        let loss = CrossEntropyLoss()
        var first = 0.0, last = 0.0
        for step in 0..<40 {
            optimizer.zeroGrad()
            let l = loss(model(x), y)
            l.backward()
            optimizer.step()
            if step == 0 { first = l.item() }
            last = l.item()
        }
        #expect(last < 0.1 * first, "loss \(first) → \(last)")
        model.eval()
        #expect((model(x).argmax(axis: 1) .== y).all())
    }
}
