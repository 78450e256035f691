import Foundation
import Testing
import Tensors
import TestSupport
@testable import NeuralNets

@Suite("Optimizers against PyTorch trajectories")
struct OptimizerTests {
    static let optimizers: [String: @Sendable ([Tensor]) -> Optimizer] = [
        "sgd": { SGD($0, learningRate: 0.1) },
        "sgd_momentum": { SGD($0, learningRate: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01) },
        "sgd_nesterov": { SGD($0, learningRate: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true) },
        "adagrad": { AdaGrad($0, learningRate: 0.1, learningRateDecay: 0.01, weightDecay: 0.01, initialAccumulator: 0.1) },
        "rmsprop": { RMSProp($0, learningRate: 0.01, alpha: 0.9, weightDecay: 0.01) },
        "rmsprop_centered_momentum": { RMSProp($0, learningRate: 0.01, alpha: 0.9, momentum: 0.5, centered: true) },
        "adam": { Adam($0, learningRate: 0.05, beta1: 0.8, beta2: 0.95, weightDecay: 0.01) },
        "amsgrad": { AMSGrad($0, learningRate: 0.05) },
        "adamw": { AdamW($0, learningRate: 0.05, weightDecay: 0.1) },
        "lamb": { LAMB($0, learningRate: 0.05, weightDecay: 0.01) },
        "lion": { Lion($0, learningRate: 0.01, weightDecay: 0.1) },
    ]

    /// 20 steps on the fixture's problem: mean((tanh(x·w + b) − y)²).
    @Test(arguments: optimizers.keys.sorted())
    func trajectoryMatchesPyTorch(_ name: String) {
        let problem = torchCase("optimizer_problem"), expected = torchCase("optimizer_\(name)")
        for dtype in [DType.float64, .float32] {
            let w = problem["w0"].to(dtype).clone().requiringGrad(), b = problem["b0"].to(dtype).clone().requiringGrad()
            let x = problem["x"].to(dtype), y = problem["y"].to(dtype)
            let optimizer = Self.optimizers[name]!([w, b])
            let tolerance = dtype == .float64 ? 1e-9 : 2e-4
            for step in 0..<20 {
                optimizer.zeroGrad()
                let residual = (x.matmul(w) + b).tanh() - y
                (residual * residual).mean().backward()
                optimizer.step()
                expectValues(w, like: expected["w"][step], tolerance: tolerance)
                expectValues(b, like: expected["b"][step], tolerance: tolerance)
            }
        }
    }

    @Test func parametersWithoutGradientsAreLeftAlone() {
        let used = Tensor([1.0]).requiringGrad(), unused = Tensor([2.0]).requiringGrad()
        let optimizer = Adam([used, unused], learningRate: 0.1)
        (used * 3).sum().backward()
        optimizer.step()
        #expect(used.item() != 1 && unused.item() == 2)
        #expect(optimizer.states.count == 1)
    }

    @Test func groupsHaveTheirOwnLearningRates() {
        let a = Tensor([1.0]).requiringGrad(), b = Tensor([1.0]).requiringGrad()
        let optimizer = SGD([], learningRate: 0)
        optimizer.groups = [ParameterGroup([a], learningRate: 0.1), ParameterGroup([b], learningRate: 0.5)]
        (a + b).sum().backward()
        optimizer.step()
        expectValues(a, [0.9])
        expectValues(b, [0.5])
        optimizer.learningRate = 0.2
        #expect(optimizer.groups.allSatisfy { $0.learningRate == 0.2 })
    }
}

@Suite("Schedules against PyTorch")
struct ScheduleTests {
    static let schedules: [String: LearningRateSchedule] = [
        "step": Schedules.step(initial: 0.1, stepSize: 7, gamma: 0.5),
        "multistep": Schedules.multiStep(initial: 0.1, milestones: [5, 12, 30], gamma: 0.3),
        "exponential": Schedules.exponential(initial: 0.1, gamma: 0.93),
        "polynomial": Schedules.polynomial(initial: 0.1, totalSteps: 25, power: 2),
        "cosine": Schedules.cosineAnnealing(initial: 0.1, period: 15, minimum: 0.01),
        "cosine_restarts": Schedules.cosineWithRestarts(initial: 0.1, firstPeriod: 5, periodFactor: 2, minimum: 0.001),
        "warmup_cosine": Schedules.warmup(steps: 5, startFactor: 0.1, then: Schedules.cosineAnnealing(initial: 0.1, period: 30)),
        "one_cycle": Schedules.oneCycle(maximum: 0.5, totalSteps: 41),
        "one_cycle_linear": Schedules.oneCycle(maximum: 0.5, totalSteps: 41, warmupFraction: 0.25, divFactor: 10,
                                               finalDivFactor: 100, annealing: .linear),
    ]

    @Test(arguments: schedules.keys.sorted())
    func scheduleMatchesPyTorch(_ name: String) {
        let expected = torchCase("schedule_\(name)")["lr"].scalars(as: Double.self)
        let schedule = Self.schedules[name]!
        for (step, value) in expected.enumerated() {
            #expect(Swift.abs(schedule(step) - value) <= 1e-9 * Swift.max(1, Swift.abs(value)),
                    "\(name) at step \(step): \(schedule(step)), PyTorch \(value)")
        }
    }

    @Test func theRangeTestRecordsARisingRateAndStopsWhenTheLossExplodes() {
        Tensor.manualSeed(5)
        let x = Tensor.randn([64, 2]), y = (x.sum(axis: 1, keepDims: true) .> 0).to(.float32)
        let model = Sequential(Linear(2, 8), Tanh(), Linear(8, 1))
        let optimizer = SGD(model.parameters(), learningRate: 0)
        let result = LearningRateFinder.run(optimizer: optimizer, from: 1e-4, to: 1e3, steps: 60) {
            Tensor.binaryCrossEntropyWithLogits(model(x), y)
        }
        let rates = result.curve.map(\.learningRate)
        #expect(rates.count >= 10 && zip(rates, rates.dropFirst()).allSatisfy { $0 < $1 })
        #expect(rates.count < 60, "the loss should diverge before lr = 1000")
        #expect(result.steepestDescent.map { $0 > 1e-4 && $0 < 1e3 } ?? false)
    }
}

@Suite("Safetensors")
struct SafetensorsTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func aFileWrittenByPyTorchLoadsWithExactValues() throws {
        let (tensors, metadata) = try Safetensors.load(from: fixtures.appendingPathComponent("torch_written.safetensors"))
        #expect(metadata == ["written_by": "torch"])
        let expected = torchCase("safetensors_contents")
        #expect(tensors.count == expected.arrays.count)
        for (name, tensor) in tensors.entries {
            let reference = expected[name.replacingOccurrences(of: ".", with: "_")]
            #expect(tensor.shape == reference.shape, "\(name)")
            expectValues(tensor, like: reference, tolerance: 0)
        }
        #expect(tensors["0.weight"]?.dtype == .float32 && tensors["extra.float64"]?.dtype == .float64)
        #expect(tensors["extra.int64"]?.scalars(as: Int.self) == [-3, 0, 1 << 40])
        #expect(tensors["extra.bool"]?.dtype == .bool)
        // The same structure here loads PyTorch's weights by name.
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        try model.loadStateDict(tensors, strict: false)
        expectValues(model.layers[0].namedParameters()[0].tensor, like: tensors["0.weight"]!, tolerance: 0)
    }

    @Test func savingAndLoadingRoundTrips() throws {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2, dtype: .float32))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url, metadata: ["lesson": "mlp"])
        let copy = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        try copy.load(from: url)
        for (a, b) in zip(model.parameters(), copy.parameters()) { expectValues(b, like: a, tolerance: 0) }
        let raw = try Data(contentsOf: url)
        let headerLength = Int(raw.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        #expect((8 + headerLength) % 8 == 0, "data starts on an 8-byte boundary")
        let mixed = StateDict([("i", Tensor([1, 2, 3])), ("b", Tensor([true, false])), ("d", Tensor([0.25]))])
        let back = try Safetensors.read(Safetensors.data(mixed)).tensors
        #expect(back["i"]?.scalars(as: Int.self) == [1, 2, 3] && back["b"]?.scalars(as: Bool.self) == [true, false])
        #expect(back["d"]?.dtype == .float64)
    }

    @Test func damagedFilesGiveTypedErrors() throws {
        let good = try Safetensors.data(StateDict([("w", Tensor([1, 2, 3] as [Float]))]))
        #expect(throws: SafetensorsError.self) { try Safetensors.read(good.prefix(5)) }
        #expect(throws: SafetensorsError.self) { try Safetensors.read(good.dropLast(4)) }
        var hugeHeader = good
        hugeHeader.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(throws: SafetensorsError.headerTooLarge(bytes: 1 << 56, limit: Safetensors.defaultHeaderLimit)) {
            try Safetensors.read(hugeHeader)
        }
        func file(_ header: String, payload: Int = 0) -> Data {
            var d = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { d.append(contentsOf: $0) }
            d.append(contentsOf: header.utf8)
            d.append(contentsOf: [UInt8](repeating: 0, count: payload))
            return d
        }
        #expect(throws: SafetensorsError.malformedHeader("not a JSON object")) { try Safetensors.read(file("[1, 2]")) }
        #expect(throws: SafetensorsError.unsupportedDType(name: "w", dtype: "C64")) {
            try Safetensors.read(file(#"{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, payload: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.read(file(#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}"#, payload: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.read(file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, payload: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.read(file(#"{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, payload: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.read(file(#"{"w":{"dtype":"F32","shape":[1000000000000],"data_offsets":[0,8]}}"#, payload: 8))
        }
        #expect(throws: SafetensorsError.self) { try Safetensors.load(from: URL(fileURLWithPath: "/nonexistent.safetensors")) }
    }
}

@Suite("Initialisers")
struct InitTests {
    @Test func gainsMatchPyTorch() {
        let expected = torchCase("init_gains")["gains"].scalars(as: Double.self)
        let ours = [Init.gain(.linear), Init.gain(.sigmoid), Init.gain(.tanh), Init.gain(.relu), Init.gain(.selu),
                    Init.gain(.leakyRelu(negativeSlope: 0.2))]
        for (a, b) in zip(ours, expected) { #expect(Swift.abs(a - b) < 1e-12) }
    }

    @Test func fansOfDenseAndConvolutionWeights() {
        #expect(Init.fans([30, 20]) == (20, 30))
        #expect(Init.fans([16, 3, 5, 5]) == (75, 400))
    }

    @Test func distributionsHaveTheirPublishedSpread() {
        Tensor.manualSeed(11)
        let w = Tensor.zeros([200, 300])
        Init.xavierUniform(w)
        let xavierBound = (6.0 / 500).squareRoot()
        #expect(w.abs().max().item() <= xavierBound)
        #expect(Swift.abs(w.std().item() - xavierBound / 3.0.squareRoot()) < 0.01 * xavierBound)
        Init.xavierNormal(w, gain: 2)
        #expect(Swift.abs(w.std().item() - 2 * (2.0 / 500).squareRoot()) < 0.02 * 2 * (2.0 / 500).squareRoot())
        Init.kaimingNormal(w, nonlinearity: .relu)
        #expect(Swift.abs(w.std().item() - (2.0 / 300).squareRoot()) < 0.02 * (2.0 / 300).squareRoot())
        Init.kaimingUniform(w, mode: .fanOut, nonlinearity: .relu)
        let kaimingBound = 3.0.squareRoot() * (2.0 / 200).squareRoot()
        #expect(w.abs().max().item() <= kaimingBound && w.abs().max().item() > 0.95 * kaimingBound)
        Init.constant(w, 0.5)
        #expect(w.min().item() == 0.5 && w.max().item() == 0.5)
    }

    @Test func orthogonalRowsOrColumnsAreOrthonormal() {
        Tensor.manualSeed(12)
        let wide = Init.orthogonal(Tensor.zeros([3, 5], dtype: .float64))
        expectValues(wide.matmul(wide.T), like: Tensor.eye(3, dtype: .float64), tolerance: 1e-12)
        let tall = Init.orthogonal(Tensor.zeros([6, 2, 2], dtype: .float64), gain: 2)
        let flat = tall.reshaped([6, 4])
        expectValues(flat.T.matmul(flat), like: 4 * Tensor.eye(4, dtype: .float64), tolerance: 1e-12)
    }

    @Test func lsuvBringsEachLayersOutputVarianceToOne() {
        Tensor.manualSeed(13)
        let model = Sequential(Linear(20, 50), Tanh(), Linear(50, 50), ReLU(), Linear(50, 10))
        let batch = Tensor.randn([256, 20]) * 5
        Init.lsuv(model, batch: batch, tolerance: 0.05)
        var x = batch
        for layer in model.layers {
            x = withNoGrad { layer(x) }
            if layer is Linear { #expect(Swift.abs(x.variance().item() - 1) <= 0.05, "\(layer)") }
        }
    }
}
