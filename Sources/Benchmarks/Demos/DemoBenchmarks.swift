import Datasets
import Demos
import Foundation
import NeuralNets
import Tensors

/// The interactive demos' workloads: how fast the Neural Network Simulator trains and draws
/// a frame, and how fast the optimizer race steps.
enum DemoBenchmarks {
    static let all: [Benchmark] = [
        Benchmark(name: "demo.nn_simulator.epochs_per_s", unit: "epochs/s",
                  summary: "Neural Network Simulator defaults (circle, 500 points, 50% training, batch 10, x1 x2, 4-4 tanh, Adam): epochs trained per second") {
            guard let simulator = try? NeuralNetworkSimulator(settings: NeuralNetworkSimulator.schema.defaults) else { return .nan }
            return 1 / Timing.secondsPerCall(minimumSample: 0.1) { try? simulator.step(1) }
        },
        Benchmark(name: "demo.nn_simulator.tape_epochs_per_s", unit: "epochs/s",
                  summary: "the same epoch (25 Adam steps of batch 10 on a 2-4-4-1 tanh network) through the tape: Sequential, BCE-with-logits, backward, Adam") {
            tapeEpochsPerSecond()
        },
        Benchmark(name: "demo.nn_simulator.frame_ms", unit: "ms",
                  summary: "a full simulator snapshot of the defaults after 100 epochs: 100×100 output surface, every neuron at 32×32, metrics, weights; also its JSON encoding and size",
                  extras: [("frame_json_ms", "ms"), ("frame_kib", "KiB")], extrasStem: "demo.nn_simulator") {
            guard let simulator = try? NeuralNetworkSimulator(settings: NeuralNetworkSimulator.schema.defaults),
                  (try? simulator.step(100)) != nil else { return Measurement(value: .nan, extras: [.nan, .nan]) }
            let frame = Timing.secondsPerCall { _ = try? simulator.snapshot(.full) } * 1e3
            let encoded = Timing.secondsPerCall { _ = try? simulator.snapshotJSON(.full) } * 1e3
            let bytes = (try? simulator.snapshotJSON(.full))?.count ?? 0
            return Measurement(value: frame, extras: [encoded, Double(bytes) / 1024])
        },
        Benchmark(name: "demo.optimizer_race.steps_per_s", unit: "steps/s",
                  summary: "optimizer race defaults (bowl, seven racers on the engine's optimizers): race steps per second, every racer stepping") {
            guard let race = try? OptimizerRace(query: "maxSteps=10000") else { return .nan }
            return 1 / Timing.secondsPerCall {
                if race.stepCount >= 10_000 { race.reset() }
                try? race.step(1)
            }
        },
    ]

    /// Epochs per second of the simulator's default training step written with the tape.
    static func tapeEpochsPerSecond() -> Double {
        Tensor.manualSeed(0)
        guard let data = try? Dataset.circles(count: 500, noise: 0, factor: 0.5, seed: 0) else { return .nan }
        let x = (data.features[0..<250] * 5).to(.float32), y = data.target[0..<250].to(.float32).reshaped([250, 1])
        let model = Sequential(Linear(2, 4), Tanh(), Linear(4, 4), Tanh(), Linear(4, 1))
        let optimizer = Adam(model.parameters(), learningRate: 0.03)
        let batches = (0..<25).map { (x[($0 * 10)..<($0 * 10 + 10)].contiguous(), y[($0 * 10)..<($0 * 10 + 10)].contiguous()) }
        return 1 / Timing.secondsPerCall {
            for (bx, by) in batches {
                optimizer.zeroGrad()
                Tensor.binaryCrossEntropyWithLogits(model(bx), by).backward()
                optimizer.step()
            }
        }
    }
}
