/// A scalar field sampled on a rectilinear grid: `values[j][i]` is the value at (`x[i]`, `y[j]`).
struct ScalarGrid {
    let x: [Double]
    let y: [Double]
    let values: [[Double]]

    /// Checks the shapes: coordinates strictly increasing, at least 2 × 2 samples, one row per
    /// y coordinate and one value per x coordinate in each row.
    init(x: [Double], y: [Double], values: [[Double]], name: String) throws(ChartError) {
        guard x.count >= 2, y.count >= 2 else {
            throw .invalidParameter(name: "\(name) grid", value: "\(x.count) × \(y.count) samples",
                                    expected: "at least 2 × 2 samples")
        }
        try Validate.strictlyIncreasing("\(name) x", x)
        try Validate.strictlyIncreasing("\(name) y", y)
        try Validate.sameLength("\(name) rows (one per y coordinate)", expected: y.count, got: values.count)
        for (index, row) in values.enumerated() where row.count != x.count {
            throw .raggedRows(what: "\(name) values (one per x coordinate)", row: index, expected: x.count, got: row.count)
        }
        self.x = x
        self.y = y
        self.values = values
    }

    var finiteExtent: ClosedRange<Double>? { Extent.of(values.joined()) }
}

/// Contour lines and filled bands by marching triangles: each grid cell is split along its
/// diagonal into two triangles, over which the field is interpolated linearly. Unlike marching
/// squares this has no ambiguous cases, so every contour is well defined. Triangles touching a
/// non-finite value are left out.
enum Contours {
    typealias Point = (x: Double, y: Double)

    private struct Vertex {
        var x: Double
        var y: Double
        var value: Double
        var node: Int
    }

    /// The two triangles of cell (i, j), or nothing when a corner is not finite.
    private static func triangles(_ grid: ScalarGrid, _ i: Int, _ j: Int) -> [[Vertex]] {
        let nx = grid.x.count
        func vertex(_ ci: Int, _ cj: Int) -> Vertex {
            Vertex(x: grid.x[ci], y: grid.y[cj], value: grid.values[cj][ci], node: cj * nx + ci)
        }
        let a = vertex(i, j), b = vertex(i + 1, j), c = vertex(i + 1, j + 1), d = vertex(i, j + 1)
        guard a.value.isFinite, b.value.isFinite, c.value.isFinite, d.value.isFinite else { return [] }
        return [[a, b, c], [a, c, d]]
    }

    // MARK: Lines

    /// The polylines along which the field equals `level`, in data coordinates. Segments are
    /// joined through the grid edges they share, so each contour is one polyline (closed when
    /// its first and last points coincide).
    static func lines(_ grid: ScalarGrid, level: Double) -> [[Point]] {
        struct Crossing { var edge: Int64; var point: Point }
        var segments: [(Crossing, Crossing)] = []
        let nodeCount = Int64(grid.x.count * grid.y.count)
        for j in 0..<(grid.y.count - 1) {
            for i in 0..<(grid.x.count - 1) {
                for triangle in triangles(grid, i, j) {
                    var crossings: [Crossing] = []
                    for k in 0..<3 {
                        let p = triangle[k], q = triangle[(k + 1) % 3]
                        guard (p.value < level) != (q.value < level) else { continue }
                        let t = (level - p.value) / (q.value - p.value)
                        let key = Int64(min(p.node, q.node)) * nodeCount + Int64(max(p.node, q.node))
                        crossings.append(Crossing(edge: key, point: (p.x + t * (q.x - p.x), p.y + t * (q.y - p.y))))
                    }
                    if crossings.count == 2 { segments.append((crossings[0], crossings[1])) }
                }
            }
        }

        // Each grid edge is shared by at most two triangles, hence by at most two segments.
        var byEdge: [Int64: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            byEdge[segment.0.edge, default: []].append(index)
            byEdge[segment.1.edge, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)

        func walk(from edge: Int64) -> [Point] {
            var points: [Point] = []
            var current = edge
            while let next = byEdge[current]?.first(where: { !used[$0] }) {
                used[next] = true
                let (a, b) = segments[next]
                let far = a.edge == current ? b : a
                points.append(far.point)
                current = far.edge
            }
            return points
        }

        var polylines: [[Point]] = []
        for index in segments.indices where !used[index] {
            used[index] = true
            let (a, b) = segments[index]
            let forward = walk(from: b.edge)
            let backward = walk(from: a.edge)
            polylines.append(backward.reversed() + [a.point, b.point] + forward)
        }
        return polylines
    }

    // MARK: Regions

    /// A region of the plane: whole cells (merged into horizontal runs) and polygons cut from
    /// the cells the region only partly covers.
    struct Region {
        var rectangles: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var polygons: [[Point]] = []
    }

    /// Where the field is at least `level` (everywhere finite when `level` is nil).
    ///
    /// Painting these regions for ascending levels, each over the previous, colours every point
    /// by the band its value falls in. Each region has only one boundary, and cells inside it
    /// merge into long runs, so this takes far fewer shapes than cutting out each band. Partly
    /// covered cells are clipped as whole quadrilaterals, interpolating along the cell's edges,
    /// so neighbouring cells agree on the crossing points they share.
    static func region(_ grid: ScalarGrid, atLeast level: Double?) -> Region {
        var region = Region()
        for j in 0..<(grid.y.count - 1) {
            var runStart: Int? = nil
            func endRun(at i: Int) {
                if let start = runStart {
                    region.rectangles.append((grid.x[start], grid.y[j], grid.x[i], grid.y[j + 1]))
                }
                runStart = nil
            }
            for i in 0..<(grid.x.count - 1) {
                let cell = triangles(grid, i, j)
                guard !cell.isEmpty else { endRun(at: i); continue }
                let quad = [cell[0][0], cell[0][1], cell[0][2], cell[1][2]]
                let inside = quad.filter { level == nil || $0.value >= level! }.count
                if inside == 4 {
                    if runStart == nil { runStart = i }
                    continue
                }
                endRun(at: i)
                guard inside > 0, let level else { continue }
                let polygon = clip(quad, keepingAbove: level)
                if polygon.count >= 3 { region.polygons.append(polygon.map { ($0.x, $0.y) }) }
            }
            endRun(at: grid.x.count - 1)
        }
        return region
    }

    /// Sutherland–Hodgman clipping of a polygon against the half-space value ≥ `level`.
    private static func clip(_ polygon: [Vertex], keepingAbove level: Double) -> [Vertex] {
        var output: [Vertex] = []
        for (index, current) in polygon.enumerated() {
            let previous = polygon[(index + polygon.count - 1) % polygon.count]
            let currentIn = current.value >= level, previousIn = previous.value >= level
            if currentIn != previousIn {
                let t = (level - previous.value) / (current.value - previous.value)
                output.append(Vertex(x: previous.x + t * (current.x - previous.x),
                                     y: previous.y + t * (current.y - previous.y),
                                     value: level, node: -1))
            }
            if currentIn { output.append(current) }
        }
        return output
    }
}
