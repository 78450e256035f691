/// The frame of a chart with two continuous axes: where the plot area lies, the axes' ticks
/// and scales, and the drawing of grid lines, axes, tick labels and axis titles.
///
/// Margins follow from the content: the left margin from the widest y tick label, the bottom
/// from whether there is an x-axis title, the right from what the chart reserves for a legend
/// or colour bar. Nothing is drawn over the plot area except the data.
struct XYFrame {
    let plot: PlotRect
    let xAxis: AxisModel
    let yAxis: AxisModel
    let x: any ContinuousScale
    let y: any ContinuousScale
    let xLabel: String
    let yLabel: String

    struct AxisSpec {
        var kind: AxisScale = .linear
        var extent: ClosedRange<Double>
        var label: String = ""
        var padding: Double = 0
        var expand: Bool = true
    }

    /// - Parameters:
    ///   - rightReserve: room to keep free right of the plot (legend, colour bar).
    ///   - bottomReserve: room to keep free under the x-axis title (a legend below the plot).
    init(size: ChartSize, title: String, x xSpec: AxisSpec, y ySpec: AxisSpec, rightReserve: Double = 0,
         bottomReserve: Double = 0) {
        let top = Canvas.titleHeight(title) + 4
        let bottom = 4 + 4 + AxisModel.tickLabelHeight + (xSpec.label.isEmpty ? 10 : 28) + bottomReserve
        let plotHeight = max(size.height - top - bottom, 20)
        let yAxis = AxisModel.make(kind: ySpec.kind, extent: ySpec.extent, length: plotHeight,
                                   horizontal: false, padding: ySpec.padding, expand: ySpec.expand)
        let left = 12 + (ySpec.label.isEmpty ? 0 : 20) + yAxis.maxLabelWidth + 8
        let right = max(rightReserve, 22)
        let plotWidth = max(size.width - left - right, 20)
        let xAxis = AxisModel.make(kind: xSpec.kind, extent: xSpec.extent, length: plotWidth,
                                   horizontal: true, padding: xSpec.padding, expand: xSpec.expand)
        plot = PlotRect(x: left, y: top, width: plotWidth, height: plotHeight)
        self.xAxis = xAxis
        self.yAxis = yAxis
        x = xAxis.scale(from: plot.x, to: plot.maxX)
        y = yAxis.scale(from: plot.maxY, to: plot.y)
        xLabel = xSpec.label
        yLabel = ySpec.label
    }

    /// The position of a data point, or nil when either coordinate cannot be placed.
    func point(_ px: Double, _ py: Double) -> (x: Double, y: Double)? {
        guard let sx = x.position(px), let sy = y.position(py) else { return nil }
        return (sx, sy)
    }

    /// Grid lines, then axes with ticks and labels, then the axis titles.
    func drawAxes(into canvas: inout Canvas, verticalGrid: Bool = true, horizontalGrid: Bool = true) {
        var grid = PathData()
        if verticalGrid {
            for tick in xAxis.ticks {
                guard let px = x.position(tick.value) else { continue }
                grid.move(px, plot.y)
                grid.line(px, plot.maxY)
            }
        }
        if horizontalGrid {
            for tick in yAxis.ticks {
                guard let py = y.position(tick.value) else { continue }
                grid.move(plot.x, py)
                grid.line(plot.maxX, py)
            }
        }
        if !grid.isEmpty { canvas.body.element("path", ["class": "grid", "d": grid.text]) }

        var axes = PathData()
        axes.move(plot.x, plot.y)
        axes.line(plot.x, plot.maxY)
        axes.line(plot.maxX, plot.maxY)
        for tick in xAxis.ticks {
            guard let px = x.position(tick.value) else { continue }
            axes.move(px, plot.maxY)
            axes.line(px, plot.maxY + 5)
        }
        for value in xAxis.minor {
            guard let px = x.position(value) else { continue }
            axes.move(px, plot.maxY)
            axes.line(px, plot.maxY + 3)
        }
        for tick in yAxis.ticks {
            guard let py = y.position(tick.value) else { continue }
            axes.move(plot.x, py)
            axes.line(plot.x - 5, py)
        }
        for value in yAxis.minor {
            guard let py = y.position(value) else { continue }
            axes.move(plot.x, py)
            axes.line(plot.x - 3, py)
        }
        canvas.body.element("path", ["class": "axis", "d": axes.text])

        canvas.body.open("g", ["class": "tick-label", "text-anchor": "middle"])
        for tick in xAxis.ticks {
            guard !tick.label.isEmpty, let px = x.position(tick.value) else { continue }
            canvas.body.text(tick.label, ["x": px, "y": plot.maxY + 18])
        }
        canvas.body.close("g")
        canvas.body.open("g", ["class": "tick-label", "text-anchor": "end"])
        for tick in yAxis.ticks {
            guard !tick.label.isEmpty, let py = y.position(tick.value) else { continue }
            canvas.body.text(tick.label, ["x": plot.x - 8, "y": py + 4])
        }
        canvas.body.close("g")
        AxisTitles.draw(x: xLabel, y: yLabel, plot: plot, canvas: &canvas)
    }
}

/// Axis titles: the x title centred under the plot, the y title rotated along the left edge.
enum AxisTitles {
    static func draw(x xLabel: String, y yLabel: String, plot: PlotRect, canvas: inout Canvas,
                     xBaseline: Double? = nil) {
        if !xLabel.isEmpty {
            let text = TextMetrics.truncate(xLabel, toWidth: plot.width, fontSize: 12)
            canvas.body.text(text, ["x": plot.midX, "y": xBaseline ?? (plot.maxY + 40), "text-anchor": "middle", "class": "axis-label"])
        }
        if !yLabel.isEmpty {
            let text = TextMetrics.truncate(yLabel, toWidth: plot.height, fontSize: 12)
            let px = 24.0
            canvas.body.text(text, [
                "x": px, "y": plot.midY, "text-anchor": "middle", "class": "axis-label",
                "transform": "rotate(-90 " + NumberFormat.coordinate(px) + " " + NumberFormat.coordinate(plot.midY) + ")",
            ])
        }
    }
}
