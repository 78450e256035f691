import Charts
import Datasets
import Foundation
import NeuralNets
import Tensors

/// One chart of every kind, drawn from the bundled data sets and from real engine computations
/// (training runs, an optimizer's path, value iteration): what `mlhub charts gallery` writes.
public enum ChartGallery {
    /// The charts in a fixed order, each with a file name.
    public static func charts() throws -> [(name: String, chart: any Chart)] {
        let iris = try Dataset.iris(), wine = try Dataset.wine(), cancer = try Dataset.breastCancer()
        let digits = try Dataset.digits()
        return [
            ("line", learningRateSchedules()),
            ("line-log", try trainingLoss(digits)),
            ("scatter", irisScatter(iris)),
            ("histogram", histogram(wine)),
            ("density", density(iris)),
            ("bar", wineMeans(wine)),
            ("bar-horizontal", try cancerDifferences(cancer)),
            ("box", irisBoxes(iris)),
            ("heatmap", correlations(iris)),
            ("confusion-matrix", try nearestCentroid(digits)),
            ("decision-surface", try moonsSurface()),
            ("contour", rosenbrockPath()),
            ("roc", cancerROC(cancer)),
            ("precision-recall", cancerPR(cancer)),
            ("dendrogram", irisDendrogram(iris)),
            ("network", xorNetwork()),
            ("grid-world", gridWorld()),
            ("image-grid", digitImages(digits)),
            ("vector-field", gradientField()),
        ]
    }

    /// Writes one SVG per chart and an `index.html` that shows them all; returns the file names.
    @discardableResult
    public static func write(to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>MLHub chart gallery</title>"
            + "<style>body{font-family:sans-serif;max-width:860px;margin:2em auto}figure{margin:0 0 2em}</style></head><body>"
            + "<h1>MLHub chart gallery</h1>\n"
        var files: [String] = []
        for (name, chart) in try charts() {
            let svg = try chart.render()
            let file = "\(name).svg"
            try Data(svg.utf8).write(to: directory.appendingPathComponent(file))
            files.append(file)
            html += "<figure><figcaption>\(name)</figcaption>\(svg)</figure>\n"
        }
        html += "</body></html>\n"
        try Data(html.utf8).write(to: directory.appendingPathComponent("index.html"))
        return files
    }

    // MARK: - Helpers

    /// Column `j` of a data set's features.
    static func column(_ data: Dataset, _ j: Int) -> [Double] {
        data.features[TensorIndex.all, j].scalars(as: Double.self)
    }

    /// The rows of a matrix as arrays (one copy of the data).
    static func rows(_ matrix: Tensor) -> [[Double]] {
        let values = matrix.scalars(as: Double.self), width = matrix.shape[1]
        return (0..<matrix.shape[0]).map { Array(values[($0 * width)..<($0 * width + width)]) }
    }

    /// The features standardised per column, and for each feature the mean over class 0 minus
    /// the mean over the other classes (the direction that best separates them, feature by feature).
    static func standardisedClassDifference(_ data: Dataset) -> (standardised: Tensor, difference: Tensor) {
        let x = data.features
        let standardised = (x - x.mean(axis: 0)) / x.std(axis: 0)
        let first = (data.target .== 0).to(.float64).reshaped([-1, 1])
        let difference = (standardised * first).sum(axis: 0) / first.sum()
            - (standardised * (1 - first)).sum(axis: 0) / (1 - first).sum()
        return (standardised, difference)
    }

    static func labels(_ data: Dataset) -> [Int] { data.target.scalars(as: Int.self) }

    /// The values of feature `j` for each class, in class order.
    static func byClass(_ data: Dataset, _ j: Int) -> [[Double]] {
        let values = column(data, j), y = labels(data)
        return data.targetNames.indices.map { c in zip(values, y).filter { $0.1 == c }.map(\.0) }
    }

    static func readable(_ name: String) -> String {
        name.replacingOccurrences(of: "_", with: " ")
    }
}
