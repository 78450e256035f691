/// The frame of a chart with one categorical axis (a band per category) and one continuous
/// value axis: bar charts and box plots, vertical or horizontal.
///
/// Category labels that do not fit side by side under vertical bars are rotated; on horizontal
/// charts they sit left of the bands, shortened with an ellipsis beyond 30 % of the width.
struct CategoryFrame {
    let plot: PlotRect
    let bands: BandScale
    let valueAxis: AxisModel
    let value: any ContinuousScale
    /// Values run along x (bars grow rightwards).
    let horizontal: Bool
    let categories: [String]
    let categoryLabel: String
    let valueLabel: String
    let rotatesLabels: Bool

    static let labelFontSize = 11.0
    static let rotation = 40.0

    init(size: ChartSize, title: String, categories: [String], valueExtent: ClosedRange<Double>,
         categoryLabel: String, valueLabel: String, horizontal: Bool, rightReserve: Double = 0,
         bandPadding: Double = 0.2) {
        self.horizontal = horizontal
        self.categories = categories
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        let top = Canvas.titleHeight(title) + 4
        let right = max(rightReserve, 22)
        let labelWidths = categories.map { TextMetrics.width($0, fontSize: Self.labelFontSize) }
        let widest = labelWidths.max() ?? 0

        if horizontal {
            let labelRoom = min(widest, size.width * 0.3)
            let left = 12 + (categoryLabel.isEmpty ? 0 : 20) + labelRoom + 10
            let bottom = 4 + 4 + AxisModel.tickLabelHeight + (valueLabel.isEmpty ? 10 : 28)
            let plotWidth = max(size.width - left - right, 20)
            let plotHeight = max(size.height - top - bottom, 20)
            valueAxis = AxisModel.make(kind: .linear, extent: valueExtent, length: plotWidth, horizontal: true)
            plot = PlotRect(x: left, y: top, width: plotWidth, height: plotHeight)
            value = valueAxis.scale(from: plot.x, to: plot.maxX)
            bands = BandScale(count: categories.count, range: (plot.y, plot.maxY), padding: bandPadding)
            rotatesLabels = false
            return
        }

        func layout(rotated: Bool, minimumLeft: Double = 0) -> (PlotRect, AxisModel) {
            let labelDrop = rotated
                ? min(widest, 120) * Math.sin(Self.rotation * .pi / 180) + 14
                : AxisModel.tickLabelHeight
            let bottom = 4 + 4 + labelDrop + (categoryLabel.isEmpty ? 10 : 28)
            let plotHeight = max(size.height - top - bottom, 20)
            let axis = AxisModel.make(kind: .linear, extent: valueExtent, length: plotHeight, horizontal: false)
            let left = max(12 + (valueLabel.isEmpty ? 0 : 20) + axis.maxLabelWidth + 8, minimumLeft)
            let plotWidth = max(size.width - left - right, 20)
            return (PlotRect(x: left, y: top, width: plotWidth, height: plotHeight), axis)
        }
        var (rect, axis) = layout(rotated: false)
        let step = rect.width / Double(max(categories.count, 1))
        let overlaps = zip(labelWidths, labelWidths.dropFirst()).contains { ($0 + $1) / 2 + 8 > step }
            || (labelWidths.first ?? 0) / 2 > rect.x
        if overlaps {
            (rect, axis) = layout(rotated: true)
            // The first rotated label reaches left of its band by its width × cos(rotation):
            // widen the left margin if it would leave the chart.
            let firstWidth = min(labelWidths.first ?? 0, 120)
            let reach = firstWidth * Math.cos(Self.rotation * .pi / 180) - rect.width / Double(max(categories.count, 1)) / 2 + 6
            if reach > rect.x { (rect, axis) = layout(rotated: true, minimumLeft: reach + 4) }
        }
        rotatesLabels = overlaps
        plot = rect
        valueAxis = axis
        value = axis.scale(from: rect.maxY, to: rect.y)
        bands = BandScale(count: categories.count, range: (rect.x, rect.maxX), padding: bandPadding)
    }

    /// Value grid lines, the axes, tick labels, category labels and axis titles.
    func drawAxes(into canvas: inout Canvas) {
        var grid = PathData()
        var axes = PathData()
        for tick in valueAxis.ticks {
            guard let p = value.position(tick.value) else { continue }
            if horizontal {
                grid.move(p, plot.y); grid.line(p, plot.maxY)
                axes.move(p, plot.maxY); axes.line(p, plot.maxY + 5)
            } else {
                grid.move(plot.x, p); grid.line(plot.maxX, p)
                axes.move(plot.x, p); axes.line(plot.x - 5, p)
            }
        }
        canvas.body.element("path", ["class": "grid", "d": grid.text])
        axes.move(plot.x, plot.y)
        axes.line(plot.x, plot.maxY)
        axes.line(plot.maxX, plot.maxY)
        canvas.body.element("path", ["class": "axis", "d": axes.text])

        canvas.body.open("g", ["class": "tick-label", "text-anchor": horizontal ? "middle" : "end"])
        for tick in valueAxis.ticks {
            guard !tick.label.isEmpty, let p = value.position(tick.value) else { continue }
            if horizontal {
                canvas.body.text(tick.label, ["x": p, "y": plot.maxY + 18])
            } else {
                canvas.body.text(tick.label, ["x": plot.x - 8, "y": p + 4])
            }
        }
        canvas.body.close("g")

        canvas.body.open("g", ["class": "tick-label"])
        // Below about 10 units per band even rotated labels collide; leave them out.
        let crowded = bands.step < 10
        for (index, name) in categories.enumerated() where !crowded {
            let center = bands.center(index)
            if horizontal {
                let text = TextMetrics.truncate(name, toWidth: canvas.width * 0.3, fontSize: Self.labelFontSize)
                canvas.body.text(text, ["x": plot.x - 8, "y": center + 4, "text-anchor": "end"])
            } else if rotatesLabels {
                let text = TextMetrics.truncate(name, toWidth: 120, fontSize: Self.labelFontSize)
                let y = plot.maxY + 12
                canvas.body.text(text, [
                    "x": center, "y": y, "text-anchor": "end",
                    "transform": "rotate(-" + NumberFormat.coordinate(Self.rotation) + " "
                        + NumberFormat.coordinate(center) + " " + NumberFormat.coordinate(y) + ")",
                ])
            } else {
                canvas.body.text(name, ["x": center, "y": plot.maxY + 18, "text-anchor": "middle"])
            }
        }
        canvas.body.close("g")

        let xTitle = horizontal ? valueLabel : categoryLabel
        let yTitle = horizontal ? categoryLabel : valueLabel
        let xBaseline = canvas.height - 10
        AxisTitles.draw(x: xTitle, y: yTitle, plot: plot, canvas: &canvas, xBaseline: xBaseline)
    }
}
