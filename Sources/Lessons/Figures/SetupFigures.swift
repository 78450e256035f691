import Charts
import Datasets
import Tensors

// Figures of the module "setup": the broadcasting diagram and histograms of the bundled data.

extension StandardFigures {
    static let setup: [FigureFunction] = [broadcastingDiagram, datasetHistogram]

    // MARK: - Broadcasting

    /// Which pair of operands the broadcasting diagram adds.
    private enum BroadcastCase: String, CaseIterable {
        case columnRow = "column-row", matrixRow = "matrix-row", matrixColumn = "matrix-column", matrixScalar = "matrix-scalar"
    }

    static let broadcastingDiagram = FigureFunction(
        name: "broadcasting-diagram",
        summary: "Two operands of different shapes stretched to a common shape and added by the engine; stretched copies are dashed.",
        parameters: [
            FigureParameter("operands", .string, default: "column-row",
                            help: "column-row ([r, 1] + [1, c]), matrix-row ([r, c] + [c]), matrix-column ([r, c] + [r, 1]) or matrix-scalar ([r, c] + a scalar)"),
            FigureParameter("rows", .int, default: "3", help: "rows r of the result, 1…6"),
            FigureParameter("columns", .int, default: "4", help: "columns c of the result, 1…6"),
        ],
        render: { arguments in
            let operands = BroadcastCase(rawValue: try arguments.choice("operands", of: BroadcastCase.allCases.map(\.rawValue)))!
            let rows = try arguments.int("rows", in: 1...6)
            let columns = try arguments.int("columns", in: 1...6)
            return try drawBroadcasting(operands, rows: rows, columns: columns)
        })

    private static func drawBroadcasting(_ operands: BroadcastCase, rows: Int, columns: Int) throws(FigureError) -> String {
        // The operands, as the engine holds them.
        let columnVector = Tensor((0..<rows).map { Double(10 * $0) }, shape: [rows, 1])
        let rowVector = Tensor((1...columns).map(Double.init), shape: [1, columns])
        let matrix = Tensor((0..<rows * columns).map { Double(10 * ($0 / columns) + $0 % columns) }, shape: [rows, columns])
        let left: Tensor, right: Tensor
        switch operands {
        case .columnRow: (left, right) = (columnVector, rowVector)
        case .matrixRow: (left, right) = (matrix, Tensor((1...columns).map { Double($0) }, shape: [columns]))
        case .matrixColumn: (left, right) = (matrix, Tensor((1...rows).map { Double(100 * $0) }, shape: [rows, 1]))
        case .matrixScalar: (left, right) = (matrix, Tensor(100, dtype: .float64))
        }
        let sum = left + right
        guard sum.shape == [rows, columns] else { throw FigureError("broadcasting gave shape \(sum.shape), expected [\(rows), \(columns)]") }

        let cell = 40.0, gap = 48.0, top = 64.0
        let panel = Double(columns) * cell
        let contentWidth = 3 * panel + 2 * gap
        let width = max(contentWidth + 48, 520)
        let height = top + Double(rows) * cell + 66
        let x0 = (width - contentWidth) / 2
        var svg = HandDrawnSVG(width: width, height: height)
        let title = "Broadcasting: \(shapeText(left.shape)) + \(shapeText(right.shape)) → \(shapeText(sum.shape))"
        svg.text(title, x: width / 2, y: 27, anchor: "middle", class: "title")
        svg.text("Dashed cells are stretched copies: the engine reads them from the real cells and never stores them.",
                 x: width / 2, y: 46, anchor: "middle", class: "small muted")

        /// Draws one operand over the full result grid: its own cells solid, the stretched ones dashed.
        func drawOperand(_ t: Tensor, at x: Double, color: Int) {
            let values = t.scalars(as: Double.self)
            // Align from the right: a missing leading axis acts as size 1.
            let shape = Array(repeating: 1, count: 2 - t.rank) + t.shape
            for i in 0..<rows {
                for j in 0..<columns {
                    let own = (shape[0] == 1 ? i == 0 : true) && (shape[1] == 1 ? j == 0 : true)
                    let source = (shape[0] == 1 ? 0 : i) * shape[1] + (shape[1] == 1 ? 0 : j)
                    let cx = x + Double(j) * cell, cy = top + Double(i) * cell
                    svg.rect(x: cx + 2, y: cy + 2, width: cell - 4, height: cell - 4, fillClass: "f\(color)",
                             fillOpacity: own ? 0.3 : 0.08, strokeClass: "s\(color)", dash: own ? nil : "4 3", radius: 3)
                    svg.text(FigureSupport.number(values[source], digits: 0), x: cx + cell / 2, y: cy + cell / 2 + 4,
                             anchor: "middle", class: own ? "bold" : nil, opacity: own ? nil : 0.45)
                }
            }
        }
        let middleY = top + Double(rows) * cell / 2 + 7
        drawOperand(left, at: x0, color: 0)
        svg.text("+", x: x0 + panel + gap / 2, y: middleY, anchor: "middle", class: "title")
        drawOperand(right, at: x0 + panel + gap, color: 1)
        svg.text("=", x: x0 + 2 * panel + 1.5 * gap, y: middleY, anchor: "middle", class: "title")
        drawOperand(sum, at: x0 + 2 * (panel + gap), color: 2)

        let labelY = top + Double(rows) * cell + 22
        for (index, (t, note)) in [(left, stretchNote(left.shape, rows: rows, columns: columns)),
                                   (right, stretchNote(right.shape, rows: rows, columns: columns)),
                                   (sum, "the result")].enumerated() {
            let center = x0 + Double(index) * (panel + gap) + panel / 2
            svg.text(shapeText(t.shape), x: center, y: labelY, anchor: "middle", class: "bold")
            svg.text(note, x: center, y: labelY + 16, anchor: "middle", class: "small muted")
        }

        let sumValues = sum.scalars(as: Double.self)
        let firstRow = sumValues.prefix(columns).map { FigureSupport.number($0, digits: 0) }.joined(separator: ", ")
        let lastRow = sumValues.suffix(columns).map { FigureSupport.number($0, digits: 0) }.joined(separator: ", ")
        let description = "A tensor of shape \(shapeText(left.shape)) plus one of shape \(shapeText(right.shape)). "
            + "Shapes are compared from the right; an axis of size 1, or a missing one, is stretched to match the other operand, "
            + "so both act as \(rows) by \(columns) grids. \(stretchSentence(left.shape, "first")) \(stretchSentence(right.shape, "second")) "
            + "The engine's sum has shape \(shapeText(sum.shape)); its first row is \(firstRow) and its last row is \(lastRow)."
        return svg.document(title: title, description: description)
    }

    private static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    private static func stretchNote(_ shape: [Int], rows: Int, columns: Int) -> String {
        let padded = Array(repeating: 1, count: 2 - shape.count) + shape
        switch (padded[0] == 1 && rows > 1, padded[1] == 1 && columns > 1) {
        case (true, true): return "copied to every cell"
        case (true, false): return "copied down the rows"
        case (false, true): return "copied across the columns"
        case (false, false): return "used as it is"
        }
    }

    private static func stretchSentence(_ shape: [Int], _ which: String) -> String {
        let padded = Array(repeating: 1, count: 2 - shape.count) + shape
        switch (padded[0] == 1, padded[1] == 1) {
        case (true, true): return "The \(which) operand holds one value, repeated in every cell."
        case (true, false): return "The \(which) operand's single row is repeated down the rows."
        case (false, true): return "The \(which) operand's single column is repeated across the columns."
        case (false, false): return "The \(which) operand already has the full shape."
        }
    }

    // MARK: - Histograms of the bundled data

    private static let histogramSets = ["iris", "wine", "breast-cancer", "diabetes"]

    static let datasetHistogram = FigureFunction(
        name: "dataset-histogram",
        summary: "A histogram of one feature of a bundled data set, overlaid by class.",
        parameters: [
            FigureParameter("dataset", .string, default: "iris", help: "iris, wine, breast-cancer or diabetes"),
            FigureParameter("feature", .int, default: "2", help: "the feature's column, from 0"),
            FigureParameter("byClass", .bool, default: "true", help: "one overlaid histogram per class (classification sets)"),
            FigureParameter("bins", .int, default: "0", help: "the number of bins, 1…60; 0 chooses automatically"),
        ],
        render: { arguments in
            let name = try arguments.choice("dataset", of: histogramSets)
            let data = try FigureSupport.bundled(name)
            let featureCount = data.featureNames.count
            let feature = try arguments.int("feature", in: 0...(featureCount - 1))
            let bins = try arguments.int("bins", in: 0...60)
            let byClass = arguments.bool("byClass") && data.isClassification

            let values = data.features[.all, feature].scalars(as: Double.self)
            let featureName = readable(data.featureNames[feature])
            var series: [HistogramChart.Series]
            if byClass {
                let classes = data.target.scalars(as: Int.self)
                series = data.targetNames.indices.map { k in
                    HistogramChart.Series(name: readable(data.targetNames[k]),
                                          values: zip(values, classes).filter { $0.1 == k }.map(\.0))
                }
            } else {
                series = [HistogramChart.Series(name: "", values: values)]
            }
            let setName = ["iris": "iris", "wine": "wine", "breast-cancer": "breast cancer", "diabetes": "diabetes"][name] ?? name
            let capitalized = featureName.prefix(1).uppercased() + featureName.dropFirst()
            let chart = HistogramChart(
                title: "\(capitalized) in the \(setName) data", xLabel: capitalized, series: series, binning: bins == 0 ? .auto : .count(bins),
                description: "\(data.count) samples of the bundled \(setName) data set" + (byClass ? ", one colour per class." : "."))
            return try FigureSupport.render(chart)
        })

    /// A column or class name for a label: underscores become spaces.
    static func readable(_ name: String) -> String {
        name.replacingOccurrences(of: "_", with: " ")
    }
}
