import Foundation
import NeuralNets
import Testing
import Tensors
@testable import Demos

@Suite("Simulator training, live changes, snapshots and export")
struct SimulatorTrainingTests {
    @Test func defaultsLearnTheCircle() throws {
        let simulator = try NeuralNetworkSimulator(settings: NeuralNetworkSimulator.schema.defaults)
        let start = try simulator.snapshot(.light)
        #expect(start.epoch == 0 && start.testLoss > 0.5)
        try simulator.step(150)
        let end = try simulator.snapshot(.full)
        #expect(end.epoch == 150)
        #expect(end.testLoss < 0.05, "test loss \(end.testLoss)")
        #expect((end.metrics?.testAccuracy ?? 0) > 0.98)
        #expect(end.history?.epochs.first == 0 && end.history?.epochs.last == 150)
        #expect(end.history?.train.count == 151)
    }

    @Test func regressionReachesAHighR2() throws {
        let simulator = try NeuralNetworkSimulator(query: "dataset=plane&hidden=")
        try simulator.step(100)
        let scores = try simulator.snapshot(.full).metrics
        #expect((scores?.testR2 ?? 0) > 0.98, "R² \(String(describing: scores?.testR2))")
        #expect(scores?.testAccuracy == nil)
    }

    @Test func theLearningRateChangesLive() throws {
        let simulator = try NeuralNetworkSimulator(query: "optimizer=sgd&learningRate=0.00001")
        try simulator.step(20)
        let crawling = simulator.progress["trainLoss"] ?? 0
        try simulator.set("learningRate", to: 0.3)
        #expect(simulator.stepCount == 20, "a live change keeps training going")
        try simulator.step(100)
        #expect(simulator.stepCount == 120)
        #expect((simulator.progress["trainLoss"] ?? 1) < crawling - 0.3)
        #expect(simulator.settings.double("learningRate") == 0.3)
        #expect(simulator.settings.query.contains("learningRate=0.3"))
        #expect(throws: DemoError.invalidValue(parameter: "learningRate", expected: "in 0.00001...10", got: "50")) {
            try simulator.set("learningRate", to: 50)
        }
        #expect(simulator.settings.double("learningRate") == 0.3, "a refused value changes nothing")
    }

    @Test func changingHiddenLayersRebuildsTheNetwork() throws {
        let simulator = try NeuralNetworkSimulator(query: "")
        try simulator.step(10)
        let version = try simulator.snapshot(.light).modelVersion
        try simulator.set("hidden", text: "8,3,2")
        #expect(simulator.stepCount == 0)
        let snapshot = try simulator.snapshot(DemoSnapshotRequest(resolution: 8, neuronResolution: 4))
        #expect(snapshot.modelVersion == version + 1)
        #expect(snapshot.network?.layers.map(\.outputs) == [8, 3, 2, 1])
        #expect(snapshot.neurons?.count == 13)
        try simulator.set("hidden", to: .ints([]))
        #expect(try simulator.snapshot(.full).network?.layers.count == 1)
        #expect(try simulator.snapshot(.full).neurons == [])
        try simulator.step(5)
        #expect(simulator.stepCount == 5)
    }

    @Test func resetRestoresEpochZeroAndTheSameWeights() throws {
        let simulator = try NeuralNetworkSimulator(query: "seed=42&dropout=0.2")
        let initial = try simulator.snapshot(.full)
        try simulator.step(30)
        let trained = try simulator.snapshot(.full)
        #expect(trained.network != initial.network)
        simulator.reset()
        let again = try simulator.snapshot(.full)
        #expect(again.epoch == 0)
        #expect(again.network == initial.network)
        #expect(again.testLoss == initial.testLoss)
        try simulator.step(30)
        #expect(try simulator.snapshot(.full).network == trained.network, "training is deterministic too")
        // Another seed, other weights.
        try simulator.set("seed", to: 43)
        #expect(try simulator.snapshot(.full).network != initial.network)
    }

    @Test func snapshotsHaveTheirSizesAndRanges() throws {
        let simulator = try NeuralNetworkSimulator(query: "hidden=4,3&residual=true")
        try simulator.step(5)
        let light = try simulator.snapshot(.light)
        #expect(light.network == nil && light.output == nil && light.history == nil)
        let full = try simulator.snapshot(.full)
        #expect(full.output?.grid.resolution == 100 && full.output?.grid.values.count == 10_000)
        #expect(full.output?.grid.values.allSatisfy { $0 >= 0 && $0 <= 1 } == true)
        #expect(full.output?.kind == "probability" && full.output?.box == NeuralNetworkSimulator.plane)
        #expect(full.neurons?.count == 7)
        #expect(full.neurons?.allSatisfy { $0.grid.values.count == 32 * 32 } == true)
        #expect(full.neurons?.filter { $0.layer == 0 }.allSatisfy { $0.grid.min >= -1 && $0.grid.max <= 1 } == true, "tanh")
        #expect(full.network?.layers.map(\.residual) == [false, false, false], "4 → 3 cannot be residual")
        #expect(full.network?.layers.first?.weights.count == 4 && full.network?.layers.first?.weights.first?.count == 2)
        #expect(full.network?.layers.last?.activation == "sigmoid")
        let total = full.confusion?.flatMap { $0 }.reduce(0, +)
        #expect(total == 250)
        let small = try simulator.snapshot(DemoSnapshotRequest(resolution: 7, neuronResolution: 3))
        #expect(small.output?.grid.values.count == 49 && small.neurons?.first?.grid.values.count == 9)
        for bad in [DemoSnapshotRequest(resolution: 1), DemoSnapshotRequest(resolution: 201), DemoSnapshotRequest(neuronResolution: 65),
                    DemoSnapshotRequest(resolution: -5)] {
            #expect(throws: DemoError.self) { try simulator.snapshot(bad) }
        }
        let json = try simulator.snapshotJSON(.full)
        let decoded = try JSONDecoder().decode(NeuralNetworkSimulator.Snapshot.self, from: json)
        #expect(decoded.epoch == 5 && decoded.output?.grid.values.count == 10_000)
        #expect(try simulator.snapshotJSON(.light).count < 200)
    }

    @Test func residualConnectionsApplyWhereWidthsMatch() throws {
        let simulator = try NeuralNetworkSimulator(query: "hidden=4,4,2&residual=true&layerActivations=relu")
        let layers = try #require(try simulator.snapshot(DemoSnapshotRequest(resolution: 2, neuronResolution: 2)).network?.layers)
        #expect(layers.map(\.residual) == [false, true, false, false])
        #expect(layers.map(\.activation) == ["relu", "tanh", "tanh", "sigmoid"])
    }

    @Test func stepCountsAreValidated() throws {
        let simulator = try NeuralNetworkSimulator(query: "")
        for count in [0, -1, 1_001, Int.max] {
            #expect(throws: DemoError.self) { try simulator.step(count) }
        }
        #expect(simulator.stepCount == 0)
    }

    @Test func divergenceStopsTrainingWithoutTrapping() throws {
        let simulator = try NeuralNetworkSimulator(query: "dataset=plane&optimizer=sgd&learningRate=10&features=x1sq,x2sq,x1x2&hidden=8,8&activation=relu")
        try simulator.step(50)
        #expect(simulator.diverged)
        let epoch = simulator.stepCount
        try simulator.step(10)
        #expect(simulator.stepCount == epoch, "no more epochs after a divergence")
        let snapshot = try simulator.snapshot(.full)
        #expect(snapshot.diverged && simulator.progress.finished)
        _ = try simulator.snapshotJSON(.full)
        simulator.reset()
        #expect(!simulator.diverged && simulator.stepCount == 0)
    }

    @Test func exportedWeightsRoundTripThroughTheEngine() throws {
        let simulator = try NeuralNetworkSimulator(query: "hidden=5,5,3&residual=true&dropout=0.1&features=x1,x2,x1x2&activation=gelu")
        try simulator.step(20)
        let data = try simulator.exportSafetensors()
        let (tensors, metadata) = try Safetensors.read(data)
        #expect(metadata["demo"] == "nn-simulator")
        #expect(metadata["features"] == "x1,x2,x1x2")
        #expect(metadata["settings"] == simulator.settings.query)
        let rebuilt = simulator.makeSequential()
        let fresh = Sequential(Linear(3, 5), GELU(), Dropout(p: 0.1), Residual(Sequential(Linear(5, 5), GELU(), Dropout(p: 0.1))),
                               Linear(5, 3), GELU(), Dropout(p: 0.1), Linear(3, 1))
        try fresh.loadStateDict(tensors)
        fresh.eval()
        rebuilt.eval()
        let points = Tensor([[1.0, -2.0, -2.0], [0.5, 3.0, 1.5]]).to(.float32)
        let a = withNoGrad { fresh(points) }.scalars(as: Float.self), b = withNoGrad { rebuilt(points) }.scalars(as: Float.self)
        #expect(a == b)
        // The loaded network gives the simulator's own output at the plane's corners.
        let corners = try #require(try simulator.snapshot(DemoSnapshotRequest(resolution: 2, neuronResolution: 2)).output?.grid.values)
        let features = Tensor([[-6.0, -6.0, 36.0], [6.0, -6.0, -36.0], [-6.0, 6.0, -36.0], [6.0, 6.0, 36.0]]).to(.float32)
        let probabilities = withNoGrad { fresh(features).sigmoid() }.scalars(as: Float.self)
        for (p, q) in zip(probabilities, corners) { #expect(Swift.abs(p - q) < 1e-3, "\(p) vs \(q)") }
        #expect(tensors.names.sorted() == rebuilt.stateDict().names.sorted())
    }

    @Test func theSwiftSnippetMentionsEveryLayer() throws {
        let simulator = try NeuralNetworkSimulator(query: "hidden=6,6,2&residual=true&layerActivations=relu,sigmoid&features=x1,sinx2&dataset=spiral&classes=3")
        let snippet = simulator.exportSwiftSnippet()
        let layers = try #require(try simulator.snapshot(.full).network?.layers)
        for layer in layers {
            #expect(snippet.contains("Linear(\(layer.inputs), \(layer.outputs))"), "Linear(\(layer.inputs), \(layer.outputs))")
        }
        #expect(snippet.components(separatedBy: "Linear(").count - 1 == layers.count)
        #expect(snippet.contains("ReLU()") && snippet.contains("Residual(Sequential(Linear(6, 6), Sigmoid()))") && snippet.contains("Tanh()"))
        #expect(snippet.contains("[x1, sin(x2)]"))
        #expect(snippet.contains("softmax"))
        #expect(snippet.contains("model.load(from:"))
    }

    @Test func theLossHistoryThinsItself() {
        var history = NeuralNetworkSimulator.LossHistory()
        for epoch in 0...2_500 { history.record(epoch: epoch, train: 1 / Double(epoch + 1), test: 2) }
        #expect(history.epochs.count <= NeuralNetworkSimulator.LossHistory.capacity && history.epochs.count > 500)
        #expect(history.stride == 4 && history.epochs.first == 0 && history.epochs == history.epochs.sorted())
        #expect(history.epochs.allSatisfy { $0 % 4 == 0 } && history.train.count == history.epochs.count)
        history.record(epoch: 2_400, train: 0, test: 0)
        #expect(history.epochs.last == 2_500, "epochs never go back")
    }

    @Test func settingsOfAnotherDemoAreRefused() throws {
        #expect(throws: DemoError.wrongDemo(expected: "nn-simulator", got: "optimizer-race")) {
            try NeuralNetworkSimulator(settings: OptimizerRace.schema.defaults)
        }
        #expect(throws: DemoError.self) { try NeuralNetworkSimulator(query: "hidden=9") }
        #expect(try DemoSettings(demo: "nn-simulator", query: "hidden=2").ints("hidden") == [2])
        #expect(throws: DemoError.unknownDemo("x", known: DemoCatalog.ids)) { try DemoSettings(demo: "x", query: "") }
        #expect(throws: DemoError.unknownParameter("colour", known: NeuralNetworkSimulator.schema.names)) {
            try NeuralNetworkSimulator(query: "").set("colour", text: "red")
        }
    }
}
