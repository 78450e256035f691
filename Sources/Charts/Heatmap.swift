/// A matrix of values as coloured cells, with a colour bar. Row 0 is drawn at the top, as in a
/// printed matrix. Useful for correlation matrices, attention weights, weight matrices and
/// hyper-parameter grids.
///
/// Non-finite cells are drawn in the grid colour, as missing.
public struct Heatmap: Chart {
    public var title: String
    /// `values[row][column]`.
    public var values: [[Double]]
    /// One per row; empty numbers the rows from 0.
    public var rowLabels: [String]
    /// One per column; empty numbers the columns from 0.
    public var columnLabels: [String]
    public var rowTitle: String
    public var columnTitle: String
    public var colorMap: ColorMap
    /// The values at the ends of the colour map; nil uses the data's range (made symmetric
    /// around zero for a diverging map).
    public var valueRange: ClosedRange<Double>?
    public var colorBarLabel: String
    /// Writes each value in its cell; nil does so when the cells are large enough.
    public var showsValues: Bool?
    public var description: String?

    public init(title: String, values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                rowTitle: String = "", columnTitle: String = "", colorMap: ColorMap = .viridis,
                valueRange: ClosedRange<Double>? = nil, colorBarLabel: String = "", showsValues: Bool? = nil,
                description: String? = nil) {
        self.title = title
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.colorMap = colorMap
        self.valueRange = valueRange
        self.colorBarLabel = colorBarLabel
        self.showsValues = showsValues
        self.description = description
    }

    public var defaultSize: ChartSize { .square }

    /// - Throws: ``ChartError`` for ragged rows, label counts that do not match the matrix, or a
    ///   value range that is not finite and increasing.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let (rows, columns) = try Validate.rectangular("values", values)
        if !rowLabels.isEmpty { try Validate.sameLength("rowLabels (one per row)", expected: rows, got: rowLabels.count) }
        if !columnLabels.isEmpty { try Validate.sameLength("columnLabels (one per column)", expected: columns, got: columnLabels.count) }
        try LineChart.validate(valueRange, kind: .linear, name: "valueRange")
        let domain = valueRange ?? Heatmap.colorDomain(values.joined(), map: colorMap)
        let summary = Describe.sentences(description, [
            "Heatmap of \(rows) rows by \(columns) columns",
            domain.map { "Values " + Describe.range($0) + ", shown by colour" } ?? "No data",
        ])
        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let domain else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let layout = MatrixLayout(
                size: canvas.size, title: title, rows: rows, columns: columns,
                rowLabels: rowLabels.isEmpty ? (0..<rows).map(String.init) : rowLabels,
                columnLabels: columnLabels.isEmpty ? (0..<columns).map(String.init) : columnLabels,
                rowTitle: rowTitle, columnTitle: columnTitle,
                rightReserve: ColorBar.reservedWidth(domain: domain, label: colorBarLabel), squareCells: false)
            canvas.drawTitle(title)
            MatrixCells.draw(values, layout: layout, map: colorMap, domain: domain, canvas: &canvas) { value in
                let labels = showsValues ?? (layout.cellWidth >= 30 && layout.cellHeight >= 16)
                return labels ? NumberFormat.significant(value, digits: 2) : nil
            }
            layout.drawLabels(rowTitle: rowTitle, columnTitle: columnTitle, canvas: &canvas)
            ColorBar.draw(map: colorMap, domain: domain, label: colorBarLabel, beside: layout.plot, canvas: &canvas)
        }
    }

    /// The data's finite range, symmetric around zero for a diverging map, widened when flat.
    static func colorDomain<S: Sequence>(_ values: S, map: ColorMap) -> ClosedRange<Double>? where S.Element == Double {
        guard let extent = Extent.of(values) else { return nil }
        if map.isDiverging {
            let bound = max(extent.lowerBound.magnitude, extent.upperBound.magnitude)
            return bound > 0 ? -bound...bound : -1...1
        }
        if extent.lowerBound == extent.upperBound {
            let pad = extent.lowerBound == 0 ? 1 : extent.lowerBound.magnitude * 0.1
            return (extent.lowerBound - pad)...(extent.upperBound + pad)
        }
        return extent
    }
}
