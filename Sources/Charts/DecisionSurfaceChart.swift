/// A classifier's decision surface over a grid, with the data points on top.
///
/// Two kinds of surface:
/// - `.classes`: the predicted class at each grid point; each class's region is tinted with the
///   class colour (the same colour and marker shape as its points).
/// - `.probability`: the predicted probability of class 1 (binary problems); bands every 0.1 are
///   tinted towards class 0's or class 1's colour, more strongly the more certain the model, and
///   the decision boundary (the threshold contour) is drawn as a line.
public struct DecisionSurfaceChart: Chart {
    public enum Surface: Sendable, Equatable {
        /// `classes[j][i]` is the predicted class at (`gridX[i]`, `gridY[j]`), 0-based.
        case classes([[Int]])
        /// `probabilities[j][i]` is P(class 1) at (`gridX[i]`, `gridY[j]`), in 0…1.
        case probability([[Double]], threshold: Double = 0.5)
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var gridX: [Double]
    public var gridY: [Double]
    public var surface: Surface
    public var points: LabeledPoints?
    public var classNames: [String]
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "", gridX: [Double], gridY: [Double],
                surface: Surface, points: LabeledPoints? = nil, classNames: [String] = [], description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.gridX = gridX
        self.gridY = gridY
        self.surface = surface
        self.points = points
        self.classNames = classNames
        self.description = description
    }

    /// - Throws: ``ChartError`` when the grid's shape does not match its coordinates, the
    ///   coordinates do not increase, a class is negative or unnamed, the threshold is outside
    ///   0…1, or the points have mismatched lengths.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        var names = try points?.validated(classNames: classNames) ?? classNames
        let grid: ScalarGrid
        var threshold = 0.5
        switch surface {
        case .classes(let classes):
            grid = try ScalarGrid(x: gridX, y: gridY, values: classes.map { $0.map(Double.init) }, name: "classes")
            let surfaceNames = try ClassLabels.names(Array(classes.joined()), names: classNames, pointCount: classes.joined().count)
            if surfaceNames.count > names.count { names = surfaceNames }
        case .probability(let probabilities, let level):
            grid = try ScalarGrid(x: gridX, y: gridY, values: probabilities, name: "probabilities")
            guard level > 0, level < 1 else {
                throw .invalidParameter(name: "threshold", value: NumberFormat.plain(level), expected: "a probability strictly between 0 and 1")
            }
            threshold = level
            if names.count < 2 { names = ["Class 0", "Class 1"] }
        }
        let isProbability = if case .probability = surface { true } else { false }
        let summary = Describe.sentences(description, [
            "Decision surface of a classifier over a \(gridX.count) by \(gridY.count) grid"
                + (isProbability ? ", shaded by the probability of " + names[1] : ", tinted by predicted class"),
            names.isEmpty ? "" : "Classes: " + Describe.list(names),
            Describe.axis("x", label: xLabel, extent: gridX.first! ... gridX.last!),
            Describe.axis("y", label: yLabel, extent: gridY.first! ... gridY.last!),
            points.map { "With " + Describe.plural($0.x.count, "data point") } ?? "",
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            let legend = names.enumerated().map { LegendEntry(label: $0.element, swatch: .marker(index: $0.offset)) }
            let probabilityLabel = "P(" + (names.count > 1 ? names[1] : "class 1") + ")"
            let reserve = max(Legend.reservedWidth(legend, chartWidth: canvas.width),
                              isProbability ? ColorBar.reservedWidth(domain: 0...1, label: probabilityLabel) : 0)
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: gridX.first!...gridX.last!, label: xLabel, expand: false),
                                y: .init(extent: gridY.first!...gridY.last!, label: yLabel, expand: false),
                                rightReserve: reserve)
            canvas.drawTitle(title)
            if case .classes(let classes) = surface {
                DecisionSurfaceChart.drawClassRegions(classes, gridX: gridX, gridY: gridY, frame: frame, canvas: &canvas)
            } else {
                // Bands every 0.1, with the threshold as an extra edge so the boundary is exact.
                var levels = (0...10).map { Double($0) / 10 }
                if !levels.contains(threshold) { levels.append(threshold); levels.sort() }
                let fills = DecisionSurfaceChart.probabilityFills(levels: levels, threshold: threshold)
                SurfaceLayer.drawBands(grid, levels: levels, fills: fills, frame: frame, canvas: &canvas)
                SurfaceLayer.drawLines(grid, levels: [threshold], frame: frame, strokeClass: "ink", width: 2,
                                       opacity: 0.9, labels: false, canvas: &canvas)
                ColorBar.drawBands(levels: levels, fills: fills, label: probabilityLabel, beside: frame.plot,
                                   top: frame.plot.y + Legend.height(legend) + 16, canvas: &canvas)
            }
            frame.drawAxes(into: &canvas, verticalGrid: false, horizontalGrid: false)
            if let points {
                let finite = points.finite
                ScatterLayer.draw(finite.points, classes: finite.classes, sizes: nil, frame: frame, outline: "mark-ink", canvas: &canvas)
            }
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }

    /// Tints towards class 0 below the threshold and class 1 above, stronger further from it.
    static func probabilityFills(levels: [Double], threshold: Double) -> [ColorBar.BandFill] {
        zip(levels, levels.dropFirst()).map { low, high in
            let middle = (low + high) / 2
            let certainty = middle < threshold ? (threshold - middle) / threshold : (middle - threshold) / (1 - threshold)
            return .tint(index: middle < threshold ? 0 : 1, amount: 0.08 + 0.5 * certainty)
        }
    }

    /// Each grid point owns the rectangle reaching halfway to its neighbours; runs of one class
    /// along a row are merged into one rectangle.
    static func drawClassRegions(_ classes: [[Int]], gridX: [Double], gridY: [Double], frame: XYFrame, canvas: inout Canvas) {
        var regions: [Int: PathData] = [:]
        var order: [Int] = []
        func edges(_ coordinates: [Double]) -> [Double] {
            var result = [coordinates[0]]
            for index in coordinates.indices.dropFirst() { result.append((coordinates[index - 1] + coordinates[index]) / 2) }
            result.append(coordinates[coordinates.count - 1])
            return result
        }
        let xEdges = edges(gridX), yEdges = edges(gridY)
        for (j, row) in classes.enumerated() {
            var start = 0
            while start < row.count {
                var end = start
                while end + 1 < row.count && row[end + 1] == row[start] { end += 1 }
                guard let a = frame.point(xEdges[start], yEdges[j]), let b = frame.point(xEdges[end + 1], yEdges[j + 1]) else {
                    start = end + 1
                    continue
                }
                let label = row[start]
                if regions[label] == nil { order.append(label) }
                regions[label, default: PathData(decimals: 1)]
                    .rectangle(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
                start = end + 1
            }
        }
        canvas.body.open("g", ["class": "surface", "shape-rendering": "crispEdges"])
        for label in order.sorted() {
            canvas.body.element("path", ["style": "fill:" + ColorBar.BandFill.tint(index: label, amount: 0.3).paint,
                                         "d": regions[label]!.text])
        }
        canvas.body.close("g")
    }
}
