/// Box plots of several samples side by side: the box spans the quartiles, the line inside is
/// the median, whiskers reach the furthest values within 1.5 interquartile ranges of the box
/// (Tukey's rule), and values beyond are drawn as outlier circles.
///
/// Non-finite values are skipped; a group with no finite values shows no box.
public struct BoxPlot: Chart {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var groups: [Group]
    public var groupLabel: String
    public var valueLabel: String
    public var orientation: BarChart.Orientation
    public var description: String?

    public init(title: String, groups: [Group], groupLabel: String = "", valueLabel: String = "",
                orientation: BarChart.Orientation = .vertical, description: String? = nil) {
        self.title = title
        self.groups = groups
        self.groupLabel = groupLabel
        self.valueLabel = valueLabel
        self.orientation = orientation
        self.description = description
    }

    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let statistics = groups.map { BoxStatistics(values: $0.values) }
        let extent = Extent.of(groups.flatMap(\.values))
        let summary = Describe.sentences(description, [
            "Box plot of " + Describe.plural(groups.count, "group") + ": " + Describe.list(groups.map(\.name), limit: 10),
            zip(groups, statistics).compactMap { group, stats in
                stats.map {
                    "\(group.name): median \(Describe.number($0.median)), quartiles \(Describe.number($0.lowerQuartile))"
                        + " to \(Describe.number($0.upperQuartile)), \(Describe.plural($0.outliers.count, "outlier"))"
                }
            }.joined(separator: "; "),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let extent else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let horizontal = orientation == .horizontal
            let frame = CategoryFrame(size: canvas.size, title: title, categories: groups.map(\.name),
                                      valueExtent: extent, categoryLabel: groupLabel, valueLabel: valueLabel,
                                      horizontal: horizontal, bandPadding: 0.4)
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)

            // Draws in (band offset, value) coordinates, swapped for horizontal plots.
            func point(_ across: Double, _ value: Double) -> (Double, Double)? {
                guard let p = frame.value.position(value) else { return nil }
                return horizontal ? (p, across) : (across, p)
            }
            for (index, stats) in statistics.enumerated() {
                guard let stats else { continue }
                let start = frame.bands.start(index)
                let width = frame.bands.bandwidth
                let center = frame.bands.center(index)
                guard let q1 = point(start, stats.lowerQuartile), let q3 = point(start + width, stats.upperQuartile),
                      let m0 = point(start, stats.median), let m1 = point(start + width, stats.median),
                      let w0 = point(center, stats.lowerWhisker), let b0 = point(center, stats.lowerQuartile),
                      let w1 = point(center, stats.upperWhisker), let b1 = point(center, stats.upperQuartile)
                else { continue }
                var whiskers = PathData()
                whiskers.move(w0.0, w0.1); whiskers.line(b0.0, b0.1)
                whiskers.move(b1.0, b1.1); whiskers.line(w1.0, w1.1)
                for value in [stats.lowerWhisker, stats.upperWhisker] {
                    guard let a = point(center - width / 4, value), let b = point(center + width / 4, value) else { continue }
                    whiskers.move(a.0, a.1); whiskers.line(b.0, b.1)
                }
                canvas.body.open("g", ["class": Palette.strokeClass(index), "stroke-width": 1.5])
                canvas.body.element("path", ["d": whiskers.text, "fill": "none"])
                canvas.body.element("rect", ["x": min(q1.0, q3.0), "y": min(q1.1, q3.1), "width": abs(q3.0 - q1.0),
                                             "height": abs(q3.1 - q1.1), "class": Palette.fillClass(index), "fill-opacity": "0.3"])
                canvas.body.element("path", ["d": "M" + NumberFormat.coordinate(m0.0) + " " + NumberFormat.coordinate(m0.1)
                                                + "L" + NumberFormat.coordinate(m1.0) + " " + NumberFormat.coordinate(m1.1),
                                             "stroke-width": 2.5])
                for outlier in stats.outliers {
                    guard let p = point(center, outlier) else { continue }
                    canvas.body.element("circle", ["cx": p.0, "cy": p.1, "r": 2.5, "fill": "none"])
                }
                canvas.body.close("g")
            }
        }
    }
}
