/// A function of two variables on a grid, drawn as filled bands between levels or as labelled
/// contour lines, with optional labelled points and paths on top (an optimiser's iterates on a
/// loss surface, the training data over a model's output).
///
/// Grid cells with a non-finite corner are left empty.
public struct ContourChart: Chart {
    public enum Style: Sendable, Equatable {
        /// Bands between levels coloured by the colour map, with a colour bar.
        case filled
        /// Lines at each level in the foreground colour, labelled with their value.
        case lines
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Grid coordinates, strictly increasing.
    public var x: [Double]
    public var y: [Double]
    /// `values[j][i]` is the function at (`x[i]`, `y[j]`): one row per y coordinate.
    public var values: [[Double]]
    /// About how many levels to draw; the levels themselves are round numbers.
    public var levelCount: Int
    /// Explicit levels (ascending), overriding `levelCount`.
    public var levels: [Double]?
    public var style: Style
    public var colorMap: ColorMap
    public var colorBarLabel: String
    public var points: LabeledPoints?
    public var classNames: [String]
    public var trajectories: [Trajectory]
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "", x: [Double], y: [Double],
                values: [[Double]], levelCount: Int = 10, levels: [Double]? = nil, style: Style = .filled,
                colorMap: ColorMap = .viridis, colorBarLabel: String = "", points: LabeledPoints? = nil,
                classNames: [String] = [], trajectories: [Trajectory] = [], description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.values = values
        self.levelCount = levelCount
        self.levels = levels
        self.style = style
        self.colorMap = colorMap
        self.colorBarLabel = colorBarLabel
        self.points = points
        self.classNames = classNames
        self.trajectories = trajectories
        self.description = description
    }

    /// - Throws: ``ChartError`` when the grid's shape does not match its coordinates, the
    ///   coordinates do not increase, explicit levels do not increase, or overlays have
    ///   mismatched lengths.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let grid = try ScalarGrid(x: x, y: y, values: values, name: "values")
        guard levelCount >= 2, levelCount <= 100 else {
            throw .invalidParameter(name: "levelCount", value: String(levelCount), expected: "2…100")
        }
        if let levels {
            guard levels.count >= 2 else {
                throw .invalidParameter(name: "levels", value: "\(levels.count) levels", expected: "at least 2 levels")
            }
            try Validate.strictlyIncreasing("levels", levels)
        }
        let names = try points?.validated(classNames: classNames) ?? classNames
        for path in trajectories {
            try Validate.sameLength("trajectory \"\(path.name)\" y (one per x)", expected: path.x.count, got: path.y.count)
        }
        let extent = grid.finiteExtent
        let levelValues = levels ?? extent.map { NiceTicks.linear($0, targetCount: levelCount).values } ?? []
        let summary = Describe.sentences(description, [
            (style == .filled ? "Filled contour plot" : "Contour plot") + " of a function on a \(x.count) by \(y.count) grid",
            Describe.axis("x", label: xLabel, extent: x.first! ... x.last!),
            Describe.axis("y", label: yLabel, extent: y.first! ... y.last!),
            extent.map {
                "Values " + Describe.range($0) + ", levels every "
                    + Describe.number(levelValues.count > 1 ? levelValues[1] - levelValues[0] : 0)
            } ?? "No data",
            points.map { "With " + Describe.plural($0.x.count, "data point") } ?? "",
            trajectories.isEmpty ? "" : "Paths: " + Describe.list(trajectories.map(\.name)),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard extent != nil, levelValues.count >= 2 else {
                canvas.drawEmptyChart(title: title)
                return
            }
            var legend = names.count > 1 || (points != nil && !names.isEmpty)
                ? names.enumerated().map { LegendEntry(label: $0.element, swatch: .marker(index: $0.offset)) } : []
            for (index, path) in trajectories.enumerated() where !path.name.isEmpty {
                legend.append(LegendEntry(label: path.name, swatch: .line(index: ContourChart.trajectoryColor(index))))
            }
            let domain = levelValues.first!...levelValues.last!
            let reserve = max(Legend.reservedWidth(legend, chartWidth: canvas.width),
                              style == .filled ? ColorBar.reservedWidth(domain: domain, label: colorBarLabel) : 0)
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: x.first!...x.last!, label: xLabel, expand: false),
                                y: .init(extent: y.first!...y.last!, label: yLabel, expand: false),
                                rightReserve: reserve)
            canvas.drawTitle(title)
            switch style {
            case .filled:
                let fills = (0..<(levelValues.count - 1)).map { band in
                    colorMap.color(at: (Double(band) + 0.5) / Double(levelValues.count - 1))
                }
                SurfaceLayer.drawBands(grid, levels: levelValues, fills: fills.map { .color($0) }, frame: frame, canvas: &canvas)
                SurfaceLayer.drawLines(grid, levels: Array(levelValues.dropFirst().dropLast()), frame: frame,
                                       strokeClass: "bg-stroke", width: 0.6, opacity: 0.5, labels: false, canvas: &canvas)
            case .lines:
                SurfaceLayer.drawLines(grid, levels: levelValues, frame: frame, strokeClass: "ink", width: 1.2,
                                       opacity: 0.8, labels: true, canvas: &canvas)
            }
            frame.drawAxes(into: &canvas, verticalGrid: false, horizontalGrid: false)
            if let points {
                let finite = points.finite
                ScatterLayer.draw(finite.points, classes: finite.classes, sizes: nil, frame: frame, outline: "mark-ink", canvas: &canvas)
            }
            for (index, path) in trajectories.enumerated() {
                path.draw(index: ContourChart.trajectoryColor(index), frame: frame, canvas: &canvas)
            }
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
            if style == .filled {
                let fills = (0..<(levelValues.count - 1)).map { band in
                    ColorBar.BandFill.color(colorMap.color(at: (Double(band) + 0.5) / Double(levelValues.count - 1)))
                }
                let top = legend.isEmpty ? nil : frame.plot.y + Legend.height(legend) + 16
                ColorBar.drawBands(levels: levelValues, fills: fills, label: colorBarLabel, beside: frame.plot, top: top, canvas: &canvas)
            }
        }
    }

    /// Paths take palette colours from vermillion on, which stand out against viridis.
    static func trajectoryColor(_ index: Int) -> Int { index + 3 }
}
