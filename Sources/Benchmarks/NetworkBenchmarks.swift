import NeuralNets
import Tensors

/// The neural-network workloads of the PyTorch anchors (`mlp.py`, `cnn.py`), built the same way.
enum NetworkBenchmarks {
    static let all: [Benchmark] = [
        Benchmark(name: "mlp.784-256-128-10.b128.adam.step", unit: "ms",
                  summary: "one Adam step of a 784-256-128-10 ReLU MLP, cross-entropy, batch 128", tracksMemory: true) {
            Tensor.manualSeed(0)
            let model = Sequential(Linear(784, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10))
            let x = Tensor.randn([128, 784]), y = Tensor.choice(10, count: 128)
            return trainStepMilliseconds(model, Adam(model.parameters(), learningRate: 1e-3), x, y)
        },
        Benchmark(name: "cnn.lenet5.b64.sgd.step", unit: "ms",
                  summary: "one SGD step of LeNet-5 (ReLU, max pooling) on 1×28×28 inputs, batch 64", tracksMemory: true) {
            Tensor.manualSeed(0)
            let model = Sequential(Conv2d(1, 6, kernelSize: 5, padding: 2), ReLU(), MaxPool2d(kernelSize: 2),
                                   Conv2d(6, 16, kernelSize: 5), ReLU(), MaxPool2d(kernelSize: 2), Flatten(),
                                   Linear(400, 120), ReLU(), Linear(120, 84), ReLU(), Linear(84, 10))
            let x = Tensor.randn([64, 1, 28, 28]), y = Tensor.choice(10, count: 64)
            return trainStepMilliseconds(model, SGD(model.parameters(), learningRate: 0.01), x, y)
        },
    ]

    /// Milliseconds per `zeroGrad → cross-entropy → backward → step`.
    static func trainStepMilliseconds(_ model: Sequential, _ optimizer: Optimizer, _ x: Tensor, _ y: Tensor) -> Double {
        let loss = CrossEntropyLoss()
        return Timing.secondsPerCall {
            optimizer.zeroGrad()
            loss(model(x), y).backward()
            optimizer.step()
        } * 1e3
    }
}
