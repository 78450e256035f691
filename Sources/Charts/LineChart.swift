/// Lines through (x, y) points: training curves, functions of one variable, several series
/// told apart by colour (and by dash pattern past eight series), with a legend.
///
/// Non-finite points, and points that are not positive on a log axis, are skipped and break the
/// line there.
public struct LineChart: Chart {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        /// Draws a marker at each point as well as the line.
        public var showsMarkers: Bool

        public init(name: String, x: [Double], y: [Double], showsMarkers: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.showsMarkers = showsMarkers
        }

        /// A series at x = 0, 1, 2, … (epochs, steps).
        public init(name: String, y: [Double], showsMarkers: Bool = false) {
            self.init(name: name, x: y.indices.map(Double.init), y: y, showsMarkers: showsMarkers)
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var xScale: AxisScale
    public var yScale: AxisScale
    /// A fixed x range; nil fits the data. Lines beyond it are clipped.
    public var xDomain: ClosedRange<Double>?
    /// A fixed y range; nil fits the data. Lines beyond it are clipped.
    public var yDomain: ClosedRange<Double>?
    /// Extra text for screen readers, read before the generated summary.
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "", series: [Series],
                xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
                description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xScale = xScale
        self.yScale = yScale
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.description = description
    }

    /// - Throws: ``ChartError`` when a series' x and y differ in length, or a fixed domain is
    ///   not finite (or not positive on a log axis).
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        for item in series {
            try Validate.sameLength("series \"\(item.name)\" y (one per x)", expected: item.x.count, got: item.y.count)
        }
        try LineChart.validate(xDomain, kind: xScale, name: "xDomain")
        try LineChart.validate(yDomain, kind: yScale, name: "yDomain")

        var xExtent: ClosedRange<Double>? = nil
        var yExtent: ClosedRange<Double>? = nil
        for item in series {
            for (px, py) in zip(item.x, item.y) where LineChart.placeable(px, xScale) && LineChart.placeable(py, yScale) {
                xExtent = Extent.including(xExtent, px)
                yExtent = Extent.including(yExtent, py)
            }
        }
        let names = series.map(\.name)
        let summary = Describe.sentences(description, [
            "Line chart with " + Describe.plural(series.count, "series", "series")
                + (series.count > 1 ? ": " + Describe.list(names) : ""),
            Describe.axis("x", label: xLabel, extent: xExtent, kind: xScale),
            Describe.axis("y", label: yLabel, extent: yExtent, kind: yScale),
            xExtent == nil ? "No data" : "",
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let xExtent, let yExtent else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let legend = series.count > 1
                ? series.enumerated().map { LegendEntry(label: $0.element.name, swatch: .line(index: $0.offset)) } : []
            let frame = XYFrame(
                size: canvas.size, title: title,
                x: .init(kind: xScale, extent: xDomain ?? xExtent, label: xLabel, expand: xDomain == nil),
                y: .init(kind: yScale, extent: yDomain ?? yExtent, label: yLabel, expand: yDomain == nil),
                rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)

            let clipped = xDomain != nil || yDomain != nil
            if clipped {
                let clip = canvas.id("plot")
                canvas.defs.open("clipPath", ["id": clip])
                canvas.defs.element("rect", ["x": frame.plot.x, "y": frame.plot.y, "width": frame.plot.width, "height": frame.plot.height])
                canvas.defs.close("clipPath")
                canvas.body.open("g", ["clip-path": clip.url])
            } else {
                canvas.body.open("g")
            }
            for (index, item) in series.enumerated() {
                var path = PathData()
                var penDown = false
                var markers: [(x: Double, y: Double)] = []
                for (px, py) in zip(item.x, item.y) {
                    guard let point = frame.point(px, py) else {
                        penDown = false
                        continue
                    }
                    if penDown { path.line(point.x, point.y) } else { path.move(point.x, point.y) }
                    penDown = true
                    markers.append(point)
                }
                if !path.isEmpty {
                    canvas.body.element("path", ["class": "line " + Palette.strokeClass(index), "d": path.text,
                                                 "stroke-dasharray": Palette.dashArray(index)])
                }
                if item.showsMarkers {
                    for point in markers {
                        Marker.draw(shapeIndex: 0, x: point.x, y: point.y, radius: 3.5,
                                    classes: "mark " + Palette.fillClass(index), into: &canvas.body)
                    }
                }
            }
            canvas.body.close("g")
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }

    static func placeable(_ value: Double, _ kind: AxisScale) -> Bool {
        value.isFinite && (kind == .linear || value > 0)
    }

    static func validate(_ domain: ClosedRange<Double>?, kind: AxisScale, name: String) throws(ChartError) {
        guard let domain else { return }
        let valid = domain.lowerBound.isFinite && domain.upperBound.isFinite && domain.lowerBound < domain.upperBound
            && (kind == .linear || domain.lowerBound > 0)
        if !valid {
            throw .invalidParameter(
                name: name, value: NumberFormat.plain(domain.lowerBound) + "..." + NumberFormat.plain(domain.upperBound),
                expected: kind == .log ? "a finite range of positive values with lower < upper" : "a finite range with lower < upper")
        }
    }
}
