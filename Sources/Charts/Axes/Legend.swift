/// What a legend entry shows next to its label.
enum Swatch {
    /// A line in category colour `index`, with that category's dash pattern.
    case line(index: Int)
    /// A line with the given stroke class and dash pattern.
    case styledLine(strokeClass: String, dash: String?)
    /// A marker in category colour `index`, in that category's shape.
    case marker(index: Int)
    /// A filled square with the given fill class and opacity.
    case box(fillClass: String, opacity: Double)
    /// A filled circle in a fixed colour (values shown through a colour map).
    case dot(RGBColor)
}

struct LegendEntry {
    var label: String
    var swatch: Swatch
}

/// A legend placed outside the plot area, to its right, so that it never covers data.
enum Legend {
    static let fontSize = 12.0
    static let rowHeight = 20.0
    static let swatchWidth = 22.0
    static let gap = 16.0

    /// Labels longer than this share of the chart width are shortened with an ellipsis.
    static func maxTextWidth(chartWidth: Double) -> Double { chartWidth * 0.26 }

    /// The room to reserve right of the plot, or 0 when there is nothing to show.
    static func reservedWidth(_ entries: [LegendEntry], chartWidth: Double) -> Double {
        guard !entries.isEmpty else { return 0 }
        let widest = entries.map { TextMetrics.width($0.label, fontSize: fontSize) }.max() ?? 0
        return gap + swatchWidth + 6 + min(widest, maxTextWidth(chartWidth: chartWidth)) + 12
    }

    /// The height the entries take.
    static func height(_ entries: [LegendEntry], title: String = "") -> Double {
        entries.isEmpty ? 0 : Double(entries.count + (title.isEmpty ? 0 : 1)) * rowHeight
    }

    /// Draws the entries in a column starting at the top right of `plot`.
    static func draw(_ entries: [LegendEntry], beside plot: PlotRect, canvas: inout Canvas, title: String = "") {
        guard !entries.isEmpty else { return }
        let left = plot.maxX + gap
        var top = plot.y + 4
        let textWidth = maxTextWidth(chartWidth: canvas.width)
        canvas.body.open("g", ["class": "legend"])
        if !title.isEmpty {
            canvas.body.text(TextMetrics.truncate(title, toWidth: swatchWidth + 6 + textWidth, fontSize: fontSize),
                             ["x": left, "y": top + 10, "class": "muted"])
            top += rowHeight
        }
        for (row, entry) in entries.enumerated() {
            let centerY = top + Double(row) * rowHeight + 6
            drawSwatch(entry.swatch, x: left, centerY: centerY, canvas: &canvas)
            let label = TextMetrics.truncate(entry.label, toWidth: textWidth, fontSize: fontSize)
            canvas.body.text(label, ["x": left + swatchWidth + 6, "y": centerY + 4])
        }
        canvas.body.close("g")
    }

    // MARK: Below the plot

    /// Entries laid out in rows under the plot, for labels too long for a side legend (curve
    /// names with their AUC). Returns the rows: the entry indices and each row's width.
    static func rows(_ entries: [LegendEntry], maxWidth: Double) -> [(entries: [Int], width: Double)] {
        var rows: [(entries: [Int], width: Double)] = []
        for (index, entry) in entries.enumerated() {
            let label = TextMetrics.truncate(entry.label, toWidth: maxWidth - swatchWidth - 6, fontSize: fontSize)
            let width = swatchWidth + 6 + TextMetrics.width(label, fontSize: fontSize)
            if let last = rows.last, last.width + 20 + width <= maxWidth {
                rows[rows.count - 1].entries.append(index)
                rows[rows.count - 1].width += 20 + width
            } else {
                rows.append(([index], width))
            }
        }
        return rows
    }

    /// The height to reserve under the x-axis title.
    static func heightBelow(_ entries: [LegendEntry], maxWidth: Double) -> Double {
        entries.isEmpty ? 0 : Double(rows(entries, maxWidth: maxWidth).count) * rowHeight + 6
    }

    /// Draws the rows centred under `plot`, the first row's middle at `top + 10`.
    static func drawBelow(_ entries: [LegendEntry], plot: PlotRect, top: Double, canvas: inout Canvas) {
        guard !entries.isEmpty else { return }
        canvas.body.open("g", ["class": "legend"])
        for (rowIndex, row) in rows(entries, maxWidth: plot.width).enumerated() {
            var x = plot.midX - row.width / 2
            let centerY = top + 10 + Double(rowIndex) * rowHeight
            for index in row.entries {
                let entry = entries[index]
                drawSwatch(entry.swatch, x: x, centerY: centerY, canvas: &canvas)
                let label = TextMetrics.truncate(entry.label, toWidth: plot.width - swatchWidth - 6, fontSize: fontSize)
                canvas.body.text(label, ["x": x + swatchWidth + 6, "y": centerY + 4])
                x += swatchWidth + 6 + TextMetrics.width(label, fontSize: fontSize) + 20
            }
        }
        canvas.body.close("g")
    }

    private static func drawSwatch(_ swatch: Swatch, x: Double, centerY: Double, canvas: inout Canvas) {
        switch swatch {
        case .line(let index):
            canvas.body.element("path", [
                "class": "line " + Palette.strokeClass(index),
                "d": "M" + NumberFormat.coordinate(x) + " " + NumberFormat.coordinate(centerY)
                    + "h" + NumberFormat.coordinate(swatchWidth),
                "stroke-dasharray": Palette.dashArray(index),
            ])
        case .styledLine(let strokeClass, let dash):
            canvas.body.element("path", [
                "class": "line " + strokeClass,
                "d": "M" + NumberFormat.coordinate(x) + " " + NumberFormat.coordinate(centerY)
                    + "h" + NumberFormat.coordinate(swatchWidth),
                "stroke-dasharray": dash,
            ])
        case .marker(let index):
            Marker.draw(shapeIndex: index, x: x + swatchWidth / 2, y: centerY, radius: 5,
                        classes: "mark " + Palette.fillClass(index), into: &canvas.body)
        case .dot(let color):
            canvas.body.element("circle", ["cx": x + swatchWidth / 2, "cy": centerY, "r": 6.0, "fill": color.hex,
                                           "class": "ink", "stroke-width": 1.0])
        case .box(let fillClass, let opacity):
            canvas.body.element("rect", [
                "x": x + 4, "y": centerY - 7, "width": 14.0, "height": 14.0, "class": fillClass,
                "fill-opacity": opacity < 1 ? NumberFormat.fixed(opacity, decimals: 3) : nil,
            ])
        }
    }
}
