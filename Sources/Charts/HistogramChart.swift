/// A histogram of one or more samples over shared bins, optionally with a kernel density
/// estimate drawn over it. Several samples are overlaid with translucent fills.
///
/// Non-finite values are skipped.
public struct HistogramChart: Chart {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// What the bar heights show.
    public enum Normalization: Sendable, Equatable {
        /// The number of values in each bin.
        case count
        /// Count ÷ (total × bin width): the bars' area sums to 1, comparable with a density curve.
        case density
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String?
    public var series: [Series]
    public var binning: Binning
    public var normalization: Normalization
    /// Draws a Gaussian kernel density estimate per series (the bars then show density).
    public var showsDensityCurve: Bool
    public var description: String?

    /// - Parameter yLabel: nil labels the axis "Count" or "Density".
    public init(title: String, xLabel: String = "", yLabel: String? = nil, series: [Series],
                binning: Binning = .auto, normalization: Normalization = .count,
                showsDensityCurve: Bool = false, description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.binning = binning
        self.normalization = normalization
        self.showsDensityCurve = showsDensityCurve
        self.description = description
    }

    /// A histogram of a single sample.
    public init(title: String, xLabel: String = "", values: [Double], binning: Binning = .auto,
                showsDensityCurve: Bool = false) {
        self.init(title: title, xLabel: xLabel, series: [Series(name: "", values: values)],
                  binning: binning, showsDensityCurve: showsDensityCurve)
    }

    /// - Throws: ``ChartError/invalidParameter(name:value:expected:)`` for unusable binning.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let density = normalization == .density || showsDensityCurve
        let edges = try Histogram.edges(for: series.flatMap { $0.values.filter(\.isFinite) }, binning: binning)
        var histograms: [Histogram] = []
        for item in series {
            histograms.append(try Histogram(values: item.values, binning: .edges(edges.count >= 2 ? edges : [0, 1])))
        }
        let heights: [[Double]] = zip(series, histograms).map { item, histogram in
            let total = Double(histogram.counts.reduce(0, +))
            return histogram.counts.indices.map { bin in
                let count = Double(histogram.counts[bin])
                guard density else { return count }
                return total > 0 ? count / (total * (edges[bin + 1] - edges[bin])) : 0
            }
        }
        var curves: [[(Double, Double)]] = []
        if showsDensityCurve, let first = edges.first, let last = edges.last {
            for item in series {
                let estimate = try KernelDensity(samples: item.values)
                guard !estimate.samples.isEmpty else { curves.append([]); continue }
                curves.append(DensityChart.sample(estimate, over: first...last, count: 160))
            }
        }
        let total = series.reduce(0) { $0 + $1.values.filter(\.isFinite).count }
        let hasData = total > 0 && edges.count >= 2
        let xExtent = hasData ? edges.first!...edges.last! : nil
        var yMax = heights.joined().max() ?? 0
        for curve in curves { yMax = max(yMax, curve.map(\.1).max() ?? 0) }
        let axisLabel = yLabel ?? (density ? "Density" : "Count")
        let names = series.map(\.name).filter { !$0.isEmpty }
        let summary = Describe.sentences(description, [
            "Histogram of " + Describe.plural(total, "value") + " in " + Describe.plural(max(edges.count - 1, 0), "bin")
                + (names.count > 1 ? ", overlaid for " + Describe.list(names) : ""),
            showsDensityCurve ? "A kernel density estimate is drawn over the bars" : "",
            Describe.axis("x", label: xLabel, extent: xExtent),
            Describe.axis("y", label: axisLabel, extent: hasData ? 0...yMax : nil),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let xExtent, hasData else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let legend = series.count > 1
                ? series.enumerated().map { LegendEntry(label: $0.element.name, swatch: .box(fillClass: Palette.fillClass($0.offset), opacity: 0.5)) }
                : []
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: xExtent, label: xLabel),
                                y: .init(extent: 0...max(yMax * 1.04, Double.leastNormalMagnitude), label: axisLabel),
                                rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas, verticalGrid: false)
            let overlaid = series.count > 1
            for (index, bars) in heights.enumerated() {
                var outline = PathData()
                canvas.body.open("g", ["class": Palette.fillClass(index) + (overlaid ? "" : " mark"),
                                       "fill-opacity": overlaid ? "0.45" : "0.85"])
                for (bin, height) in bars.enumerated() where height > 0 {
                    guard let x0 = frame.x.position(edges[bin]), let x1 = frame.x.position(edges[bin + 1]),
                          let y0 = frame.y.position(0), let y1 = frame.y.position(height) else { continue }
                    canvas.body.element("rect", ["x": x0, "y": y1, "width": x1 - x0, "height": y0 - y1])
                    if overlaid {
                        outline.move(x0, y0); outline.line(x0, y1); outline.line(x1, y1); outline.line(x1, y0)
                    }
                }
                canvas.body.close("g")
                if overlaid && !outline.isEmpty {
                    canvas.body.element("path", ["class": Palette.strokeClass(index), "fill": "none", "stroke-width": 1.0, "d": outline.text])
                }
            }
            for (index, curve) in curves.enumerated() {
                var path = PathData()
                for (px, py) in curve {
                    guard let point = frame.point(px, py) else { continue }
                    if path.isEmpty { path.move(point.x, point.y) } else { path.line(point.x, point.y) }
                }
                // A single series' curve is drawn in the foreground colour to stand out from its bars.
                let stroke = overlaid ? Palette.strokeClass(index) : "ink"
                if !path.isEmpty { canvas.body.element("path", ["class": "line " + stroke, "d": path.text]) }
            }
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }
}
