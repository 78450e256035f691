/// Class labels shared by the charts that colour points by class.
enum ClassLabels {
    /// The names to show: the given ones, or "Class k" for each class present. Checks that
    /// labels are non-negative and, when names are given, that each has one.
    static func names(_ classes: [Int]?, names: [String], pointCount: Int) throws(ChartError) -> [String] {
        guard let classes else { return names }
        try Validate.sameLength("classes (one per point)", expected: pointCount, got: classes.count)
        for label in classes {
            if label < 0 {
                throw .invalidParameter(name: "class label", value: String(label), expected: "a class index ≥ 0")
            }
            if !names.isEmpty && label >= names.count {
                throw .indexOutOfRange(what: "class label (one name per class)", index: label, validRange: 0..<names.count)
            }
        }
        if !names.isEmpty { return names }
        let count = (classes.max() ?? -1) + 1
        return (0..<count).map { "Class \($0)" }
    }
}

/// Markers for a set of points on an XY frame (scatter plots and the points drawn over surfaces).
enum ScatterLayer {
    static func draw(_ points: [(Double, Double)], classes: [Int], sizes: [Double]?, frame: XYFrame,
                     outline: String, canvas: inout Canvas) {
        // Dense clouds get some transparency so that overlaps show as darker regions.
        let opacity: Double? = points.count > 300 ? 0.7 : nil
        let baseRadius = points.count > 1000 ? 2.5 : (points.count > 300 ? 3.2 : 4.0)
        let largest = sizes.flatMap { values in values.filter { $0 > 0 }.max() } ?? 0
        canvas.body.open("g", ["class": "points"])
        for (index, point) in points.enumerated() {
            guard let position = frame.point(point.0, point.1) else { continue }
            var radius = baseRadius
            if let sizes {
                let share = largest > 0 ? max(sizes[index], 0) / largest : 0
                radius = max(1.5, 11 * share.squareRoot())
            }
            let label = classes[index]
            Marker.draw(shapeIndex: label, x: position.x, y: position.y, radius: radius,
                        classes: outline + " " + Palette.fillClass(label), opacity: opacity, into: &canvas.body)
        }
        canvas.body.close("g")
    }
}
