/// Smoothed distributions: a Gaussian kernel density estimate per sample, with a light fill
/// under each curve and, for small samples, a rug of tick marks at the data values.
///
/// Non-finite values are skipped.
public struct DensityChart: Chart {
    public typealias Series = HistogramChart.Series

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// The kernel's standard deviation; nil chooses one per series by Silverman's rule.
    public var bandwidth: Double?
    /// Draws a tick per value along the x axis (for series of at most 300 values).
    public var showsRug: Bool
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "Density", series: [Series],
                bandwidth: Double? = nil, showsRug: Bool = true, description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.bandwidth = bandwidth
        self.showsRug = showsRug
        self.description = description
    }

    /// `count` points of the estimate, evenly spaced over `range`.
    static func sample(_ estimate: KernelDensity, over range: ClosedRange<Double>, count: Int) -> [(Double, Double)] {
        let span = range.upperBound - range.lowerBound
        return (0..<count).map { index in
            let x = range.lowerBound + span * Double(index) / Double(count - 1)
            return (x, estimate.density(at: x))
        }
    }

    /// - Throws: ``ChartError/invalidParameter(name:value:expected:)`` for a bandwidth that is
    ///   not a finite positive number.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        var estimates: [KernelDensity] = []
        for item in series {
            estimates.append(try KernelDensity(samples: item.values, bandwidth: bandwidth))
        }
        var support: ClosedRange<Double>? = nil
        for estimate in estimates { support = Extent.union(support, estimate.support) }
        let curves = estimates.map { estimate in
            support.flatMap { estimate.samples.isEmpty ? nil : DensityChart.sample(estimate, over: $0, count: 200) } ?? []
        }
        let yMax = curves.joined().map(\.1).max() ?? 0
        let names = series.map(\.name)
        let summary = Describe.sentences(description, [
            "Kernel density estimate of " + Describe.plural(series.count, "sample")
                + (series.count > 1 ? ": " + Describe.list(names) : ""),
            zip(names, estimates).map { name, estimate in
                "\(name.isEmpty ? "sample" : name): \(estimate.samples.count) values, bandwidth \(Describe.number(estimate.bandwidth))"
            }
                .joined(separator: "; "),
            Describe.axis("x", label: xLabel, extent: support),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let support, yMax > 0 else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let legend = series.count > 1
                ? series.enumerated().map { LegendEntry(label: $0.element.name, swatch: .line(index: $0.offset)) } : []
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: support, label: xLabel, expand: false),
                                y: .init(extent: 0...(yMax * 1.05), label: yLabel),
                                rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)
            for (index, curve) in curves.enumerated() where !curve.isEmpty {
                var line = PathData()
                var area = PathData()
                let baseline = frame.y.position(0) ?? frame.plot.maxY
                for (px, py) in curve {
                    guard let point = frame.point(px, py) else { continue }
                    if line.isEmpty {
                        line.move(point.x, point.y)
                        area.move(point.x, baseline)
                    } else {
                        line.line(point.x, point.y)
                    }
                    area.line(point.x, point.y)
                }
                if let last = curve.last, let px = frame.x.position(last.0) { area.line(px, baseline) }
                area.close()
                canvas.body.element("path", ["class": Palette.fillClass(index), "fill-opacity": "0.18", "d": area.text])
                canvas.body.element("path", ["class": "line " + Palette.strokeClass(index), "d": line.text,
                                             "stroke-dasharray": Palette.dashArray(index)])
                if showsRug && estimates[index].samples.count <= 300 {
                    var rug = PathData()
                    let offset = Double(index) * 7
                    for sample in estimates[index].samples {
                        guard let px = frame.x.position(sample) else { continue }
                        rug.move(px, frame.plot.maxY - 1 - offset)
                        rug.line(px, frame.plot.maxY - 7 - offset)
                    }
                    canvas.body.element("path", ["class": Palette.strokeClass(index), "stroke-opacity": "0.6", "d": rug.text])
                }
            }
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }
}
