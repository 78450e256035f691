/// Scalar fields over a grid: filled bands between levels and (labelled) contour lines.
enum SurfaceLayer {
    /// Paints the band between `levels[b]` and `levels[b + 1]` with `fills[b]`, by painting the
    /// region above each level over the previous one (see ``Contours/region(_:atLeast:)``).
    static func drawBands(_ grid: ScalarGrid, levels: [Double], fills: [ColorBar.BandFill], frame: XYFrame, canvas: inout Canvas) {
        canvas.body.open("g", ["class": "surface", "stroke-linejoin": "round", "stroke-width": 0.6])
        for (index, fill) in fills.enumerated() where index + 1 < levels.count {
            let region = Contours.region(grid, atLeast: index == 0 ? nil : levels[index])
            var path = PathData(decimals: 1)
            for rectangle in region.rectangles {
                guard let a = frame.point(rectangle.x0, rectangle.y0), let b = frame.point(rectangle.x1, rectangle.y1) else { continue }
                path.rectangle(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
            }
            for polygon in region.polygons {
                let mapped = polygon.compactMap { frame.point($0.x, $0.y) }
                if mapped.count == polygon.count { path.polygon(mapped) }
            }
            guard !path.isEmpty else { continue }
            // Neighbouring pieces of one region would show hairline seams from anti-aliasing;
            // a thin stroke in the fill's own colour closes them.
            canvas.body.element("path", ["style": fill.css, "d": path.text])
        }
        canvas.body.close("g")
    }

    static func drawLines(_ grid: ScalarGrid, levels: [Double], frame: XYFrame, strokeClass: String, width: Double,
                          opacity: Double, labels: Bool, canvas: inout Canvas) {
        canvas.body.open("g", ["class": strokeClass, "fill": "none", "stroke-width": width,
                               "stroke-opacity": NumberFormat.fixed(opacity, decimals: 3), "stroke-linejoin": "round"])
        var labelPositions: [(x: Double, y: Double, text: String)] = []
        let step = levels.count > 1 ? levels[1] - levels[0] : 1
        let decimals = max(0, -NumberFormat.decimalExponent(step.magnitude > 0 ? step.magnitude : 1))
        for level in levels {
            var path = PathData(decimals: 1)
            var longest: [(x: Double, y: Double)] = []
            for line in Contours.lines(grid, level: level) {
                let mapped = line.compactMap { frame.point($0.x, $0.y) }
                guard let first = mapped.first else { continue }
                path.move(first.x, first.y)
                for point in mapped.dropFirst() { path.line(point.x, point.y) }
                if mapped.count > longest.count { longest = mapped }
            }
            guard !path.isEmpty else { continue }
            canvas.body.element("path", ["d": path.text])
            if labels && longest.count >= 8 {
                // The label goes where the line is furthest from the plot's edges, searching the
                // middle half of the line so that labels of nested contours spread out.
                let candidates = longest[(longest.count / 4)..<(longest.count * 3 / 4)]
                func room(_ p: (x: Double, y: Double)) -> Double {
                    min(p.x - frame.plot.x, frame.plot.maxX - p.x, p.y - frame.plot.y, frame.plot.maxY - p.y)
                }
                let anchor = candidates.max { room($0) < room($1) }!
                if room(anchor) >= 12 {
                    labelPositions.append((anchor.x, anchor.y, NumberFormat.fixed(level, decimals: decimals, minus: "−")))
                }
            }
        }
        canvas.body.close("g")
        guard !labelPositions.isEmpty else { return }
        // Each label sits on its line over a patch of background, as on a printed map.
        canvas.body.open("g", ["class": "small", "text-anchor": "middle"])
        for label in labelPositions {
            let width = TextMetrics.width(label.text, fontSize: 10) + 6
            canvas.body.element("rect", ["x": label.x - width / 2, "y": label.y - 7, "width": width, "height": 14.0,
                                         "rx": 3.0, "class": "bg"])
            canvas.body.text(label.text, ["x": label.x, "y": label.y + 3.5])
        }
        canvas.body.close("g")
    }
}
