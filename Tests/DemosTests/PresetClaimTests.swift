import Foundation
import Testing
@testable import Demos

/// Each preset's commentary makes a claim; these runs check that it holds.
@Suite("Presets do what their commentary says")
struct PresetClaimTests {
    func run(_ query: String, epochs: Int) throws -> NeuralNetworkSimulator {
        let simulator = try NeuralNetworkSimulator(query: query)
        try simulator.step(epochs)
        return simulator
    }

    func preset(_ id: String) throws -> DemoPreset { try NeuralNetworkSimulator.preset(id) }

    @Test func everyPresetIsValidAndDescribed() throws {
        for demo in DemoCatalog.all {
            #expect(!demo.presets.isEmpty)
            for preset in demo.presets {
                _ = try preset.settings(for: demo.schema)
                #expect(preset.commentary.count > 100 && preset.suggestedSteps > 0, "\(preset.id)")
            }
            #expect(Set(demo.presets.map(\.id)).count == demo.presets.count)
        }
        #expect(throws: DemoError.unknownPreset("nope", known: NeuralNetworkSimulator.presets.map(\.id))) {
            try NeuralNetworkSimulator(preset: "nope")
        }
    }

    @Test func aLinearModelCannotDoXOR() throws {
        let query = try preset("linear-xor").query
        let linear = try run(query, epochs: 150)
        let accuracy = linear.progress["testAccuracy"] ?? 1
        #expect(accuracy > 0.35 && accuracy < 0.65, "a line stays near chance: \(accuracy)")
        let withProduct = try run(query.replacingFirst("features=x1,x2", with: "features=x1,x2,x1x2"), epochs: 150)
        #expect((withProduct.progress["testAccuracy"] ?? 0) > 0.9, "x1x2 makes XOR linear")
        let withHiddenLayer = try run(query.replacingFirst("hidden=", with: "hidden=4"), epochs: 150)
        #expect((withHiddenLayer.progress["testAccuracy"] ?? 0) > 0.9, "one hidden layer bends the boundary")
    }

    @Test func tooHighALearningRateOscillates() throws {
        let query = try preset("high-learning-rate").query
        let simulator = try NeuralNetworkSimulator(query: query)
        var losses: [Double] = []
        for _ in 0..<200 {
            try simulator.step(1)
            losses.append(simulator.progress["trainLoss"] ?? .infinity)
        }
        let rises = zip(losses, losses.dropFirst()).filter { $1 > $0 * 1.05 }.count
        #expect(simulator.diverged || (rises > 20 && (losses.suffix(50).min() ?? 0) > 0.2),
                "the loss jumps rather than settling: \(rises) rises, lowest late loss \(losses.suffix(50).min() ?? 0)")
        let gentle = try run(query.replacingFirst("learningRate=3", with: "learningRate=0.03"), epochs: 200)
        #expect((gentle.progress["testLoss"] ?? 1) < 0.05, "a small learning rate learns the circle")
    }

    @Test func engineeredFeaturesMakeTheSpiralEasy() throws {
        let query = try preset("spiral-features").query
        let rich = try run(query, epochs: 200)
        let plain = try run(query.replacingFirst("features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2", with: "features=x1,x2"), epochs: 200)
        let richAccuracy = rich.progress["testAccuracy"] ?? 0, plainAccuracy = plain.progress["testAccuracy"] ?? 1
        #expect(richAccuracy > 0.95, "with the features: \(richAccuracy)")
        #expect(plainAccuracy < richAccuracy - 0.05, "x1 and x2 alone: \(plainAccuracy)")
    }

    @Test func littleDataOverfits() throws {
        let query = try preset("overfitting").query
        let simulator = try run(query, epochs: 400)
        let snapshot = try simulator.snapshot(.full)
        let history = try #require(snapshot.history)
        let bestTest = history.test.min() ?? 0
        #expect(snapshot.trainLoss < 0.02, "the training points are memorised: \(snapshot.trainLoss)")
        #expect(snapshot.testLoss > 2 * bestTest, "the test loss climbs from \(bestTest) to \(snapshot.testLoss)")
        let regularised = try run(query + "&regularization=l2&regularizationRate=0.03", epochs: 400)
        #expect((regularised.progress["testLoss"] ?? .infinity) < snapshot.testLoss / 2, "L2 closes the gap")
    }

    @Test func aLargeLearningRateKillsReLUs() throws {
        let query = try preset("dead-relus").query
        let simulator = try run(query, epochs: 150)
        let neurons = try #require(try simulator.snapshot(DemoSnapshotRequest(resolution: 10, neuronResolution: 32)).neurons)
        let dead = neurons.filter { $0.inactive && $0.grid.min == 0 && $0.grid.max == 0 }
        #expect(dead.count >= neurons.count / 3, "\(dead.count) of \(neurons.count) neurons are blank")
        #expect((simulator.progress["testAccuracy"] ?? 1) < 0.7, "too few neurons are left to learn")
        let leaky = try run(query.replacingFirst("activation=relu", with: "activation=leakyRelu"), epochs: 150)
        let leakyNeurons = try leaky.snapshot(DemoSnapshotRequest(resolution: 10, neuronResolution: 8)).neurons ?? []
        #expect(leakyNeurons.allSatisfy { !$0.inactive })
        #expect((leaky.progress["testAccuracy"] ?? 0) > 0.95)
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (unchanged if absent).
    func replacingFirst(_ target: String, with replacement: String = "") -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
