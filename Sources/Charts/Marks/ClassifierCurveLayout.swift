/// What ROC and precision–recall charts share: unit axes, curves, and the legend with areas.
enum ClassifierCurveLayout {
    static let size = ChartSize(width: 600, height: 440)

    static func render(kind: String, title: String, description: String?, curves: [ClassifierScores],
                       points: [CurvePoints?], areaName: String, xLabel: String, yLabel: String,
                       theme: ChartTheme, size: ChartSize, steps: Bool,
                       reference: (XYFrame, inout Canvas) -> Void) throws(ChartError) -> String {
        let labels = zip(curves, points).map { curve, points in
            let area = points.map { areaName + " = " + NumberFormat.fixed($0.area, decimals: 3, trimZeros: false) }
                ?? "needs both classes"
            return curve.name.isEmpty ? area : curve.name + " (" + area + ")"
        }
        let summary = Describe.sentences(description, [
            kind + " curves for " + Describe.plural(curves.count, "classifier") + (labels.isEmpty ? "" : ": " + labels.joined(separator: "; ")),
        ])
        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            let legend = labels.enumerated().map { LegendEntry(label: $0.element, swatch: .line(index: $0.offset)) }
            // The legend goes under the plot: its labels carry the areas and must not be cut.
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: 0...1, label: xLabel, padding: 0.015, expand: false),
                                y: .init(extent: 0...1, label: yLabel, padding: 0.015, expand: false),
                                bottomReserve: Legend.heightBelow(legend, maxWidth: canvas.width - 100))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)
            reference(frame, &canvas)
            for (index, curve) in points.enumerated() {
                guard let curve else { continue }
                var path = PathData()
                for k in curve.x.indices {
                    guard let point = frame.point(curve.x[k], curve.y[k]) else { continue }
                    if path.isEmpty {
                        path.move(point.x, point.y)
                    } else if steps, let previous = frame.point(curve.x[k - 1], curve.y[k]) {
                        // Precision holds from the previous recall up to this one.
                        path.line(previous.x, previous.y)
                        path.line(point.x, point.y)
                    } else {
                        path.line(point.x, point.y)
                    }
                }
                canvas.body.element("path", ["class": "line " + Palette.strokeClass(index), "d": path.text,
                                             "stroke-dasharray": Palette.dashArray(index)])
            }
            Legend.drawBelow(legend, plot: frame.plot, top: frame.plot.maxY + 48, canvas: &canvas)
        }
    }
}
