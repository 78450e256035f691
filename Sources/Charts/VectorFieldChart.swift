/// Arrows on a grid: a vector field such as the negative gradient of a loss. Arrow length is
/// proportional to the vector's magnitude (the longest arrow nearly fills a grid cell), and
/// arrows are centred on their grid point. Optional faint contour lines of a scalar field (the
/// loss itself) and paths (an optimiser's iterates) can be drawn with them.
///
/// Vectors with a non-finite component are skipped.
public struct VectorFieldChart: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Grid coordinates, strictly increasing.
    public var x: [Double]
    public var y: [Double]
    /// `u[j][i]`, `v[j][i]`: the vector's x and y components at (`x[i]`, `y[j]`).
    public var u: [[Double]]
    public var v: [[Double]]
    /// A scalar field on the same grid, drawn as labelled contour lines under the arrows.
    public var potential: [[Double]]?
    public var trajectories: [Trajectory]
    public var description: String?

    public init(title: String, xLabel: String = "", yLabel: String = "", x: [Double], y: [Double],
                u: [[Double]], v: [[Double]], potential: [[Double]]? = nil, trajectories: [Trajectory] = [],
                description: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.u = u
        self.v = v
        self.potential = potential
        self.trajectories = trajectories
        self.description = description
    }

    /// - Throws: ``ChartError`` when `u`, `v` or `potential` do not have one row per y
    ///   coordinate and one value per x coordinate, or the coordinates do not increase.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        // Built only to check the shapes of the two component grids.
        _ = try ScalarGrid(x: x, y: y, values: u, name: "u")
        _ = try ScalarGrid(x: x, y: y, values: v, name: "v")
        let potentialGrid = try potential.map { values throws(ChartError) in try ScalarGrid(x: x, y: y, values: values, name: "potential") }
        for path in trajectories {
            try Validate.sameLength("trajectory \"\(path.name)\" y (one per x)", expected: path.x.count, got: path.y.count)
        }
        var largest = 0.0
        for j in y.indices {
            for i in x.indices where u[j][i].isFinite && v[j][i].isFinite {
                largest = max(largest, (u[j][i] * u[j][i] + v[j][i] * v[j][i]).squareRoot())
            }
        }
        let summary = Describe.sentences(description, [
            "Vector field on a \(x.count) by \(y.count) grid; arrow length shows magnitude, largest " + Describe.number(largest),
            Describe.axis("x", label: xLabel, extent: x.first! ... x.last!),
            Describe.axis("y", label: yLabel, extent: y.first! ... y.last!),
            potential == nil ? "" : "Contour lines show the underlying scalar field",
            trajectories.isEmpty ? "" : "Paths: " + Describe.list(trajectories.map(\.name)),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            let legend = trajectories.enumerated().filter { !$0.element.name.isEmpty }
                .map { LegendEntry(label: $0.element.name, swatch: .line(index: ContourChart.trajectoryColor($0.offset))) }
            // Half a grid step of margin so that arrows on the edge stay inside the plot.
            let dx = (x.last! - x.first!) / Double(x.count - 1) / 2
            let dy = (y.last! - y.first!) / Double(y.count - 1) / 2
            let frame = XYFrame(size: canvas.size, title: title,
                                x: .init(extent: (x.first! - dx)...(x.last! + dx), label: xLabel, expand: false),
                                y: .init(extent: (y.first! - dy)...(y.last! + dy), label: yLabel, expand: false),
                                rightReserve: Legend.reservedWidth(legend, chartWidth: canvas.width))
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas, verticalGrid: false, horizontalGrid: false)
            if largest > 0 {
                VectorFieldChart.drawArrows(x: x, y: y, u: u, v: v, frame: frame, halfStep: (dx, dy), canvas: &canvas)
            }
            // The scalar field's contours go over the arrows so that their labels stay readable.
            if let potentialGrid, let extent = potentialGrid.finiteExtent {
                let levels = NiceTicks.linear(extent, targetCount: 8, expand: false).values
                SurfaceLayer.drawLines(potentialGrid, levels: levels, frame: frame, strokeClass: "ink", width: 0.8,
                                       opacity: 0.3, labels: true, canvas: &canvas)
            }
            for (index, path) in trajectories.enumerated() {
                path.draw(index: ContourChart.trajectoryColor(index), frame: frame, canvas: &canvas)
            }
            Legend.draw(legend, beside: frame.plot, canvas: &canvas)
        }
    }

    /// Arrows centred on their grid points; the longest fills 90 % of a grid cell.
    static func drawArrows(x: [Double], y: [Double], u: [[Double]], v: [[Double]], frame: XYFrame,
                           halfStep: (Double, Double), canvas: inout Canvas) {
        // Pixels per data unit, to turn data-space vectors into screen directions.
        let sx = (frame.x.position(x.last!)! - frame.x.position(x.first!)!) / (x.last! - x.first!)
        let sy = (frame.y.position(y.last!)! - frame.y.position(y.first!)!) / (y.last! - y.first!)
        let cell = min(2 * halfStep.0 * abs(sx), 2 * halfStep.1 * abs(sy))
        var longestPixels = 0.0
        for j in y.indices {
            for i in x.indices where u[j][i].isFinite && v[j][i].isFinite {
                let px = u[j][i] * sx, py = v[j][i] * sy
                longestPixels = max(longestPixels, (px * px + py * py).squareRoot())
            }
        }
        guard longestPixels > 0 else { return }
        let scale = cell * 0.9 / longestPixels
        var shafts = PathData()
        var heads = PathData()
        for j in y.indices {
            for i in x.indices where u[j][i].isFinite && v[j][i].isFinite {
                guard let center = frame.point(x[i], y[j]) else { continue }
                let px = u[j][i] * sx * scale, py = v[j][i] * sy * scale
                let length = (px * px + py * py).squareRoot()
                Arrow.add(from: center.x - px / 2, center.y - py / 2, to: center.x + px / 2, center.y + py / 2,
                          headLength: min(7, max(2.5, length * 0.35)), shaft: &shafts, head: &heads)
            }
        }
        canvas.body.element("path", ["class": "s0", "fill": "none", "stroke-width": 1.3, "stroke-linecap": "round", "d": shafts.text])
        canvas.body.element("path", ["class": "f0", "d": heads.text])
    }
}
