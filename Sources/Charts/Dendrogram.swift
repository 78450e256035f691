/// The tree of a hierarchical clustering: leaves along the bottom, each merge drawn as a
/// bracket at the height of its distance. Optionally, the clusters formed below a cut distance
/// are coloured and the cut is drawn as a dashed line.
///
/// Merges follow SciPy's linkage convention: with n leaves (numbered 0..<n), merge i joins two
/// earlier nodes and creates node n + i.
public struct Dendrogram: Chart {
    public struct Merge: Sendable, Equatable {
        public var left: Int
        public var right: Int
        /// The distance between the two merged clusters, ≥ 0.
        public var distance: Double

        public init(left: Int, right: Int, distance: Double) {
            self.left = left
            self.right = right
            self.distance = distance
        }
    }

    public var title: String
    /// One name per leaf.
    public var labels: [String]
    /// n − 1 merges for n leaves, in the order they happened.
    public var merges: [Merge]
    public var distanceLabel: String
    /// Colours the clusters that are separate below this distance and draws the cut.
    public var colorThreshold: Double?
    public var description: String?

    public init(title: String, labels: [String], merges: [Merge], distanceLabel: String = "Distance",
                colorThreshold: Double? = nil, description: String? = nil) {
        self.title = title
        self.labels = labels
        self.merges = merges
        self.distanceLabel = distanceLabel
        self.colorThreshold = colorThreshold
        self.description = description
    }

    public var defaultSize: ChartSize { .wide }

    /// - Throws: ``ChartError`` when there are not n − 1 merges, a merge refers to a node that
    ///   does not exist yet or was already merged, or a distance is negative or not finite.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let n = labels.count
        if n > 0 { try Validate.sameLength("merges (n − 1 for n leaves)", expected: n - 1, got: merges.count) }
        var used = [Bool](repeating: false, count: max(2 * n - 1, 0))
        for (index, merge) in merges.enumerated() {
            for child in [merge.left, merge.right] {
                try Validate.index("merges[\(index)] child", child, count: n + index)
                if used[child] {
                    throw .invalidParameter(name: "merges[\(index)] child", value: String(child),
                                            expected: "a node not merged before (each node joins one merge)")
                }
                used[child] = true
            }
            guard merge.distance.isFinite, merge.distance >= 0 else {
                throw .invalidParameter(name: "merges[\(index)].distance", value: NumberFormat.plain(merge.distance),
                                        expected: "a finite distance ≥ 0")
            }
        }
        if let colorThreshold { try Validate.positive("colorThreshold", colorThreshold) }

        let order = leafOrder()
        let maxDistance = merges.map(\.distance).max() ?? 0
        let clusters = clusterRoots()
        let summary = Describe.sentences(description, [
            "Dendrogram of " + Describe.plural(n, "leaf", "leaves") + " merged in " + Describe.plural(merges.count, "step"),
            merges.isEmpty ? "" : "Merge distances from " + Describe.number(merges.map(\.distance).min()!) + " to " + Describe.number(maxDistance),
            colorThreshold.map { "Cut at " + Describe.number($0) + " gives " + Describe.plural(clusters.count, "cluster") } ?? "",
            "Leaves from left to right: " + Describe.list(order.map { labels[$0] }, limit: 12),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard n > 0 else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let frame = CategoryFrame(size: canvas.size, title: title, categories: order.map { labels[$0] },
                                      valueExtent: 0...max(maxDistance, colorThreshold ?? 0, 1e-12),
                                      categoryLabel: "", valueLabel: distanceLabel, horizontal: false, bandPadding: 0)
            canvas.drawTitle(title)
            frame.drawAxes(into: &canvas)

            // Positions: leaves at their band centre and height 0; a merge midway over its children.
            var x = [Double](repeating: 0, count: 2 * n - 1)
            var height = [Double](repeating: 0, count: 2 * n - 1)
            for (position, leaf) in order.enumerated() { x[leaf] = frame.bands.center(position) }
            for (index, merge) in merges.enumerated() {
                x[n + index] = (x[merge.left] + x[merge.right]) / 2
                height[n + index] = merge.distance
            }
            // Colour of each node: its cluster's colour below the cut, else none (ink).
            var color = [Int?](repeating: nil, count: 2 * n - 1)
            for (clusterIndex, root) in clusters.enumerated() {
                var stack = [root]
                while let node = stack.popLast() {
                    color[node] = clusterIndex
                    if node >= n { stack.append(merges[node - n].left); stack.append(merges[node - n].right) }
                }
            }
            var paths: [Int: PathData] = [:]
            var plain = PathData()
            for (index, merge) in merges.enumerated() {
                guard let top = frame.value.position(merge.distance) else { continue }
                let node = n + index
                for child in [merge.left, merge.right] {
                    guard let bottom = frame.value.position(height[child]) else { continue }
                    // The bracket's leg from the child up, and half the crossbar towards the parent.
                    var leg = PathData()
                    leg.move(x[child], bottom)
                    leg.line(x[child], top)
                    leg.line(x[node], top)
                    if let cluster = color[node] {
                        paths[cluster, default: PathData()].append(leg)
                    } else {
                        plain.append(leg)
                    }
                }
            }
            canvas.body.open("g", ["fill": "none", "stroke-width": 1.5, "stroke-linejoin": "round"])
            if !plain.isEmpty { canvas.body.element("path", ["class": "ink", "d": plain.text]) }
            for cluster in clusters.indices {
                guard let path = paths[cluster] else { continue }
                canvas.body.element("path", ["class": Palette.strokeClass(cluster), "d": path.text])
            }
            canvas.body.close("g")
            if let colorThreshold, let y = frame.value.position(colorThreshold) {
                canvas.body.element("path", ["class": "axis", "stroke-dasharray": "5 4",
                                             "d": "M" + NumberFormat.coordinate(frame.plot.x) + " " + NumberFormat.coordinate(y)
                                                + "H" + NumberFormat.coordinate(frame.plot.maxX)])
            }
        }
    }

    /// Leaves in the order a depth-first walk from the root meets them (left child first), so
    /// that no brackets cross. Forests (several roots) are laid out root after root.
    func leafOrder() -> [Int] {
        let n = labels.count
        guard n > 1 else { return Array(0..<n) }
        var hasParent = [Bool](repeating: false, count: 2 * n - 1)
        for merge in merges { hasParent[merge.left] = true; hasParent[merge.right] = true }
        var order: [Int] = []
        for root in (0..<(n + merges.count)) where !hasParent[root] {
            var stack = [root]
            while let node = stack.popLast() {
                if node < n { order.append(node) } else {
                    stack.append(merges[node - n].right)
                    stack.append(merges[node - n].left)
                }
            }
        }
        return order
    }

    /// The roots of the clusters below the cut: nodes at or under the threshold whose parent is
    /// above it, in leaf order. Empty without a threshold.
    func clusterRoots() -> [Int] {
        guard let colorThreshold else { return [] }
        let n = labels.count
        var parent = [Int?](repeating: nil, count: max(2 * n - 1, 0))
        for (index, merge) in merges.enumerated() {
            parent[merge.left] = n + index
            parent[merge.right] = n + index
        }
        func distance(_ node: Int) -> Double { node < n ? 0 : merges[node - n].distance }
        var roots: [Int] = []
        var seen = Set<Int>()
        // Walk leaves in display order and climb to each one's cluster root.
        for leaf in leafOrder() {
            var node = leaf
            guard distance(node) <= colorThreshold else { continue }
            while let up = parent[node], distance(up) <= colorThreshold { node = up }
            // Singletons stay uncoloured: a cluster needs at least one merge.
            if node >= n && seen.insert(node).inserted { roots.append(node) }
        }
        return roots
    }
}
