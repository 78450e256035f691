/// Points in the plane, coloured (and shaped) by class, optionally sized by a value.
///
/// Points with a non-finite coordinate or size, or a coordinate that is not positive on a log
/// axis, are skipped.
public struct ScatterChart: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var x: [Double]
    public var y: [Double]
    /// The class of each point, 0-based; nil draws every point in the first colour.
    public var classes: [Int]?
    /// Legend names for the classes; empty names them "Class 0", "Class 1", ….
    public var classNames: [String]
    /// A value per point shown as marker area (zero or negative values get the smallest marker).
    public var sizes: [Double]?
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "", x: [Double], y: [Double],
                classes: [Int]? = nil, classNames: [String] = [], sizes: [Double]? = nil,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear, description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.classes = classes
        self.classNames = classNames
        self.sizes = sizes
        self.xScale = xScale
        self.yScale = yScale
        self.description = description
    }

    /// - Throws: ``ChartError`` when `y`, `classes` or `sizes` do not have one entry per x, or a
    ///   class is negative or has no name in a non-empty `classNames`.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        try Validate.sameLength("y (one per x)", expected: x.count, got: y.count)
        let classNames = try ClassLabels.names(classes, names: self.classNames, pointCount: x.count)
        if let sizes { try Validate.sameLength("sizes (one per point)", expected: x.count, got: sizes.count) }

        let included = x.indices.filter { index in
            LineChart.placeable(x[index], xScale) && LineChart.placeable(y[index], yScale)
                && (sizes?[index].isFinite ?? true)
        }
        let xExtent = Extent.of(included.map { x[$0] })
        let yExtent = Extent.of(included.map { y[$0] })
        let summary = Describe.sentences(description, [
            "Scatter plot of " + Describe.plural(included.count, "point")
                + (classNames.count > 1 ? " in " + Describe.plural(classNames.count, "class", "classes") + ": " + Describe.list(classNames) : ""),
            Describe.axis("x", label: xLabel, extent: xExtent, kind: xScale),
            Describe.axis("y", label: yLabel, extent: yExtent, kind: yScale),
            sizes != nil ? "Marker area shows a value per point" : "",
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let xExtent, let yExtent else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let legend = classNames.count > 1
                ? classNames.enumerated().map { LegendEntry(label: $0.element, swatch: .marker(index: $0.offset)) } : []
            let frame = XYFrame(
                size: canvas.size, title: title,
                x: .init(kind: xScale, extent: xExtent, label: xLabel, padding: 0.03),
                y: .init(kind: yScale, extent: yExtent, label: yLabel, padding: 0.03),
                rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)
            ScatterLayer.draw(included.map { (x[$0], y[$0]) }, classes: included.map { classes?[$0] ?? 0 },
                              sizes: sizes.map { s in included.map { s[$0] } }, frame: frame,
                              outline: "mark", canvas: &canvas)
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }
}
