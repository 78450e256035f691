/// Bars for values by category, several series side by side within each category (grouped),
/// vertical or horizontal. Bars grow from zero, so negative values point the other way.
///
/// Non-finite values leave their bar out.
public struct BarChart: Chart {
    public enum Orientation: Sendable, Equatable {
        /// Categories along x, bars grow upwards.
        case vertical
        /// Categories along y, bars grow rightwards (better for long category names).
        case horizontal
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per category.
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var categoryLabel: String
    public var valueLabel: String
    public var orientation: Orientation
    /// Writes each value at the end of its bar.
    public var showsValues: Bool
    public var description: String?

    public init(title: String, categories: [String], series: [Series], categoryLabel: String = "",
                valueLabel: String = "", orientation: Orientation = .vertical, showsValues: Bool = false,
                description: String? = nil) {
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.orientation = orientation
        self.showsValues = showsValues
        self.description = description
    }

    /// A single series.
    public init(title: String, categories: [String], values: [Double], categoryLabel: String = "",
                valueLabel: String = "", orientation: Orientation = .vertical, showsValues: Bool = false) {
        self.init(title: title, categories: categories, series: [Series(name: "", values: values)],
                  categoryLabel: categoryLabel, valueLabel: valueLabel, orientation: orientation, showsValues: showsValues)
    }

    /// - Throws: ``ChartError/lengthMismatch(what:expected:got:)`` when a series does not have
    ///   one value per category.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        for item in series {
            try Validate.sameLength("series \"\(item.name)\" values (one per category)", expected: categories.count, got: item.values.count)
        }
        let extent = Extent.of(series.flatMap(\.values)).map { Extent.including($0, 0) }
        let names = series.map(\.name).filter { !$0.isEmpty }
        let summary = Describe.sentences(description, [
            (orientation == .vertical ? "Bar chart" : "Horizontal bar chart") + " of "
                + Describe.plural(categories.count, "category", "categories") + ": " + Describe.list(categories, limit: 10)
                + (names.count > 1 ? "; series " + Describe.list(names) : ""),
            Describe.axis("value", label: valueLabel, extent: extent),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard let extent, !categories.isEmpty else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let legend = series.count > 1
                ? series.enumerated().map { LegendEntry(label: $0.element.name, swatch: .box(fillClass: Palette.fillClass($0.offset), opacity: 1)) }
                : []
            let horizontal = orientation == .horizontal
            let frame = CategoryFrame(size: canvas.size, title: title, categories: categories, valueExtent: extent,
                                      categoryLabel: categoryLabel, valueLabel: valueLabel, horizontal: horizontal,
                                      rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)
            let inner = BandScale(count: series.count, range: (0, frame.bands.bandwidth), padding: series.count > 1 ? 0.08 : 0)
            guard let zero = frame.value.position(0) else { return }
            for (seriesIndex, item) in series.enumerated() {
                canvas.body.open("g", ["class": Palette.fillClass(seriesIndex)])
                for (category, value) in item.values.enumerated() {
                    guard let end = frame.value.position(value) else { continue }
                    let start = frame.bands.start(category) + inner.start(seriesIndex)
                    let low = min(zero, end), length = abs(end - zero)
                    if horizontal {
                        canvas.body.element("rect", ["x": low, "y": start, "width": length, "height": inner.bandwidth])
                    } else {
                        canvas.body.element("rect", ["x": start, "y": low, "width": inner.bandwidth, "height": length])
                    }
                }
                canvas.body.close("g")
            }
            if showsValues {
                canvas.body.open("g", ["class": "small"])
                for (seriesIndex, item) in series.enumerated() {
                    for (category, value) in item.values.enumerated() {
                        guard let end = frame.value.position(value) else { continue }
                        let center = frame.bands.start(category) + inner.center(seriesIndex)
                        let text = NumberFormat.significant(value)
                        if horizontal {
                            canvas.body.text(text, ["x": end + (value < 0 ? -4 : 4), "y": center + 4,
                                                    "text-anchor": value < 0 ? "end" : "start"])
                        } else {
                            canvas.body.text(text, ["x": center, "y": value < 0 ? end + 12 : end - 4, "text-anchor": "middle"])
                        }
                    }
                }
                canvas.body.close("g")
            }
            // The zero line over the bars, so negative and positive bars share a visible base.
            var base = PathData()
            if horizontal { base.move(zero, frame.plot.y); base.line(zero, frame.plot.maxY) }
            else { base.move(frame.plot.x, zero); base.line(frame.plot.maxX, zero) }
            canvas.body.element("path", ["class": "axis", "d": base.text])
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }
}
