/// A confusion matrix: true classes down the rows, predicted classes across the columns, each
/// cell showing its count. Cells are coloured by the share of their row (the recall for the
/// diagonal), so that rare classes are as visible as common ones.
public struct ConfusionMatrixChart: Chart {
    public var title: String
    /// `counts[trueClass][predictedClass]`, square and non-negative.
    public var counts: [[Int]]
    /// One name per class; empty numbers the classes from 0.
    public var classNames: [String]
    /// Adds each cell's share of its row under the count, when the cells are large enough.
    public var showsPercentages: Bool
    public var colorMap: ColorMap
    public var description: String?

    public init(title: String, counts: [[Int]], classNames: [String] = [], showsPercentages: Bool = true,
                colorMap: ColorMap = .viridis, description: String? = nil) {
        self.title = title
        self.counts = counts
        self.classNames = classNames
        self.showsPercentages = showsPercentages
        self.colorMap = colorMap
        self.description = description
    }

    public var defaultSize: ChartSize { .square }

    /// - Throws: ``ChartError`` when the matrix is not square, a count is negative, or the
    ///   number of class names differs from the number of classes.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let (rows, columns) = try Validate.rectangular("counts", counts)
        try Validate.sameLength("counts columns (a square matrix)", expected: rows, got: columns)
        if !classNames.isEmpty { try Validate.sameLength("classNames (one per class)", expected: rows, got: classNames.count) }
        for (row, values) in counts.enumerated() {
            for (column, count) in values.enumerated() where count < 0 {
                throw .invalidParameter(name: "counts[\(row)][\(column)]", value: String(count), expected: "a count ≥ 0")
            }
        }
        let names = classNames.isEmpty ? (0..<rows).map(String.init) : classNames
        let total = counts.joined().reduce(0, +)
        let correct = (0..<rows).reduce(0) { $0 + counts[$1][$1] }
        let shares: [[Double]] = counts.map { row in
            let sum = row.reduce(0, +)
            return row.map { sum > 0 ? Double($0) / Double(sum) : .nan }
        }
        let summary = Describe.sentences(description, [
            "Confusion matrix of " + Describe.plural(rows, "class", "classes") + ": " + Describe.list(names, limit: 10)
                + ". Rows are true classes, columns predicted classes",
            total > 0
                ? "\(correct) of \(total) predictions are correct (accuracy "
                    + NumberFormat.fixed(Double(correct) / Double(total) * 100, decimals: 1) + " %)"
                : "No data",
            (0..<rows).map { "\(names[$0]): \(counts[$0][$0]) of \(counts[$0].reduce(0, +)) correct" }.joined(separator: "; "),
        ])
        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard rows > 0 else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let layout = MatrixLayout(
                size: canvas.size, title: title, rows: rows, columns: columns, rowLabels: names, columnLabels: names,
                rowTitle: "True class", columnTitle: "Predicted class",
                rightReserve: ColorBar.reservedWidth(domain: 0...1, label: "Share of true class"), squareCells: true)
            canvas.drawTitle(title)
            let values = counts.map { $0.map(Double.init) }
            // Rows without any sample have no shares: show their cells as missing only when empty.
            let colorValues = shares.map { $0.map { $0.isNaN ? 0 : $0 } }
            let percentages = showsPercentages && layout.cellHeight >= 38
            MatrixCells.draw(values, layout: layout, map: colorMap, domain: 0...1, colorValues: colorValues,
                             textOffset: percentages ? -1 : 4, canvas: &canvas) { value in
                layout.cellWidth >= 22 ? String(Int(value)) : nil
            }
            if percentages {
                canvas.body.open("g", ["text-anchor": "middle", "class": "small"])
                for row in 0..<rows {
                    for column in 0..<columns where shares[row][column].isFinite {
                        let share = shares[row][column]
                        let dark = colorMap.color(at: share).prefersDarkText
                        canvas.body.text(NumberFormat.fixed(share * 100, decimals: 1) + " %", [
                            "x": layout.cellX(column) + layout.cellWidth / 2,
                            "y": layout.cellY(row) + layout.cellHeight / 2 + 14,
                            "class": dark ? "on-light" : "on-dark",
                        ])
                    }
                }
                canvas.body.close("g")
            }
            layout.drawLabels(rowTitle: "True class", columnTitle: "Predicted class", canvas: &canvas)
            ColorBar.draw(map: colorMap, domain: 0...1, label: "Share of true class", beside: layout.plot, canvas: &canvas)
        }
    }
}
