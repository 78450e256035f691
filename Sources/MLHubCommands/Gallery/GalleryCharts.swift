import Charts
import Datasets
import Foundation
import NeuralNets
import Tensors

// The individual charts of the gallery, each from data or a computation of the engine.

extension ChartGallery {
    static func learningRateSchedules() -> LineChart {
        let steps = Array(0..<100)
        func series(_ name: String, _ s: LearningRateSchedule) -> LineChart.Series {
            LineChart.Series(name: name, x: steps.map(Double.init), y: steps.map { s($0) })
        }
        return LineChart(title: "Learning-rate schedules", xLabel: "Step", yLabel: "Learning rate", series: [
            series("Cosine annealing", Schedules.cosineAnnealing(initial: 0.1, period: 100)),
            series("One cycle", Schedules.oneCycle(maximum: 0.1, totalSteps: 100)),
            series("Step decay", Schedules.step(initial: 0.1, stepSize: 30, gamma: 0.5)),
        ])
    }

    /// Softmax regression on the digits, trained by SGD and by Adam: loss per step, log scale.
    static func trainingLoss(_ digits: Dataset) throws -> LineChart {
        let x = (digits.features / 16).to(.float32), y = digits.target
        func run(_ makeOptimizer: ([Tensor]) -> Optimizer) -> [Double] {
            Tensor.manualSeed(1)
            let model = Linear(64, 10)
            let optimizer = makeOptimizer(model.parameters())
            return (0..<40).map { _ in
                optimizer.zeroGrad()
                let loss = CrossEntropyLoss()(model(x), y)
                loss.backward()
                optimizer.step()
                return loss.item()
            }
        }
        return LineChart(title: "Training loss on the digits", xLabel: "Step", yLabel: "Cross-entropy", series: [
            LineChart.Series(name: "SGD (lr 0.5)", y: run { SGD($0, learningRate: 0.5) }),
            LineChart.Series(name: "Adam (lr 0.05)", y: run { Adam($0, learningRate: 0.05) }),
        ], yScale: .log)
    }

    static func irisScatter(_ iris: Dataset) -> ScatterChart {
        ScatterChart(title: "Iris petals", xLabel: "Petal length (cm)", yLabel: "Petal width (cm)",
                     x: column(iris, 2), y: column(iris, 3), classes: labels(iris), classNames: iris.targetNames)
    }

    static func histogram(_ wine: Dataset) -> HistogramChart {
        HistogramChart(title: "Alcohol content of the wines", xLabel: "Alcohol (%)", values: column(wine, 0),
                       showsDensityCurve: true)
    }

    static func density(_ iris: Dataset) -> DensityChart {
        DensityChart(title: "Petal length by species", xLabel: "Petal length (cm)",
                     series: zip(iris.targetNames, byClass(iris, 2)).map { DensityChart.Series(name: $0, values: $1) })
    }

    static func wineMeans(_ wine: Dataset) -> BarChart {
        let features = [0, 6, 9] // alcohol, flavanoids, colour intensity
        let classes = wine.targetNames.indices.map { "Cultivar \($0 + 1)" }
        let series = features.map { j in
            BarChart.Series(name: readable(wine.featureNames[j]), values: byClass(wine, j).map { $0.reduce(0, +) / Double(Swift.max($0.count, 1)) })
        }
        return BarChart(title: "Wine: means by cultivar", categories: classes, series: series, valueLabel: "Mean")
    }

    /// Standardised difference of class means, the eight largest.
    static func cancerDifferences(_ cancer: Dataset) throws -> BarChart {
        // Class 0 of the breast cancer data is malignant.
        let difference = standardisedClassDifference(cancer).difference.scalars(as: Double.self)
        let top = difference.indices.sorted { Swift.abs(difference[$0]) > Swift.abs(difference[$1]) }.prefix(8)
        return BarChart(title: "Malignant minus benign (standard deviations)", categories: top.map { readable(cancer.featureNames[$0]) },
                        values: top.map { difference[$0] }, valueLabel: "Difference of means", orientation: .horizontal)
    }

    static func irisBoxes(_ iris: Dataset) -> BoxPlot {
        BoxPlot(title: "Sepal width by species",
                groups: zip(iris.targetNames, byClass(iris, 1)).map { BoxPlot.Group(name: $0, values: $1) },
                groupLabel: "Species", valueLabel: "Sepal width (cm)")
    }

    static func correlations(_ iris: Dataset) -> Heatmap {
        let x = iris.features
        let standardised = (x - x.mean(axis: 0)) / x.std(axis: 0)
        let correlation = standardised.T.matmul(standardised) / Double(iris.count)
        let values = rows(correlation)
        let names = iris.featureNames.map { readable($0).replacingOccurrences(of: " (cm)", with: "") }
        return Heatmap(title: "Iris feature correlations", values: values, rowLabels: names, columnLabels: names,
                       colorMap: .blueRed, valueRange: -1...1, colorBarLabel: "Correlation", showsValues: true)
    }

    /// A nearest-centroid classifier on a stratified 80/20 split of the digits.
    static func nearestCentroid(_ digits: Dataset) throws -> ConfusionMatrixChart {
        let (train, test) = try digits.trainTestSplit(testFraction: 0.2, stratified: true, shuffle: true, seed: 0)
        let y = labels(train)
        let centroids = (0..<10).map { c -> Tensor in
            let rows = Tensor(y.indices.filter { y[$0] == c }, shape: [y.filter { $0 == c }.count])
            return train.features.indexSelect(axis: 0, indices: rows).mean(axis: 0)
        }
        let stacked = Tensor.stack(centroids)
        let distances = (test.features.unsqueezed(axis: 1) - stacked.unsqueezed(axis: 0)).pow(2).sum(axis: 2)
        let predicted = distances.argmin(axis: 1).scalars(as: Int.self), truth = labels(test)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
        for (t, p) in zip(truth, predicted) { counts[t][p] += 1 }
        return ConfusionMatrixChart(title: "Digits: nearest centroid", counts: counts, classNames: (0..<10).map(String.init))
    }

    /// Five nearest neighbours on the two-moons data, over a grid.
    static func moonsSurface() throws -> DecisionSurfaceChart {
        let moons = try Dataset.moons(count: 200, noise: 0.2, seed: 3)
        let px = column(moons, 0), py = column(moons, 1), classes = labels(moons)
        let gridX = (0..<60).map { -1.5 + 4.0 * Double($0) / 59 }, gridY = (0..<50).map { -1.0 + 2.5 * Double($0) / 49 }
        let surface = gridY.map { gy in
            gridX.map { gx -> Int in
                let nearest = px.indices.sorted { hypot(px[$0] - gx, py[$0] - gy) < hypot(px[$1] - gx, py[$1] - gy) }.prefix(5)
                return nearest.map { classes[$0] }.reduce(0, +) >= 3 ? 1 : 0
            }
        }
        return DecisionSurfaceChart(title: "Two moons: 5 nearest neighbours", xLabel: "x₁", yLabel: "x₂", gridX: gridX, gridY: gridY,
                                    surface: .classes(surface), points: LabeledPoints(x: px, y: py, classes: classes),
                                    classNames: ["Class 0", "Class 1"])
    }

    /// The Rosenbrock function and the path Adam takes on it, by the engine's autodiff.
    static func rosenbrockPath() -> ContourChart {
        func rosenbrock(_ x: Double, _ y: Double) -> Double { (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }
        let xs = (0..<80).map { -2.0 + 4.0 * Double($0) / 79 }, ys = (0..<60).map { -1.0 + 4.0 * Double($0) / 59 }
        let values = ys.map { y in xs.map { x in Double.log(1 + rosenbrock(x, y)) } }
        let point = Tensor([-1.5, 2.5]).requiringGrad()
        let optimizer = Adam([point], learningRate: 0.05)
        var path: [(Double, Double)] = []
        for _ in 0..<400 {
            let p = point.scalars(as: Double.self)
            path.append((p[0], p[1]))
            optimizer.zeroGrad()
            let x = point[0], y = point[1]
            ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)).backward()
            optimizer.step()
        }
        return ContourChart(title: "Adam on the Rosenbrock function", xLabel: "x", yLabel: "y", x: xs, y: ys, values: values,
                            levelCount: 12, colorBarLabel: "log(1 + f)",
                            trajectories: [Trajectory(name: "Adam, lr 0.05", x: path.map(\.0), y: path.map(\.1))])
    }

    /// A linear score (the difference of class means) and one feature, for the breast cancer data.
    static func cancerScores(_ cancer: Dataset) -> [ClassifierScores] {
        let malignant = labels(cancer).map { $0 == 0 }
        let (standardised, direction) = standardisedClassDifference(cancer)
        let linear = standardised.matmul(direction).scalars(as: Double.self)
        return [ClassifierScores(name: "Mean difference score", scores: linear, labels: malignant),
                ClassifierScores(name: "Worst texture alone", scores: column(cancer, 21), labels: malignant)]
    }

    static func cancerROC(_ cancer: Dataset) -> ROCChart {
        ROCChart(title: "Breast cancer: detecting malignant tumours", curves: cancerScores(cancer))
    }

    static func cancerPR(_ cancer: Dataset) -> PrecisionRecallChart {
        PrecisionRecallChart(title: "Breast cancer: precision and recall", curves: cancerScores(cancer))
    }

    /// Average-linkage clustering of twelve iris flowers (four of each species).
    static func irisDendrogram(_ iris: Dataset) -> Dendrogram {
        let chosen = [0, 10, 20, 30, 50, 60, 70, 80, 100, 110, 120, 130]
        let allRows = rows(iris.features), species = labels(iris)
        let points = chosen.map { allRows[$0] }
        let names = chosen.map { "\(iris.targetNames[species[$0]].prefix(4)) \($0)" }
        var clusters: [Int: [Int]] = Dictionary(uniqueKeysWithValues: chosen.indices.map { ($0, [$0]) })
        var merges: [Dendrogram.Merge] = []
        var next = chosen.count
        func distance(_ a: [Int], _ b: [Int]) -> Double {
            var total = 0.0
            for i in a { for j in b { total += zip(points[i], points[j]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() } }
            return total / Double(a.count * b.count)
        }
        while clusters.count > 1 {
            let keys = clusters.keys.sorted()
            var best = (Double.infinity, 0, 0)
            for (n, a) in keys.enumerated() { for b in keys[(n + 1)...] {
                let d = distance(clusters[a]!, clusters[b]!)
                if d < best.0 { best = (d, a, b) }
            } }
            merges.append(Dendrogram.Merge(left: best.1, right: best.2, distance: best.0))
            clusters[next] = clusters[best.1]! + clusters[best.2]!
            clusters[best.1] = nil
            clusters[best.2] = nil
            next += 1
        }
        return Dendrogram(title: "Iris: average-linkage clustering", labels: names, merges: merges, distanceLabel: "Mean distance (cm)")
    }

    /// The weights of a 2-4-3-1 network after it has learned XOR.
    static func xorNetwork() -> NetworkDiagram {
        Tensor.manualSeed(4)
        let model = Sequential(Linear(2, 4), Tanh(), Linear(4, 3), Tanh(), Linear(3, 1))
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]] as [[Float]]), y = Tensor([[0], [1], [1], [0]] as [[Float]])
        let optimizer = Adam(model.parameters(), learningRate: 0.05)
        for _ in 0..<300 {
            optimizer.zeroGrad()
            BCEWithLogitsLoss()(model(x), y).backward()
            optimizer.step()
        }
        let weights = model.layers.compactMap { $0 as? Linear }.map { rows($0.weight) }
        return NetworkDiagram(title: "A network that learned XOR", layerSizes: [2, 4, 3, 1], weights: weights,
                              inputLabels: ["x₁", "x₂"], outputLabels: ["x₁ XOR x₂"])
    }

    /// Value iteration on a 5×5 grid: +1 at the goal, −1 in the pit, walls, discount 0.9.
    static func gridWorld() -> GridWorldChart {
        let size = 5, goal = GridWorldChart.Cell(row: 0, column: 4), pit = GridWorldChart.Cell(row: 1, column: 4)
        let walls: Set<GridWorldChart.Cell> = [.init(row: 1, column: 1), .init(row: 2, column: 1), .init(row: 3, column: 3)]
        let moves: [(GridWorldChart.Moves, Int, Int)] = [(.up, -1, 0), (.right, 0, 1), (.down, 1, 0), (.left, 0, -1)]
        var values = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        func reward(_ r: Int, _ c: Int) -> Double {
            GridWorldChart.Cell(row: r, column: c) == goal ? 1 : (GridWorldChart.Cell(row: r, column: c) == pit ? -1 : -0.04)
        }
        func successor(_ r: Int, _ c: Int, _ dr: Int, _ dc: Int) -> (Int, Int) {
            let (nr, nc) = (r + dr, c + dc)
            guard nr >= 0, nr < size, nc >= 0, nc < size, !walls.contains(.init(row: nr, column: nc)) else { return (r, c) }
            return (nr, nc)
        }
        let terminal: Set<GridWorldChart.Cell> = [goal, pit]
        for _ in 0..<100 {
            var updated = values
            for r in 0..<size { for c in 0..<size where !walls.contains(.init(row: r, column: c)) {
                let cell = GridWorldChart.Cell(row: r, column: c)
                if terminal.contains(cell) { updated[r][c] = reward(r, c); continue }
                updated[r][c] = moves.map { _, dr, dc in let (nr, nc) = successor(r, c, dr, dc); return reward(r, c) + 0.9 * values[nr][nc] }.max()!
            } }
            values = updated
        }
        let policy = (0..<size).map { r in (0..<size).map { c -> GridWorldChart.Moves in
            let cell = GridWorldChart.Cell(row: r, column: c)
            guard !walls.contains(cell), !terminal.contains(cell) else { return .none }
            let scored = moves.map { move, dr, dc -> (GridWorldChart.Moves, Double) in let (nr, nc) = successor(r, c, dr, dc); return (move, values[nr][nc]) }
            let best = scored.map(\.1).max()!
            return GridWorldChart.Moves(scored.filter { Swift.abs($0.1 - best) < 1e-9 }.map(\.0))
        } }
        return GridWorldChart(title: "Value iteration: values and greedy policy", values: values, policy: policy, walls: walls,
                              labels: [goal: "Goal", pit: "Pit"])
    }

    static func digitImages(_ digits: Dataset) -> ImageGrid {
        let all = digits.features.scalars(as: Double.self)
        let images = (0..<16).map { Array(all[($0 * 64)..<($0 * 64 + 64)]) }
        return ImageGrid(title: "The first sixteen digits", images: images, width: 8, height: 8,
                         labels: labels(digits).prefix(16).map(String.init), columns: 8)
    }

    /// The gradient of an elongated quadratic bowl and the zig-zag of gradient descent on it.
    static func gradientField() -> VectorFieldChart {
        let xs = (0..<15).map { -3.0 + 6.0 * Double($0) / 14 }, ys = (0..<15).map { -3.0 + 6.0 * Double($0) / 14 }
        func f(_ x: Double, _ y: Double) -> Double { 0.5 * (x * x + 6 * y * y) }
        let u = ys.map { _ in xs.map { -$0 } }, v = ys.map { y in xs.map { _ in -6 * y } }
        var point = (2.8, 2.0)
        var path = [point]
        for _ in 0..<20 {
            point = (point.0 - 0.3 * point.0, point.1 - 0.3 * 6 * point.1)
            path.append(point)
        }
        return VectorFieldChart(title: "Gradient descent on f = ½(x² + 6y²)", xLabel: "x", yLabel: "y", x: xs, y: ys, u: u, v: v,
                                potential: ys.map { y in xs.map { f($0, y) } },
                                trajectories: [Trajectory(name: "Learning rate 0.3", x: path.map(\.0), y: path.map(\.1))])
    }
}
