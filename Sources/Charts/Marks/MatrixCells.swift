/// Coloured cells with optional text, shared by heatmaps and confusion matrices.
enum MatrixCells {
    static func draw(_ values: [[Double]], layout: MatrixLayout, map: ColorMap, domain: ClosedRange<Double>,
                     colorValues: [[Double]]? = nil, textOffset: Double = 4, canvas: inout Canvas,
                     label: (Double) -> String?) {
        let span = domain.upperBound - domain.lowerBound
        canvas.body.open("g", ["shape-rendering": "crispEdges"])
        var texts: [(x: Double, y: Double, text: String, dark: Bool)] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                let x = layout.cellX(column), y = layout.cellY(row)
                let colorValue = colorValues?[row][column] ?? value
                guard value.isFinite, colorValue.isFinite else {
                    canvas.body.element("rect", ["x": x, "y": y, "width": layout.cellWidth, "height": layout.cellHeight, "class": "missing"])
                    continue
                }
                let color = map.color(at: (colorValue - domain.lowerBound) / span)
                canvas.body.element("rect", ["x": x, "y": y, "width": layout.cellWidth, "height": layout.cellHeight, "fill": color.hex])
                if let text = label(value) {
                    texts.append((x + layout.cellWidth / 2, y + layout.cellHeight / 2 + textOffset, text, color.prefersDarkText))
                }
            }
        }
        canvas.body.close("g")
        guard !texts.isEmpty else { return }
        let fontSize = min(12, max(8, layout.cellHeight * 0.4))
        canvas.body.open("g", ["text-anchor": "middle", "font-size": fontSize])
        for item in texts {
            let text = TextMetrics.width(item.text, fontSize: fontSize) <= layout.cellWidth - 2 ? item.text : ""
            guard !text.isEmpty else { continue }
            canvas.body.text(text, ["x": item.x, "y": item.y, "class": item.dark ? "on-light" : "on-dark"])
        }
        canvas.body.close("g")
    }
}
