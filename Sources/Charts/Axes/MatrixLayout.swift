/// The layout of a matrix of cells (heatmaps, confusion matrices): row labels on the left,
/// column labels underneath (rotated when they do not fit), axis titles, and room on the right
/// for a colour bar. Cells are square when `squareCells` is set, and the block is centred in
/// the space left over.
struct MatrixLayout {
    let plot: PlotRect
    let rows: Int
    let columns: Int
    let cellWidth: Double
    let cellHeight: Double
    let rotatesColumnLabels: Bool
    let rowLabels: [String]
    let columnLabels: [String]
    /// How far below the cells the column labels reach.
    let columnLabelDrop: Double

    static let labelFontSize = 11.0
    static let rotation = 45.0

    init(size: ChartSize, title: String, rows: Int, columns: Int, rowLabels: [String], columnLabels: [String],
         rowTitle: String, columnTitle: String, rightReserve: Double, squareCells: Bool) {
        self.rows = rows
        self.columns = columns
        self.rowLabels = rowLabels.map { TextMetrics.truncate($0, toWidth: size.width * 0.25, fontSize: Self.labelFontSize) }
        self.columnLabels = columnLabels.map { TextMetrics.truncate($0, toWidth: 110, fontSize: Self.labelFontSize) }
        let top = Canvas.titleHeight(title) + 4
        let rowLabelWidth = self.rowLabels.map { TextMetrics.width($0, fontSize: Self.labelFontSize) }.max() ?? 0
        let columnLabelWidths = self.columnLabels.map { TextMetrics.width($0, fontSize: Self.labelFontSize) }
        var left = 12 + (rowTitle.isEmpty ? 0 : 20) + rowLabelWidth + 8
        let right = max(rightReserve, 16)
        if columns > 0, let firstWidth = columnLabelWidths.first,
           columnLabelWidths.contains(where: { $0 + 6 > max(size.width - left - right, 20) / Double(columns) }) {
            // A rotated first label reaches left of its column by its width × cos(rotation).
            let cell = max(size.width - left - right, 20) / Double(columns)
            left = max(left, firstWidth * Math.cos(Self.rotation * .pi / 180) - cell / 2 + 10)
        }
        let availableWidth = max(size.width - left - right, 20)

        let uniformWidth = availableWidth / Double(max(columns, 1))
        let rotated = columnLabelWidths.contains { $0 + 6 > uniformWidth }
        columnLabelDrop = columnLabels.isEmpty ? 0
            : (rotated ? (columnLabelWidths.max() ?? 0) * Math.sin(Self.rotation * .pi / 180) + 16 : AxisModel.tickLabelHeight + 8)
        let bottom = columnLabelDrop + (columnTitle.isEmpty ? 10 : 30)
        let availableHeight = max(size.height - top - bottom, 20)
        var width = availableWidth / Double(max(columns, 1))
        var height = availableHeight / Double(max(rows, 1))
        if squareCells {
            width = min(width, height)
            height = width
        }
        cellWidth = width
        cellHeight = height
        rotatesColumnLabels = rotated
        let blockWidth = width * Double(columns)
        let blockHeight = height * Double(rows)
        // Square cells leave room over in one direction: centre the block in it.
        plot = PlotRect(x: left + (availableWidth - blockWidth) / 2, y: top + (availableHeight - blockHeight) / 2,
                        width: blockWidth, height: blockHeight)
    }

    func cellX(_ column: Int) -> Double { plot.x + Double(column) * cellWidth }
    func cellY(_ row: Int) -> Double { plot.y + Double(row) * cellHeight }

    func drawLabels(rowTitle: String, columnTitle: String, canvas: inout Canvas) {
        canvas.body.open("g", ["class": "tick-label"])
        for (row, label) in rowLabels.enumerated() where row < rows {
            canvas.body.text(label, ["x": plot.x - 6, "y": cellY(row) + cellHeight / 2 + 4, "text-anchor": "end"])
        }
        for (column, label) in columnLabels.enumerated() where column < columns {
            let center = cellX(column) + cellWidth / 2
            if rotatesColumnLabels {
                let y = plot.maxY + 12
                canvas.body.text(label, [
                    "x": center, "y": y, "text-anchor": "end",
                    "transform": "rotate(-" + NumberFormat.coordinate(Self.rotation) + " "
                        + NumberFormat.coordinate(center) + " " + NumberFormat.coordinate(y) + ")",
                ])
            } else {
                canvas.body.text(label, ["x": center, "y": plot.maxY + 16, "text-anchor": "middle"])
            }
        }
        canvas.body.close("g")
        AxisTitles.draw(x: columnTitle, y: rowTitle, plot: plot, canvas: &canvas, xBaseline: plot.maxY + columnLabelDrop + 20)
    }
}
