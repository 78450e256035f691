import Charts
import Foundation

/// One fixed input per chart kind (some kinds twice, to cover their main options). The snapshot
/// tests render these and the browser test loads the resulting snapshot files.
enum SampleCharts {
    static let all: [(name: String, chart: any Chart)] = [
        ("line", line),
        ("line-log", lineLog),
        ("scatter", scatter),
        ("scatter-sizes", scatterSizes),
        ("histogram", histogram),
        ("density", density),
        ("bar", bar),
        ("bar-horizontal", barHorizontal),
        ("bar-rotated-labels", barRotatedLabels),
        ("box", box),
        ("heatmap", heatmap),
        ("confusion-matrix", confusionMatrix),
        ("contour", contour),
        ("contour-lines", contourLines),
        ("decision-surface", decisionSurface),
        ("decision-surface-probability", decisionSurfaceProbability),
        ("roc", roc),
        ("precision-recall", precisionRecall),
        ("dendrogram", dendrogram),
        ("network", network),
        ("grid-world", gridWorld),
        ("image-grid", imageGrid),
        ("image-grid-filters", imageGridFilters),
        ("vector-field", vectorField),
    ]

    static var names: [String] { all.map(\.name) }

    static func chart(named name: String) -> any Chart {
        all.first { $0.name == name }!.chart
    }

    // MARK: Data

    /// Three Gaussian blobs in 2-D, 40 points each.
    static let blobs: (x: [Double], y: [Double], labels: [Int]) = {
        var random = SampleRandom(seed: 7)
        let centers = [(-2.0, -1.0), (1.5, 2.0), (2.5, -1.5)]
        var x: [Double] = [], y: [Double] = [], labels: [Int] = []
        for (label, center) in centers.enumerated() {
            for _ in 0..<40 {
                x.append(center.0 + 0.8 * random.normal())
                y.append(center.1 + 0.8 * random.normal())
                labels.append(label)
            }
        }
        return (x, y, labels)
    }()

    // MARK: Charts

    static let line = LineChart(
        title: "Training and validation loss",
        xLabel: "Epoch", yLabel: "Cross-entropy loss",
        series: {
            var random = SampleRandom(seed: 1)
            let epochs = (0..<60).map(Double.init)
            let train = epochs.map { 2.2 * exp(-$0 / 9) + 0.12 + 0.03 * random.normal() }
            let validation = epochs.map { 2.2 * exp(-$0 / 10) + 0.25 + 0.004 * $0 + 0.04 * random.normal() }
            let test = epochs.map { 2.2 * exp(-$0 / 10) + 0.3 + 0.003 * $0 + 0.04 * random.normal() }
            return [
                .init(name: "Training", x: epochs, y: train),
                .init(name: "Validation", x: epochs, y: validation),
                .init(name: "Test", x: epochs, y: test),
            ]
        }())

    static let lineLog = LineChart(
        title: "Learning-rate range test",
        xLabel: "Learning rate", yLabel: "Loss after 100 steps",
        series: {
            let rates = (0...40).map { pow(10, -5 + Double($0) * 0.125) }
            func curve(_ best: Double, _ floor: Double) -> [Double] {
                rates.map { rate in
                    let d = log10(rate) - log10(best)
                    return floor + 0.35 * d * d + (d > 1.2 ? 3 * (d - 1.2) * (d - 1.2) : 0)
                }
            }
            return [
                .init(name: "SGD", x: rates, y: curve(0.05, 0.3), showsMarkers: true),
                .init(name: "Adam", x: rates, y: curve(0.002, 0.22), showsMarkers: true),
            ]
        }(),
        xScale: .log, yScale: .log)

    static let scatter = ScatterChart(
        title: "Three clusters", xLabel: "Feature 1", yLabel: "Feature 2",
        x: blobs.x, y: blobs.y, classes: blobs.labels, classNames: ["Setosa", "Versicolor", "Virginica"])

    static let scatterSizes = ScatterChart(
        title: "Bubble chart: size shows the third feature", xLabel: "Feature 1", yLabel: "Feature 2",
        x: Array(blobs.x.prefix(60)), y: Array(blobs.y.prefix(60)),
        classes: Array(blobs.labels.prefix(60)), classNames: ["A", "B"],
        sizes: (0..<60).map { Double(($0 * 37) % 23) + 1 })

    /// Two normal samples with different means and spreads.
    static let samples: (a: [Double], b: [Double]) = {
        var random = SampleRandom(seed: 3)
        let a = (0..<400).map { _ in 5.8 + 0.8 * random.normal() }
        let b = (0..<250).map { _ in 7.4 + 1.1 * random.normal() }
        return (a, b)
    }()

    static let histogram = HistogramChart(
        title: "Sepal length by species", xLabel: "Sepal length (cm)",
        series: [.init(name: "Versicolor", values: samples.a), .init(name: "Virginica", values: samples.b)],
        showsDensityCurve: true)

    static let density = DensityChart(
        title: "Distribution of predicted probabilities", xLabel: "Predicted probability of the positive class",
        series: {
            var random = SampleRandom(seed: 11)
            let negatives = (0..<120).map { _ in min(max(0.25 + 0.15 * random.normal(), 0), 1) }
            let positives = (0..<90).map { _ in min(max(0.72 + 0.14 * random.normal(), 0), 1) }
            return [.init(name: "Negative class", values: negatives), .init(name: "Positive class", values: positives)]
        }())

    static let bar = BarChart(
        title: "Test accuracy by model and data set",
        categories: ["Iris", "Wine", "Breast cancer", "Digits"],
        series: [
            .init(name: "Logistic regression", values: [0.953, 0.972, 0.956, 0.962]),
            .init(name: "Random forest", values: [0.947, 0.983, 0.963, 0.975]),
            .init(name: "k-NN (k = 5)", values: [0.96, 0.694, 0.93, 0.987]),
        ],
        categoryLabel: "Data set", valueLabel: "Accuracy")

    static let barHorizontal = BarChart(
        title: "Permutation feature importance",
        categories: ["worst concave points", "worst area", "mean concave points", "worst radius",
                     "mean texture", "worst smoothness", "mean symmetry", "fractal dimension error"],
        values: [0.094, 0.071, 0.052, 0.043, 0.021, 0.012, -0.003, -0.008],
        valueLabel: "Drop in accuracy when shuffled", orientation: .horizontal, showsValues: true)

    static let barRotatedLabels = BarChart(
        title: "Epochs to reach 95 % validation accuracy",
        categories: ["Plain SGD", "SGD with momentum", "Nesterov momentum", "AdaGrad", "RMSprop", "Adam", "AdamW",
                     "Adam with warm-up"],
        values: [41, 23, 21, 34, 17, 14, 13, 11],
        categoryLabel: "Optimiser", valueLabel: "Epochs", showsValues: true)

    static let box = BoxPlot(
        title: "Cross-validation scores (10 folds)",
        groups: [
            .init(name: "Linear SVM", values: [0.91, 0.93, 0.94, 0.92, 0.95, 0.9, 0.93, 0.94, 0.96, 0.82]),
            .init(name: "RBF SVM", values: [0.95, 0.96, 0.97, 0.94, 0.96, 0.95, 0.98, 0.97, 0.96, 0.95]),
            .init(name: "Decision tree", values: [0.88, 0.9, 0.86, 0.91, 0.84, 0.89, 0.92, 0.87, 0.9, 0.85]),
            .init(name: "Naive Bayes", values: [0.93, 0.94, 0.92, 0.95, 0.91, 0.94, 0.93, 0.99, 0.92, 0.93]),
        ],
        groupLabel: "Model", valueLabel: "Accuracy")

    static let heatmap = Heatmap(
        title: "Feature correlations (wine)",
        values: [
            [1.0, 0.094, 0.212, -0.31, 0.271, 0.289, 0.237],
            [0.094, 1.0, 0.164, 0.289, -0.055, -0.335, -0.411],
            [0.212, 0.164, 1.0, 0.443, 0.287, 0.129, 0.115],
            [-0.31, 0.289, 0.443, 1.0, -0.083, -0.321, -0.351],
            [0.271, -0.055, 0.287, -0.083, 1.0, 0.214, 0.196],
            [0.289, -0.335, 0.129, -0.321, 0.214, 1.0, 0.865],
            [0.237, -0.411, 0.115, -0.351, 0.196, 0.865, 1.0],
        ],
        rowLabels: ["alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols", "flavanoids"],
        columnLabels: ["alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols", "flavanoids"],
        colorMap: .blueRed, colorBarLabel: "Pearson correlation")

    static let confusionMatrix = ConfusionMatrixChart(
        title: "Fashion-MNIST: confusions among tops",
        counts: [
            [812, 4, 21, 38, 6],
            [3, 961, 2, 27, 5],
            [18, 2, 741, 11, 178],
            [31, 14, 12, 874, 55],
            [2, 1, 96, 36, 823],
        ],
        classNames: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"])

    /// An elongated quadratic bowl, the classic picture of why plain gradient descent zig-zags.
    static func bowl(_ x: Double, _ y: Double) -> Double { 0.5 * x * x + 4.5 * y * y + 0.8 * x * y }

    static let bowlGrid: (x: [Double], y: [Double], values: [[Double]]) = {
        let xs = (0...60).map { -3 + Double($0) * 0.1 }
        let ys = (0...40).map { -2 + Double($0) * 0.1 }
        return (xs, ys, ys.map { y in xs.map { x in bowl(x, y) } })
    }()

    /// Gradient descent iterates on `bowl`, with optional momentum.
    static func descent(rate: Double, momentum: Double, steps: Int) -> Trajectory {
        var x = -2.6, y = 1.6, vx = 0.0, vy = 0.0
        var xs = [x], ys = [y]
        for _ in 0..<steps {
            let gx = x + 0.8 * y, gy = 9 * y + 0.8 * x
            vx = momentum * vx - rate * gx
            vy = momentum * vy - rate * gy
            x += vx
            y += vy
            xs.append(x)
            ys.append(y)
        }
        return Trajectory(name: momentum > 0 ? "Momentum 0.7" : "Plain gradient descent", x: xs, y: ys)
    }

    static let contour = ContourChart(
        title: "Gradient descent on an elongated bowl", xLabel: "w₁", yLabel: "w₂",
        x: bowlGrid.x, y: bowlGrid.y, values: bowlGrid.values, levelCount: 12,
        colorBarLabel: "Loss",
        trajectories: [descent(rate: 0.2, momentum: 0, steps: 14), descent(rate: 0.06, momentum: 0.7, steps: 14)])

    static let contourLines = ContourChart(
        title: "Loss contours", xLabel: "w₁", yLabel: "w₂",
        x: bowlGrid.x, y: bowlGrid.y, values: bowlGrid.values.map { $0.map { log10(1 + $0) } },
        levelCount: 8, style: .lines, colorBarLabel: "log₁₀(1 + loss)")

    /// Nearest-centroid predictions over a grid, for the blobs.
    static let decisionSurface: DecisionSurfaceChart = {
        let xs = (0...80).map { -5 + Double($0) * 0.125 }
        let ys = (0...64).map { -4.5 + Double($0) * 0.125 }
        let centers = [(-2.0, -1.0), (1.5, 2.0), (2.5, -1.5)]
        let classes = ys.map { y in
            xs.map { x in
                centers.indices.min { a, b in
                    hypot(x - centers[a].0, y - centers[a].1) < hypot(x - centers[b].0, y - centers[b].1)
                }!
            }
        }
        return DecisionSurfaceChart(
            title: "Nearest-centroid classifier", xLabel: "Feature 1", yLabel: "Feature 2",
            gridX: xs, gridY: ys, surface: .classes(classes),
            points: LabeledPoints(x: blobs.x, y: blobs.y, classes: blobs.labels),
            classNames: ["Setosa", "Versicolor", "Virginica"])
    }()

    /// Two interleaved half circles and a smooth probability surface separating them.
    static let decisionSurfaceProbability: DecisionSurfaceChart = {
        var random = SampleRandom(seed: 5)
        var px: [Double] = [], py: [Double] = [], labels: [Int] = []
        for index in 0..<100 {
            let t = Double.pi * Double(index % 50) / 49
            let label = index / 50
            px.append((label == 0 ? cos(t) : 1 - cos(t)) + 0.12 * random.normal())
            py.append((label == 0 ? sin(t) : 0.5 - sin(t)) + 0.12 * random.normal())
            labels.append(label)
        }
        let xs = (0...50).map { -1.5 + Double($0) * 0.1 }
        let ys = (0...35).map { -1.25 + Double($0) * 0.1 }
        let probabilities = ys.map { y in
            xs.map { x in 1 / (1 + exp(-(3 * (0.5 * x - y + 0.25) + 2.5 * sin(2.2 * x) * 0.6))) }
        }
        return DecisionSurfaceChart(
            title: "Logistic model on two moons", xLabel: "x₁", yLabel: "x₂",
            gridX: xs, gridY: ys, surface: .probability(probabilities),
            points: LabeledPoints(x: px, y: py, classes: labels), classNames: ["Upper moon", "Lower moon"])
    }()

    /// Scores of three classifiers of decreasing quality on the same 300 labels.
    static let classifierScores: [ClassifierScores] = {
        var random = SampleRandom(seed: 21)
        let labels = (0..<300).map { _ in random.uniform() < 0.35 }
        func scores(_ separation: Double) -> [Double] {
            labels.map { 1 / (1 + exp(-(($0 ? separation : -separation) + random.normal()))) }
        }
        return [
            ClassifierScores(name: "Gradient boosting", scores: scores(1.6), labels: labels),
            ClassifierScores(name: "Logistic regression", scores: scores(1.0), labels: labels),
            ClassifierScores(name: "Decision stump", scores: scores(0.45).map { ($0 * 4).rounded() / 4 }, labels: labels),
        ]
    }()

    static let roc = ROCChart(title: "ROC curves on the test set", curves: classifierScores)

    static let precisionRecall = PrecisionRecallChart(title: "Precision–recall on the test set", curves: classifierScores)

    /// Average-linkage clustering of four points from each blob.
    static let dendrogram: Dendrogram = {
        let picks = [0, 1, 2, 3, 40, 41, 42, 43, 80, 81, 82, 83]
        let names = ["Setosa", "Versicolor", "Virginica"]
        let labels = picks.map { "\(names[blobs.labels[$0]]) \($0 % 40 + 1)" }
        var clusters: [(node: Int, members: [Int])] = picks.indices.map { ($0, [$0]) }
        func distance(_ a: [Int], _ b: [Int]) -> Double {
            var total = 0.0
            for i in a { for j in b { total += hypot(blobs.x[picks[i]] - blobs.x[picks[j]], blobs.y[picks[i]] - blobs.y[picks[j]]) } }
            return total / Double(a.count * b.count)
        }
        var merges: [Dendrogram.Merge] = []
        while clusters.count > 1 {
            var best = (0, 1, Double.infinity)
            for a in clusters.indices {
                for b in clusters.indices where b > a {
                    let d = distance(clusters[a].members, clusters[b].members)
                    if d < best.2 { best = (a, b, d) }
                }
            }
            merges.append(.init(left: clusters[best.0].node, right: clusters[best.1].node, distance: best.2))
            let merged = (picks.count + merges.count - 1, clusters[best.0].members + clusters[best.1].members)
            clusters.remove(at: best.1)
            clusters[best.0] = merged
        }
        return Dendrogram(title: "Average-linkage clustering of twelve flowers", labels: labels, merges: merges,
                          distanceLabel: "Average distance", colorThreshold: 2.5)
    }()

    static let network: NetworkDiagram = {
        var random = SampleRandom(seed: 9)
        let sizes = [3, 6, 5, 2]
        let weights = (0..<(sizes.count - 1)).map { l in
            (0..<sizes[l + 1]).map { _ in (0..<sizes[l]).map { _ in random.normal() * 0.8 } }
        }
        let activations = sizes.map { count in (0..<count).map { _ in tanh(random.normal()) } }
        return NetworkDiagram(title: "A 3-6-5-2 multilayer perceptron", layerSizes: sizes, weights: weights,
                              inputLabels: ["petal length", "petal width", "sepal length"],
                              outputLabels: ["setosa", "other"], activations: activations)
    }()

    /// Value iteration on the classic 3 × 4 grid world (Russell and Norvig).
    static let gridWorld: GridWorldChart = {
        let rows = 3, columns = 4
        let wall = GridWorldChart.Cell(row: 1, column: 1)
        let terminals: [GridWorldChart.Cell: Double] = [.init(row: 0, column: 3): 1, .init(row: 1, column: 3): -1]
        var values = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
        let moves: [(GridWorldChart.Moves, Int, Int)] = [(.up, -1, 0), (.right, 0, 1), (.down, 1, 0), (.left, 0, -1)]
        func next(_ r: Int, _ c: Int, _ dr: Int, _ dc: Int) -> (Int, Int) {
            let (nr, nc) = (r + dr, c + dc)
            if nr < 0 || nr >= rows || nc < 0 || nc >= columns || (nr == wall.row && nc == wall.column) { return (r, c) }
            return (nr, nc)
        }
        func actionValue(_ r: Int, _ c: Int, _ dr: Int, _ dc: Int) -> Double {
            // 80 % intended direction, 10 % each perpendicular one.
            let outcomes = [(dr, dc, 0.8), (dc, dr, 0.1), (-dc, -dr, 0.1)]
            return outcomes.reduce(0) { total, outcome in
                let (nr, nc) = next(r, c, outcome.0, outcome.1)
                return total + outcome.2 * values[nr][nc]
            }
        }
        for _ in 0..<100 {
            var updated = values
            for r in 0..<rows {
                for c in 0..<columns {
                    let cell = GridWorldChart.Cell(row: r, column: c)
                    if cell == wall { continue }
                    if let reward = terminals[cell] { updated[r][c] = reward; continue }
                    updated[r][c] = -0.04 + 0.95 * moves.map { actionValue(r, c, $0.1, $0.2) }.max()!
                }
            }
            values = updated
        }
        let policy: [[GridWorldChart.Moves]] = (0..<rows).map { r in
            (0..<columns).map { c in
                let cell = GridWorldChart.Cell(row: r, column: c)
                if cell == wall || terminals[cell] != nil { return .none }
                return moves.max { actionValue(r, c, $0.1, $0.2) < actionValue(r, c, $1.1, $1.2) }!.0
            }
        }
        return GridWorldChart(title: "Value iteration: state values and greedy policy", values: values, policy: policy,
                              walls: [wall], labels: [.init(row: 0, column: 3): "+1", .init(row: 1, column: 3): "−1",
                                                      .init(row: 2, column: 0): "S"])
    }()

    /// Ten hand-drawn 8 × 8 digits in the style of the UCI digits set (intensities 0…16).
    static let digits: [[Double]] = {
        let glyphs = [
            ["..####..", ".##..##.", ".##..##.", ".##..##.", ".##..##.", ".##..##.", "..####..", "........"],
            ["...##...", "..###...", "...##...", "...##...", "...##...", "...##...", "..####..", "........"],
            ["..####..", ".##..##.", ".....##.", "....##..", "...##...", "..##....", ".######.", "........"],
            ["..####..", ".##..##.", ".....##.", "...###..", ".....##.", ".##..##.", "..####..", "........"],
            ["....##..", "...###..", "..#.##..", ".#..##..", ".######.", "....##..", "....##..", "........"],
            [".######.", ".##.....", ".#####..", ".....##.", ".....##.", ".##..##.", "..####..", "........"],
            ["..####..", ".##.....", ".##.....", ".#####..", ".##..##.", ".##..##.", "..####..", "........"],
            [".######.", ".....##.", "....##..", "...##...", "..##....", "..##....", "..##....", "........"],
            ["..####..", ".##..##.", ".##..##.", "..####..", ".##..##.", ".##..##.", "..####..", "........"],
            ["..####..", ".##..##.", ".##..##.", "..#####.", ".....##.", "....##..", "..###...", "........"],
        ]
        var images: [[Double]] = []
        for (index, rows) in glyphs.enumerated() {
            var pixels: [Double] = []
            for row in rows {
                for character in row {
                    let p = pixels.count
                    // Soften the strokes a little and add faint specks, as in the scanned originals.
                    let ink: Double = 16 - Double((p * 7 + index) % 5)
                    let speck: Double = (p + index) % 11 == 0 ? 3 : 0
                    pixels.append(character == "#" ? ink : speck)
                }
            }
            images.append(pixels)
        }
        return images
    }()

    static let imageGrid = ImageGrid(
        title: "Handwritten digits (8 × 8 pixels)", images: digits, width: 8, height: 8,
        labels: (0..<10).map { "Label \($0)" }, scaling: .fixed(0...16))

    static let imageGridFilters = ImageGrid(
        title: "First-layer convolution filters (5 × 5)",
        images: {
            var random = SampleRandom(seed: 17)
            return (0..<8).map { filter in
                (0..<25).map { p in
                    let (r, c) = (Double(p / 5) - 2, Double(p % 5) - 2)
                    let angle = Double(filter) * Double.pi / 8
                    return (cos(angle) * c + sin(angle) * r) * exp(-(r * r + c * c) / 6) + 0.1 * random.normal()
                }
            }
        }(),
        width: 5, height: 5, labels: (1...8).map { "Filter \($0)" }, colorMap: .blueRed)

    static let vectorField: VectorFieldChart = {
        let xs = (0...16).map { -3 + Double($0) * 0.375 }
        let ys = (0...10).map { -2 + Double($0) * 0.4 }
        return VectorFieldChart(
            title: "Negative gradient of the loss", xLabel: "w₁", yLabel: "w₂", x: xs, y: ys,
            u: ys.map { y in xs.map { x in -(x + 0.8 * y) } },
            v: ys.map { y in xs.map { x in -(9 * y + 0.8 * x) } },
            potential: ys.map { y in xs.map { x in bowl(x, y) } },
            trajectories: [descent(rate: 0.06, momentum: 0.7, steps: 14)])
    }()
}
