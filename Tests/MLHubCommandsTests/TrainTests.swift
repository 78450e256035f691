import Foundation
import Testing
@testable import MLHubCommands

@Suite("mlhub train")
struct TrainTests {
    @Test func theMLPLearnsFashionMNISTFromAFewImages() throws {
        // A quick run: 2,000 training images, one epoch. The full runs are in the closing note.
        let training = FashionMNISTTraining(architecture: .mlp, epochs: 1, batchSize: 64, learningRate: 2e-3, limit: 2000)
        let result = try training.run()
        #expect(result.testAccuracy > 0.6, "accuracy \(result.testAccuracy)")
        #expect(result.history.epochs.count == 1)
    }

    @Test func theCNNHasLeNetsShape() {
        let model = FashionMNISTTraining(architecture: .cnn).makeModel()
        #expect(model.parameterCount == 61_706)
        #expect(FashionMNISTTraining(architecture: .mlp).makeModel().parameterCount == 235_146)
    }

    @Test func badArgumentsAreValidationErrors() {
        #expect(throws: (any Error).self) { try Train.FashionMNIST.parse(["--epochs", "0"]) }
        #expect(throws: (any Error).self) { try Train.FashionMNIST.parse(["--model", "transformer"]) }
        #expect(throws: (any Error).self) { try Train.FashionMNIST.parse(["--learning-rate", "-1"]) }
        #expect(throws: Never.self) { try Train.FashionMNIST.parse(["--model", "cnn", "--limit", "100"]) }
    }
}
