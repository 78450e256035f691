import Datasets
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
        Benchmark(name: "rnn.lstm.in32-h128-seq50-b32.fwd_bwd", unit: "ms",
                  summary: "forward and backward of a 1-layer LSTM (32 → 128, batch first) and a linear head, MSE on the last step",
                  tracksMemory: true) {
            Tensor.manualSeed(0)
            let lstm = LSTM(inputSize: 32, hiddenSize: 128, batchFirst: true), head = Linear(128, 1)
            let x = Tensor.randn([32, 50, 32]), target = Tensor.randn([32, 1])
            let loss = MSELoss()
            return Timing.secondsPerCall {
                lstm.zeroGrad()
                head.zeroGrad()
                let (output, _) = lstm(x)
                loss(head(output.narrowed(axis: 1, start: 49, length: 1).squeezed(axis: 1)), target).backward()
            } * 1e3
        },
        Benchmark(name: "attn.encoder.d128-h4-ff512-seq64-b32.adam.step", unit: "ms",
                  summary: "one Adam step of a post-norm transformer encoder layer (d 128, 4 heads, ff 512, no dropout) on 32×64×128",
                  tracksMemory: true) {
            Tensor.manualSeed(0)
            let encoder = TransformerEncoderLayer(dModel: 128, nhead: 4, dimFeedforward: 512, dropout: 0, batchFirst: true)
            let x = Tensor.randn([32, 64, 128])
            let optimizer = Adam(encoder.parameters(), learningRate: 1e-3)
            return Timing.secondsPerCall {
                optimizer.zeroGrad()
                let out = encoder(x)
                (out * out).mean().backward()
                optimizer.step()
            } * 1e3
        },
        Benchmark(name: "mlp.digits.64-128-10.b32.adam.50epochs", unit: "s",
                  summary: "50 epochs of a 64-128-10 ReLU MLP on the digits (x/16), Adam, batch 32; also the accuracy on the anchors' 20% test split",
                  extras: [("test_accuracy", "%")]) {
            Tensor.manualSeed(0)
            // The anchors' split (scikit-learn, random_state 0), so the accuracies compare.
            let testRows = Set(DigitsReferenceSplit.testRows)
            guard let digits = try? Dataset.digits(),
                  let train = try? digits.subset((0..<digits.count).filter { !testRows.contains($0) }),
                  let test = try? digits.subset(DigitsReferenceSplit.testRows) else {
                return Measurement(value: .nan, extras: [.nan])
            }
            let x = (train.features / 16).to(.float32), y = train.target
            let model = Sequential(Linear(64, 128), ReLU(), Linear(128, 10))
            let trainer = Trainer(model: model, optimizer: Adam(model.parameters(), learningRate: 1e-3),
                                  loss: { CrossEntropyLoss()($0, $1) })
            let loader = DataLoader(inputs: x, targets: y, batchSize: 32, shuffle: true, seed: 0)
            let started = ContinuousClock.now
            trainer.fit(loader, epochs: 50)
            let seconds = (ContinuousClock.now - started).seconds
            let accuracy = withNoGrad { Metrics.accuracy(model((test.features / 16).to(.float32)), test.target) }
            return Measurement(value: seconds, extras: [accuracy * 100])
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
