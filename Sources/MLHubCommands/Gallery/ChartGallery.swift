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
        data.features.scalars(as: Double.self).enumerated().filter { $0.offset % data.features.shape[1] == j }.map(\.element)
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
