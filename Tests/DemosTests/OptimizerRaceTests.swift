import Foundation
import Tensors
import Testing
@testable import Demos

@Suite("Optimizer race")
struct OptimizerRaceTests {
    @Test(arguments: Surface.allCases)
    func gradientsMatchFiniteDifferences(_ surface: Surface) {
        var g = RandomGenerator(seed: 7)
        let box = surface.box
        for _ in 0..<50 {
            let x = Double.random(in: box.xMin...box.xMax, using: &g), y = Double.random(in: box.yMin...box.yMax, using: &g)
            let condition = Double.random(in: 1...100, using: &g), h = 1e-6
            let (gx, gy) = surface.gradient(x, y, condition: condition)
            let nx = (surface.value(x + h, y, condition: condition) - surface.value(x - h, y, condition: condition)) / (2 * h)
            let ny = (surface.value(x, y + h, condition: condition) - surface.value(x, y - h, condition: condition)) / (2 * h)
            #expect(Swift.abs(gx - nx) <= 1e-4 * (1 + Swift.abs(nx)), "\(surface) ∂x at (\(x), \(y)): \(gx) vs \(nx)")
            #expect(Swift.abs(gy - ny) <= 1e-4 * (1 + Swift.abs(ny)), "\(surface) ∂y at (\(x), \(y)): \(gy) vs \(ny)")
        }
        for minimum in surface.minima {
            let (gx, gy) = surface.gradient(minimum.x, minimum.y, condition: 10)
            #expect(Swift.abs(gx) < 1e-12 && Swift.abs(gy) < 1e-12, "\(surface) is flat at its minimum")
        }
    }

    @Test func everyOptimizerDescendsTheBowl() throws {
        let race = try OptimizerRace(query: "maxSteps=200")
        try race.step(200)
        let snapshot = try race.snapshot(.full)
        #expect(snapshot.racers.count == 7 && snapshot.finished)
        for racer in snapshot.racers {
            let losses = try #require(racer.path?.loss)
            #expect(racer.status == "finished", "\(racer.id): \(racer.status) \(racer.reason ?? "")")
            #expect(losses.count == 201)
            #expect(losses.last! < losses.first! * 0.01, "\(racer.id) goes from \(losses.first!) to \(losses.last!)")
            #expect(losses.suffix(20).max()! < losses.prefix(20).min()!, "\(racer.id) keeps going down")
        }
    }

    @Test func momentumBeatsSGDOnAnIllConditionedBowl() throws {
        let race = try OptimizerRace(preset: "ill-conditioned-bowl")
        try race.step(200)
        let racers = try race.snapshot(.light).racers
        let sgd = try #require(racers.first { $0.id == "sgd" }), momentum = try #require(racers.first { $0.id == "momentum" })
        #expect(sgd.status == "running" && momentum.status == "running")
        #expect(momentum.loss < sgd.loss / 100, "momentum \(momentum.loss) vs SGD \(sgd.loss)")
    }

    @Test func pathsAreDeterministic() throws {
        for query in ["surface=noisy-bowl&noise=3&seed=5", "surface=beale&startX=1&startY=1.5", "surface=saddle&startX=1&startY=0.001"] {
            let a = try OptimizerRace(query: query), b = try OptimizerRace(query: query)
            try a.step(150)
            try b.step(100)
            try b.step(50)
            #expect(try a.snapshot(.full) == b.snapshot(.full), "\(query)")
            let first = try a.snapshot(.full)
            a.reset()
            try a.step(150)
            #expect(try a.snapshot(.full) == first, "reset replays the same race")
        }
        let other = try OptimizerRace(query: "surface=noisy-bowl&noise=3&seed=6")
        try other.step(150)
        let reference = try OptimizerRace(query: "surface=noisy-bowl&noise=3&seed=5")
        try reference.step(150)
        #expect(try other.snapshot(.full) != reference.snapshot(.full), "another seed, other noise")
    }

    @Test func divergingRacersStopWithoutTrapping() throws {
        let race = try OptimizerRace(query: "condition=100&sgd.lr=1&racers=sgd,adam&maxSteps=1000")
        try race.step(1_000)
        let snapshot = try race.snapshot(.full)
        let sgd = try #require(snapshot.racers.first { $0.id == "sgd" })
        #expect(sgd.status == "diverged" && sgd.stoppedAt != nil && sgd.reason != nil)
        #expect((sgd.path?.x.count ?? 0) < 100, "it stopped early")
        #expect(snapshot.racers.first { $0.id == "adam" }?.status == "finished")
        let json = try race.snapshotJSON(.full)
        #expect(try JSONDecoder().decode(OptimizerRace.Snapshot.self, from: json) == snapshot)
        // Beale from a corner with a huge step overflows; still no trap.
        let wild = try OptimizerRace(query: "surface=beale&startX=4.5&startY=4.5&sgd.lr=10&momentum.lr=10&nesterov.lr=10&adam.lr=10")
        try wild.step(500)
        #expect(try wild.snapshot(.full).racers.contains { $0.status == "diverged" })
        _ = try wild.snapshotJSON(.full)
    }

    @Test func snapshotsAndScenes() throws {
        let race = try OptimizerRace(query: "surface=rosenbrock&startX=-1.5&startY=2&racers=adam,rmsprop")
        try race.step(10)
        let light = try race.snapshot(.light)
        #expect(light.racers.allSatisfy { $0.path == nil })
        let since = try race.snapshot(DemoSnapshotRequest(since: 7))
        #expect(since.racers.allSatisfy { $0.path?.from == 8 && $0.path?.x.count == 3 })
        let scene = try race.scene(DemoSceneRequest(resolution: 50))
        #expect(scene.grid.values.count == 2_500 && scene.logScale && scene.minima == [OptimizerRace.Point(x: 1, y: 1)])
        #expect(scene.grid.min >= 0 && scene.grid.max > 1_000)
        #expect(scene.start == OptimizerRace.Point(x: -1.5, y: 2))
        #expect(throws: DemoError.self) { try race.scene(DemoSceneRequest(resolution: 1)) }
        #expect(throws: DemoError.self) { try race.scene(DemoSceneRequest(resolution: 1_000)) }
        #expect(throws: DemoError.self) { try race.snapshot(DemoSnapshotRequest(since: -3)) }
        #expect(throws: DemoError.self) { try race.step(0) }
        #expect(race.progress.metrics.map(\.name) == ["rmsprop.loss", "adam.loss"])
    }

    @Test func theStartMustLieInTheBox() throws {
        #expect(throws: DemoError.invalidValue(parameter: "startX", expected: "in -2...2 on the quadratic bowl", got: "3")) {
            try OptimizerRace(query: "startX=3")
        }
        let race = try OptimizerRace(query: "surface=beale&startX=4&startY=-4")
        // Switching to a smaller surface moves an outside start to that surface's default.
        try race.set("surface", text: "bowl")
        #expect(race.settings.double("startX") == -1.8 && race.settings.double("startY") == 1.2)
        #expect(throws: DemoError.self) { try race.set("startY", to: 2.5) }
        #expect(race.settings.double("startY") == 1.2)
        try race.step(5)
        try race.set("adam.lr", to: 0.2)
        #expect(race.stepCount == 0, "a change restarts the race")
    }

    @Test func nesterovWithoutMomentumIsSGD() throws {
        let race = try OptimizerRace(query: "nesterov.momentum=0&racers=sgd,nesterov&nesterov.lr=0.05")
        try race.step(50)
        let racers = try race.snapshot(.full).racers
        #expect(racers[0].path == racers[1].path)
    }
}
