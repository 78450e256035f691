/// A vertical colour bar right of the plot: the colour map as a gradient (or as discrete bands
/// for contour levels) with ticks and labels for the values.
enum ColorBar {
    static let barWidth = 12.0
    static let gap = 18.0

    /// How one discrete band is painted. Both kinds are opaque.
    enum BandFill {
        case color(RGBColor)
        /// Palette colour `index` mixed into the background colour: `amount` 0 is the
        /// background, 1 the full colour. Computed by the browser (CSS `color-mix`), so the
        /// tint follows the theme.
        case tint(index: Int, amount: Double)

        /// The CSS colour.
        var paint: String {
            switch self {
            case .color(let color):
                return color.hex
            case .tint(let index, let amount):
                let percent = NumberFormat.fixed(min(max(amount, 0), 1) * 100, decimals: 1)
                return "color-mix(in srgb,var(--chart-c\(index % Palette.okabeIto.count)) " + percent + "%,var(--chart-bg))"
            }
        }

        /// Fill and stroke as an inline style.
        var css: String { "fill:" + paint + ";stroke:" + paint }
    }

    /// The room to reserve right of the plot for a bar over `domain`.
    static func reservedWidth(domain: ClosedRange<Double>, label: String) -> Double {
        let ticks = NiceTicks.linear(domain, targetCount: 5, expand: false)
        let widest = NiceTicks.labels(ticks).map { TextMetrics.width($0, fontSize: AxisModel.tickFontSize) }.max() ?? 0
        return gap + barWidth + 8 + widest + (label.isEmpty ? 12 : 30)
    }

    /// Draws a continuous bar from `map` over `domain`, right of `plot`, from `top` (default:
    /// the plot's top) to the plot's bottom.
    static func draw(map: ColorMap, domain: ClosedRange<Double>, label: String, beside plot: PlotRect,
                     top: Double? = nil, canvas: inout Canvas) {
        let span = PlotRect(x: plot.maxX + gap, y: top ?? plot.y, width: barWidth, height: plot.maxY - (top ?? plot.y))
        let gradient = canvas.id("colorbar")
        canvas.defs.open("linearGradient", ["id": gradient, "x1": 0, "y1": 1, "x2": 0, "y2": 0])
        for (index, color) in map.anchors.enumerated() {
            let offset = Double(index) / Double(map.anchors.count - 1)
            canvas.defs.element("stop", ["offset": NumberFormat.fixed(offset, decimals: 4), "stop-color": color.hex])
        }
        canvas.defs.close("linearGradient")
        canvas.body.element("rect", ["x": span.x, "y": span.y, "width": barWidth, "height": span.height, "fill": gradient.url])
        drawTicks(domain: domain, label: label, bar: span, canvas: &canvas)
    }

    /// Draws discrete bands: `levels` are the band edges (ascending), `fills` one per band.
    static func drawBands(levels: [Double], fills: [BandFill], label: String, beside plot: PlotRect,
                          top: Double? = nil, canvas: inout Canvas) {
        guard let first = levels.first, let last = levels.last, last > first else { return }
        let span = PlotRect(x: plot.maxX + gap, y: top ?? plot.y, width: barWidth, height: plot.maxY - (top ?? plot.y))
        let scale = LinearScale(domain: first...last, range: (span.maxY, span.y))
        canvas.body.open("g", ["shape-rendering": "crispEdges"])
        for (index, fill) in fills.enumerated() where index + 1 < levels.count {
            guard let bottom = scale.position(levels[index]), let bandTop = scale.position(levels[index + 1]) else { continue }
            canvas.body.element("rect", ["x": span.x, "y": bandTop, "width": barWidth, "height": bottom - bandTop,
                                         "style": fill.css, "stroke-width": 0.5])
        }
        canvas.body.close("g")
        drawTicks(domain: first...last, label: label, bar: span, canvas: &canvas)
    }

    private static func drawTicks(domain: ClosedRange<Double>, label: String, bar: PlotRect, canvas: inout Canvas) {
        canvas.body.element("rect", ["x": bar.x, "y": bar.y, "width": barWidth, "height": bar.height, "class": "frame"])
        let ticks = NiceTicks.linear(domain, targetCount: max(2, Int(bar.height / 50)), expand: false)
        let labels = NiceTicks.labels(ticks)
        let scale = LinearScale(domain: domain, range: (bar.maxY, bar.y))
        var marks = PathData()
        canvas.body.open("g", ["class": "tick-label"])
        for (value, text) in zip(ticks.values, labels) {
            guard let py = scale.position(value) else { continue }
            marks.move(bar.maxX, py)
            marks.line(bar.maxX + 4, py)
            canvas.body.text(text, ["x": bar.maxX + 7, "y": py + 4])
        }
        canvas.body.close("g")
        if !marks.isEmpty { canvas.body.element("path", ["class": "axis", "d": marks.text]) }
        if !label.isEmpty {
            let widest = labels.map { TextMetrics.width($0, fontSize: AxisModel.tickFontSize) }.max() ?? 0
            let px = bar.maxX + 7 + widest + 16
            canvas.body.text(TextMetrics.truncate(label, toWidth: bar.height, fontSize: 12), [
                "x": px, "y": bar.midY, "text-anchor": "middle", "class": "axis-label",
                "transform": "rotate(90 " + NumberFormat.coordinate(px) + " " + NumberFormat.coordinate(bar.midY) + ")",
            ])
        }
    }
}
