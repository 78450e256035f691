/// Points with class labels, drawn over a surface (a decision surface, a contour plot).
public struct LabeledPoints: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    /// The class of each point, 0-based; nil draws them all in the first colour.
    public var classes: [Int]?

    public init(x: [Double], y: [Double], classes: [Int]? = nil) {
        self.x = x
        self.y = y
        self.classes = classes
    }

    /// Checks the lengths and labels; returns the class names to show.
    func validated(classNames: [String]) throws(ChartError) -> [String] {
        try Validate.sameLength("points y (one per x)", expected: x.count, got: y.count)
        return try ClassLabels.names(classes, names: classNames, pointCount: x.count)
    }

    /// The points with finite coordinates, with their class.
    var finite: (points: [(Double, Double)], classes: [Int]) {
        let kept = x.indices.filter { x[$0].isFinite && y[$0].isFinite }
        return (kept.map { (x[$0], y[$0]) }, kept.map { classes?[$0] ?? 0 })
    }
}

/// A path through the plane, such as the iterates of an optimiser on a loss surface.
public struct Trajectory: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]

    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// Draws the path with a marker at each iterate, a ring at the start and a filled dot at the end.
    func draw(index: Int, frame: XYFrame, canvas: inout Canvas) {
        var path = PathData()
        var points: [(x: Double, y: Double)] = []
        for (px, py) in zip(x, y) {
            guard let point = frame.point(px, py) else { continue }
            if points.isEmpty { path.move(point.x, point.y) } else { path.line(point.x, point.y) }
            points.append(point)
        }
        guard let first = points.first, let last = points.last else { return }
        let stroke = Palette.strokeClass(index)
        canvas.body.open("g", ["class": "trajectory"])
        // A halo in the background colour keeps the path visible over any fill.
        canvas.body.element("path", ["class": "line bg-stroke", "stroke-width": 4.5, "d": path.text])
        canvas.body.element("path", ["class": "line " + stroke, "d": path.text])
        for point in points.dropFirst().dropLast() {
            canvas.body.element("circle", ["cx": point.x, "cy": point.y, "r": 2.2, "class": "mark " + Palette.fillClass(index)])
        }
        canvas.body.element("circle", ["cx": first.x, "cy": first.y, "r": 5.0, "class": stroke, "fill": "none", "stroke-width": 2.0])
        canvas.body.element("circle", ["cx": last.x, "cy": last.y, "r": 4.5, "class": "mark " + Palette.fillClass(index)])
        canvas.body.close("g")
    }
}
