import Foundation
import Testing
@testable import Demos

@Suite("Simulator data, features and uploads")
struct SimulatorDataTests {
    @Test(arguments: [
        ("circle", 2, NeuralNetworkSimulator.Task.classification),
        ("xor", 2, .classification), ("gaussians", 2, .classification), ("spiral", 2, .classification),
        ("moons", 2, .classification), ("plane", 0, .regression), ("gaussian-mixture", 0, .regression),
    ])
    func eachDataSetHasItsShapeAndClasses(_ name: String, _ classes: Int, _ task: NeuralNetworkSimulator.Task) throws {
        let simulator = try NeuralNetworkSimulator(query: "dataset=\(name)&points=200&trainRatio=30")
        let scene = try simulator.scene()
        #expect(scene.dataset == name)
        #expect(scene.task == task)
        #expect(scene.classes == classes)
        #expect(scene.train.x1.count == 60 && scene.train.x2.count == 60 && scene.train.target.count == 60)
        #expect(scene.test.x1.count == 140)
        let all = scene.train.x1 + scene.train.x2 + scene.test.x1 + scene.test.x2
        #expect(all.allSatisfy { $0.isFinite && Swift.abs($0) < 6 }, "points lie in the plane")
        if task == .classification {
            #expect(Set(scene.train.target + scene.test.target) == Set((0..<classes).map(Float.init)))
        } else {
            #expect(Set(scene.train.target).count > 50, "regression targets vary")
        }
    }

    @Test(arguments: ["spiral", "gaussians"])
    func multiclassDataSetsTakeThreeToFiveClasses(_ name: String) throws {
        for classes in 3...5 {
            let simulator = try NeuralNetworkSimulator(query: "dataset=\(name)&classes=\(classes)")
            let scene = try simulator.scene()
            #expect(scene.classes == classes)
            #expect(Set(scene.train.target + scene.test.target).count == classes)
            let snapshot = try simulator.snapshot(DemoSnapshotRequest(resolution: 10, neuronResolution: 4))
            #expect(snapshot.network?.layers.last?.outputs == classes)
            #expect(snapshot.output?.kind == "class")
            #expect(snapshot.output?.classIndex?.count == 100)
            #expect(snapshot.output?.classIndex?.allSatisfy { Int($0) < classes } == true)
            #expect(snapshot.confusion?.count == classes)
        }
        // The others ignore `classes`.
        #expect(try NeuralNetworkSimulator(query: "dataset=moons&classes=4").scene().classes == 2)
    }

    @Test func noiseAndSeedChangeThePoints() throws {
        let clean = try NeuralNetworkSimulator(query: "dataset=circle").scene()
        let noisy = try NeuralNetworkSimulator(query: "dataset=circle&noise=0.5").scene()
        let reseeded = try NeuralNetworkSimulator(query: "dataset=circle&seed=7").scene()
        let again = try NeuralNetworkSimulator(query: "dataset=circle").scene()
        #expect(clean == again)
        #expect(clean.train.x1 != noisy.train.x1)
        #expect(clean.train.x1 != reseeded.train.x1)
        // Clean circles: radii 5 (outer, class 0) and 2.5 (inner, class 1).
        for (x, y, label) in zip(zip(clean.train.x1, clean.train.x2), clean.train.target).map({ ($0.0, $0.1, $1) }) {
            #expect(Swift.abs((x * x + y * y).squareRoot() - (label == 0 ? 5 : 2.5)) < 1e-3)
        }
    }

    @Test func featuresAreComputedFromTheCoordinates() {
        let xy: [Double] = [1.5, -2, 0.25, 3]
        let m = InputFeature.matrix(InputFeature.allCases, xy: xy)
        #expect(m.count == 14)
        let expected: [Double] = [1.5, -2, 2.25, 4, -3, sin(1.5), sin(-2)]
        for (a, b) in zip(m.prefix(7), expected) { #expect(Swift.abs(Double(a) - b) < 1e-6) }
        #expect(Swift.abs(Double(m[13]) - sin(3)) < 1e-6)
    }

    @Test func featureChoiceSetsTheInputWidth() throws {
        let simulator = try NeuralNetworkSimulator(query: "features=x1x2,sinx2,x1sq")
        let snapshot = try simulator.snapshot(DemoSnapshotRequest(resolution: 4, neuronResolution: 2))
        #expect(snapshot.network?.features == ["x1sq", "x1x2", "sinx2"])
        #expect(snapshot.network?.layers.first?.inputs == 3)
    }

    // MARK: uploads

    static func csv(_ rows: [String], header: String? = "x1,x2,label") -> String {
        ((header.map { [$0] } ?? []) + rows).joined(separator: "\n")
    }

    static let goodRows = (0..<20).map { "\(Double($0) * 0.5),\(Double($0 % 7) - 3),\($0 % 3)" }

    @Test func aGoodUploadTrains() throws {
        let simulator = try NeuralNetworkSimulator(query: "trainRatio=50")
        let summary = try simulator.loadCSV(Self.csv(Self.goodRows))
        #expect(summary == .init(rows: 20, task: .classification, classes: 3, header: ["x1", "x2", "label"]))
        let scene = try simulator.scene()
        #expect(scene.dataset == "custom" && scene.classes == 3)
        #expect(scene.train.x1.count == 10 && scene.test.x1.count == 10)
        let coordinates = scene.train.x1 + scene.test.x1
        #expect(Swift.abs((coordinates.min() ?? 0) + 5) < 1e-4 && Swift.abs((coordinates.max() ?? 0) - 5) < 1e-4, "mapped into [−5, 5]")
        #expect(scene.transform?.center == [4.75, 0])
        try simulator.step(20)
        #expect(simulator.stepCount == 20)
        // Changing a generated data set's parameter switches back to generated data.
        try simulator.set("trainRatio", to: 30)
        #expect(try simulator.scene().dataset == "custom")
        try simulator.set("noise", to: 0.1)
        #expect(try simulator.scene().dataset == "circle")
    }

    @Test func headerlessAndRegressionUploads() throws {
        let simulator = try NeuralNetworkSimulator(query: "")
        let headerless = try simulator.loadCSV("\u{FEFF}" + Self.csv(Self.goodRows, header: nil).replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n")
        #expect(headerless.task == .classification && headerless.header == nil)
        let values = (0..<15).map { "\($0),\(-$0),\(Double($0) * 0.37)" }
        let regression = try simulator.loadCSV(Self.csv(values, header: "x1,x2,y"))
        #expect(regression.task == .regression && regression.classes == 0)
        #expect(try simulator.snapshot(.full).output?.kind == "value")
        // Integer targets read as classes unless the header or the caller says otherwise.
        let integers = (0..<15).map { "\($0),\($0 % 4),\($0 % 2)" }
        #expect(try simulator.loadCSV(Self.csv(integers, header: "a,b,y")).task == .regression)
        #expect(try simulator.loadCSV(Self.csv(integers, header: nil), task: .regression).task == .regression)
        #expect(try simulator.loadCSV(Self.csv(integers, header: nil)).task == .classification)
    }

    static func uploadError(_ text: String, task: NeuralNetworkSimulator.Task? = nil) -> DemoError? {
        do {
            _ = try NeuralNetworkSimulator(query: "").loadCSV(text, task: task)
            return nil
        } catch {
            return error
        }
    }

    @Test func badUploadsNameTheLine() {
        var rows = Self.goodRows
        rows[4] = "1,2"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 6, reason: "expected 3 values (x1, x2, label or y), got 2"))
        rows = Self.goodRows
        rows[2] = "1,two,0"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 4, reason: "x2 (column 2) is not a number: 'two'"))
        rows = Self.goodRows
        rows[0] = "nan,1,0"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 2, reason: "x1 (column 1) is not finite: 'nan'"))
        rows = Self.goodRows
        rows[1] = "1,-inf,0"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 3, reason: "x2 (column 2) is not finite: '-inf'"))
        rows = Self.goodRows
        rows[3] = "1,1,7"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 5, reason: "label 7 is outside 0…4"))
        rows = Self.goodRows
        rows[3] = "1,1,1.5"
        #expect(Self.uploadError(Self.csv(rows), task: .classification) == .invalidCSV(line: 5, reason: "label 1.5 is not an integer (classes are 0 to 4)"))
        rows = Self.goodRows
        rows[3] = "1,1,"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 5, reason: "the label or y (column 3) is empty"))
        rows = Self.goodRows
        rows[3] = "1e9,1,1"
        #expect(Self.uploadError(Self.csv(rows)) == .invalidCSV(line: 5, reason: "x1 (column 1) is 1e9, outside ±1000000"))
        rows = Self.goodRows
        rows[8] = "x1,x2,label"
        #expect(Self.uploadError(Self.csv(rows))?.description.hasPrefix("CSV line 10:") == true)
    }

    @Test func badUploadsAsAWhole() {
        #expect(Self.uploadError("") == .invalidCSV(line: nil, reason: "0 data rows; at least 10 are needed to train and test"))
        #expect(Self.uploadError(Self.csv(Array(Self.goodRows.prefix(9)))) == .invalidCSV(line: nil, reason: "9 data rows; at least 10 are needed to train and test"))
        let oneClass = (0..<12).map { "\($0),1,2" }
        #expect(Self.uploadError(Self.csv(oneClass)) == .invalidCSV(line: nil, reason: "every row has label 2; a classifier needs at least two classes"))
        let tooMany = (0..<2_001).map { "\($0 % 10),1,\($0 % 2)" }
        #expect(Self.uploadError(Self.csv(tooMany)) == .invalidCSV(line: nil, reason: "more than 2000 rows"))
        let huge = String(repeating: "1,1,1\n", count: 11_000)
        #expect(Self.uploadError(huge) == .invalidCSV(line: nil, reason: "the file has 66000 bytes; the limit is 65536 (64 KiB)"))
        #expect(Self.uploadError("\u{0}\u{1},\u{2},\u{3}\n" + Self.csv(Self.goodRows)) != nil)
        // A failed upload leaves the simulator as it was.
        let simulator = try? NeuralNetworkSimulator(query: "dataset=moons")
        _ = try? simulator?.loadCSV("1,2,3")
        #expect((try? simulator?.scene().dataset) == "moons")
    }
}
