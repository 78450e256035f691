import Charts
import Foundation
import Testing

/// The invalid-input policy (see `ChartError`): structural mistakes throw a typed error,
/// unplaceable values are skipped, and nothing-to-draw renders a "No data" message.
@Suite("ChartInvalidInput")
struct ChartInvalidInputTests {
    // MARK: Structural mistakes throw

    @Test func mismatchedLengthsThrow() {
        #expect(throws: ChartError.lengthMismatch(what: "series \"a\" y (one per x)", expected: 3, got: 2)) {
            try LineChart(title: "t", series: [.init(name: "a", x: [1, 2, 3], y: [1, 2])]).render()
        }
        #expect(throws: ChartError.lengthMismatch(what: "classes (one per point)", expected: 2, got: 1)) {
            try ScatterChart(title: "t", x: [1, 2], y: [1, 2], classes: [0]).render()
        }
        #expect(throws: ChartError.self) { try ScatterChart(title: "t", x: [1, 2], y: [1]).render() }
        #expect(throws: ChartError.self) { try ScatterChart(title: "t", x: [1], y: [1], sizes: []).render() }
        #expect(throws: ChartError.self) {
            try BarChart(title: "t", categories: ["a", "b"], values: [1]).render()
        }
        #expect(throws: ChartError.self) {
            try ROCChart(curves: [ClassifierScores(name: "m", scores: [0.1, 0.2], labels: [true])]).render()
        }
        #expect(throws: ChartError.self) {
            try ImageGrid(title: "t", images: [[1, 2, 3]], width: 2, height: 2).render()
        }
        #expect(throws: ChartError.self) {
            try ImageGrid(title: "t", images: [[1, 2, 3, 4]], width: 2, height: 2, labels: ["a", "b"]).render()
        }
    }

    @Test func raggedAndMisshapenGridsThrow() {
        #expect(throws: ChartError.raggedRows(what: "values", row: 1, expected: 2, got: 1)) {
            try Heatmap(title: "t", values: [[1, 2], [3]]).render()
        }
        #expect(throws: ChartError.self) { try Heatmap(title: "t", values: [[1, 2]], rowLabels: ["a", "b"]).render() }
        #expect(throws: ChartError.self) { try ConfusionMatrixChart(title: "t", counts: [[1, 2], [3, 4], [5, 6]]).render() }
        #expect(throws: ChartError.self) { try ConfusionMatrixChart(title: "t", counts: [[1, -2], [3, 4]]).render() }
        #expect(throws: ChartError.self) {
            try ContourChart(title: "t", x: [0, 1, 2], y: [0, 1], values: [[0, 1], [1, 2]]).render()
        }
        #expect(throws: ChartError.self) {
            try ContourChart(title: "t", x: [0, 2, 1], y: [0, 1], values: [[0, 1, 2], [1, 2, 3]]).render()
        }
        #expect(throws: ChartError.self) {
            try DecisionSurfaceChart(title: "t", gridX: [0, 1], gridY: [0, 1], surface: .classes([[0, -1], [0, 1]])).render()
        }
        #expect(throws: ChartError.self) {
            try VectorFieldChart(title: "t", x: [0, 1], y: [0, 1], u: [[1, 1], [1, 1]], v: [[1, 1]]).render()
        }
        #expect(throws: ChartError.self) {
            try GridWorldChart(title: "t", values: [[1, 2], [3, 4]], policy: [[.up]]).render()
        }
        #expect(throws: ChartError.indexOutOfRange(what: "cell row", index: 5, validRange: 0..<2)) {
            try GridWorldChart(title: "t", values: [[1, 2], [3, 4]], walls: [.init(row: 5, column: 0)]).render()
        }
    }

    @Test func structuralErrorsInTreesAndNetworksThrow() {
        #expect(throws: ChartError.self) {  // n − 1 merges needed
            try Dendrogram(title: "t", labels: ["a", "b", "c"], merges: [.init(left: 0, right: 1, distance: 1)]).render()
        }
        #expect(throws: ChartError.self) {  // node 3 does not exist yet at merge 0
            try Dendrogram(title: "t", labels: ["a", "b", "c"],
                           merges: [.init(left: 0, right: 3, distance: 1), .init(left: 2, right: 1, distance: 2)]).render()
        }
        #expect(throws: ChartError.self) {  // leaf 0 merged twice
            try Dendrogram(title: "t", labels: ["a", "b", "c"],
                           merges: [.init(left: 0, right: 1, distance: 1), .init(left: 0, right: 2, distance: 2)]).render()
        }
        #expect(throws: ChartError.self) {
            try Dendrogram(title: "t", labels: ["a", "b"], merges: [.init(left: 0, right: 1, distance: .nan)]).render()
        }
        #expect(throws: ChartError.self) {  // weights must be [out, in] = [1, 2]
            try NetworkDiagram(title: "t", layerSizes: [2, 1], weights: [[[1], [2]]]).render()
        }
        #expect(throws: ChartError.self) { try NetworkDiagram(title: "t", layerSizes: [2, 0]).render() }
    }

    @Test func badParametersThrow() {
        #expect(throws: ChartError.self) { try HistogramChart(title: "t", values: [1, 2], binning: .count(0)).render() }
        #expect(throws: ChartError.self) {
            try DensityChart(title: "t", series: [.init(name: "a", values: [1, 2])], bandwidth: -1).render()
        }
        #expect(throws: ChartError.self) {
            try LineChart(title: "t", series: [.init(name: "a", y: [1, 2])], yScale: .log, yDomain: -1...10).render()
        }
        #expect(throws: ChartError.self) {
            try DecisionSurfaceChart(title: "t", gridX: [0, 1], gridY: [0, 1],
                                     surface: .probability([[0, 1], [1, 0]], threshold: 1.5)).render()
        }
        #expect(throws: ChartError.invalidSize(width: 10, height: 400)) {
            try LineChart(title: "t", series: []).render(theme: .light, size: ChartSize(width: 10, height: 400))
        }
        #expect(throws: ChartError.self) {
            try LineChart(title: "t", series: []).render(theme: .light, size: ChartSize(width: .nan, height: 400))
        }
    }

    @Test func errorsDescribeWhatWasExpected() {
        let error = ChartError.lengthMismatch(what: "y (one per x)", expected: 3, got: 2)
        #expect(error.description == "y (one per x): expected 3 values, got 2")
        #expect(ChartError.raggedRows(what: "values", row: 2, expected: 4, got: 3).description
                == "values: row 2 has 3 values, expected 4 like row 0")
    }

    // MARK: Unplaceable values are skipped

    @Test func nonFinitePointsAreSkippedAndBreakTheLine() throws {
        let svg = try LineChart(title: "Gaps", series: [
            .init(name: "a", x: [0, 1, 2, 3, 4], y: [1, 2, .nan, 4, 5]),
            .init(name: "b", x: [0, .infinity, 2], y: [3, 3, -.infinity]),
        ]).render()
        #expect(!svg.contains("NaN") && !svg.contains("inf"))
        // The data line comes first, then the legend's swatch.
        let linePaths = svg.components(separatedBy: "class=\"line s0\"")
        #expect(linePaths.count == 3)
        // The first series is drawn as two pieces: two moves in its path.
        let path = linePaths[1].components(separatedBy: "d=\"")[1].prefix { $0 != "\"" }
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test func nonPositiveValuesAreSkippedOnLogAxes() throws {
        let svg = try LineChart(title: "Log", series: [.init(name: "a", x: [1, 2, 3, 4], y: [-1, 0, 10, 100])],
                                yScale: .log).render()
        #expect(svg.contains("class=\"line s0\""))
        #expect(!svg.contains("No data"))
    }

    @Test("Every kind skips NaN and infinity without drawing them", arguments: DirtyCharts.names)
    func dirtyDataRendersWithoutNonFiniteNumbers(name: String) throws {
        let svg = try DirtyCharts.chart(named: name).render()
        #expect(!svg.contains("NaN"))
        #expect(!svg.contains("inf"))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }

    // MARK: Nothing to draw renders a message

    @Test("Every kind renders \"No data\" when nothing is left", arguments: EmptyCharts.names)
    func emptyInputRendersNoData(name: String) throws {
        let svg = try EmptyCharts.chart(named: name).render()
        #expect(svg.contains(">No data</text>"))
    }
}

/// One chart of each kind whose data holds NaN and infinities among valid values.
enum DirtyCharts {
    static let n = Double.nan, i = Double.infinity
    static let all: [(String, any Chart)] = [
        ("line", LineChart(title: "t", series: [.init(name: "a", x: [0, 1, n, 3], y: [1, i, 2, 3])], xScale: .log)),
        ("scatter", ScatterChart(title: "t", x: [1, n, 3, 4], y: [1, 2, -i, 4], classes: [0, 1, 1, 0], sizes: [1, 2, 3, n])),
        ("histogram", HistogramChart(title: "t", values: [1, 2, n, i, 3, 2], showsDensityCurve: true)),
        ("density", DensityChart(title: "t", series: [.init(name: "a", values: [1, n, 2, -i, 2.5])])),
        ("bar", BarChart(title: "t", categories: ["a", "b", "c"], values: [1, n, i], showsValues: true)),
        ("box", BoxPlot(title: "t", groups: [.init(name: "a", values: [1, 2, n, 3, i]), .init(name: "b", values: [n])])),
        ("heatmap", Heatmap(title: "t", values: [[1, n], [i, 4]])),
        ("contour", ContourChart(title: "t", x: [0, 1, 2], y: [0, 1, 2], values: [[0, 1, 2], [1, n, 3], [2, 3, i]],
                                 points: LabeledPoints(x: [0.5, n], y: [0.5, 1]), trajectories: [Trajectory(name: "p", x: [0, n, 2], y: [0, 1, 2])])),
        ("contour-lines", ContourChart(title: "t", x: [0, 1, 2], y: [0, 1, 2], values: [[0, 1, 2], [1, n, 3], [2, 3, 4]], style: .lines)),
        ("decision", DecisionSurfaceChart(title: "t", gridX: [0, 1, 2], gridY: [0, 1], surface: .probability([[0, n, 1], [0.2, 0.5, i]]),
                                          points: LabeledPoints(x: [0, n], y: [0, 1], classes: [0, 1]))),
        ("roc", ROCChart(curves: [ClassifierScores(name: "a", scores: [0.1, n, 0.8, i, 0.4], labels: [false, true, true, false, true])])),
        ("pr", PrecisionRecallChart(curves: [ClassifierScores(name: "a", scores: [0.1, n, 0.8, 0.4], labels: [false, true, true, true])])),
        ("network", NetworkDiagram(title: "t", layerSizes: [2, 1], weights: [[[n, i]]], activations: [[n, 1], [i]])),
        ("grid-world", GridWorldChart(title: "t", values: [[n, 1], [-i, 2]])),
        ("image-grid", ImageGrid(title: "t", images: [[0, n, i, 1]], width: 2, height: 2)),
        ("vector-field", VectorFieldChart(title: "t", x: [0, 1], y: [0, 1], u: [[n, 1], [1, i]], v: [[1, 1], [n, 1]],
                                          potential: [[0, n], [1, 2]])),
    ]
    static var names: [String] { all.map(\.0) }
    static func chart(named name: String) -> any Chart { all.first { $0.0 == name }!.1 }
}

/// One chart of each kind with nothing to draw.
enum EmptyCharts {
    static let n = Double.nan
    static let all: [(String, any Chart)] = [
        ("line", LineChart(title: "t", series: [])),
        ("line-all-nan", LineChart(title: "t", series: [.init(name: "a", y: [n, n])])),
        ("line-log-negative", LineChart(title: "t", series: [.init(name: "a", y: [-1, 0])], yScale: .log)),
        ("scatter", ScatterChart(title: "t", x: [], y: [])),
        ("histogram", HistogramChart(title: "t", values: [])),
        ("histogram-nan", HistogramChart(title: "t", values: [n, .infinity])),
        ("density", DensityChart(title: "t", series: [.init(name: "a", values: [])])),
        ("bar", BarChart(title: "t", categories: [], values: [])),
        ("bar-nan", BarChart(title: "t", categories: ["a"], values: [n])),
        ("box", BoxPlot(title: "t", groups: [])),
        ("heatmap", Heatmap(title: "t", values: [])),
        ("heatmap-nan", Heatmap(title: "t", values: [[n]])),
        ("confusion", ConfusionMatrixChart(title: "t", counts: [])),
        ("contour", ContourChart(title: "t", x: [0, 1], y: [0, 1], values: [[n, n], [n, n]])),
        ("dendrogram", Dendrogram(title: "t", labels: [], merges: [])),
        ("network", NetworkDiagram(title: "t", layerSizes: [])),
        ("grid-world", GridWorldChart(title: "t", values: [])),
        ("image-grid", ImageGrid(title: "t", images: [], width: 8, height: 8)),
    ]
    static var names: [String] { all.map(\.0) }
    static func chart(named name: String) -> any Chart { all.first { $0.0 == name }!.1 }
}

@Suite("ChartLargeInputs")
struct ChartLargeInputTests {
    @Test func wideLayersAreElided() throws {
        let svg = try NetworkDiagram(title: "MNIST classifier", layerSizes: [784, 128, 10]).render()
        #expect(svg.contains(">⋮</text>"))
        #expect(svg.contains("Input (784)"))
        // 15 shown nodes of the input layer (14 and an ellipsis), 15 of the hidden layer, 10 outputs.
        #expect(svg.components(separatedBy: "<circle").count - 1 == 14 + 14 + 10)
    }

    @Test func manyPointsRenderQuicklyAndStayDeterministic() throws {
        var random = SampleRandom(seed: 99)
        let x = (0..<5000).map { _ in random.normal() }
        let y = (0..<5000).map { _ in random.normal() }
        let chart = ScatterChart(title: "5000 points", x: x, y: y, classes: (0..<5000).map { $0 % 3 })
        let first = try chart.render()
        #expect(first == (try chart.render()))
        #expect(first.contains("fill-opacity=\"0.7\""))
    }

    @Test func largeImagesUseOneEmbeddedPNGEach() throws {
        let image = (0..<(28 * 28)).map { Double($0 % 28) / 27 }
        let svg = try ImageGrid(title: "t", images: Array(repeating: image, count: 16), width: 28, height: 28).render()
        #expect(svg.components(separatedBy: "data:image/png;base64,").count - 1 == 16)
        #expect(svg.utf8.count < 120_000)
    }
}
