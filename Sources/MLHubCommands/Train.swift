import ArgumentParser
import Foundation
import NeuralNets

/// `mlhub train`: the example trainings, with a progress bar.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an example model (build with -c release).",
        subcommands: [FashionMNIST.self])

    struct FashionMNIST: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fashion-mnist",
            abstract: "Train an MLP or a LeNet-style CNN on Fashion-MNIST and report the test accuracy.",
            discussion: "Needs Debian's dataset-fashion-mnist package (the README's setup command installs it).")

        @Option(help: "mlp or cnn.")
        var model: FashionMNISTTraining.Architecture = .mlp

        @Option(help: "Passes over the training set.")
        var epochs = 10

        @Option(help: "Images per step (default 128 for the MLP, 64 for the CNN).")
        var batchSize: Int?

        @Option(help: "Adam's learning rate.")
        var learningRate = 1e-3

        @Option(help: "Use only the first N training and test images.")
        var limit: Int?

        @Option(help: "Seed for the weights and the shuffling.")
        var seed: UInt64 = 0

        func validate() throws {
            guard epochs > 0 && epochs <= 1000 else { throw ValidationError("--epochs must be between 1 and 1000") }
            if let batchSize, batchSize < 1 || batchSize > 60_000 { throw ValidationError("--batch-size must be between 1 and 60000") }
            guard learningRate > 0 && learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
            if let limit, limit < 1 { throw ValidationError("--limit must be positive") }
        }

        func run() throws {
            let training = FashionMNISTTraining(architecture: model, epochs: epochs, batchSize: batchSize,
                                                learningRate: learningRate, limit: limit, seed: seed)
            print("training \(model.rawValue) on Fashion-MNIST for \(epochs) epochs (\(training.makeModel().parameterCount) parameters)")
            let result = try training.run(callbacks: [ProgressBar()])
            print(String(format: "test accuracy %.2f%%, %.1f s", result.testAccuracy * 100, result.seconds))
        }
    }
}

extension FashionMNISTTraining.Architecture: ExpressibleByArgument {}
