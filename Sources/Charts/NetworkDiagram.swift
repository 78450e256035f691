/// A feed-forward network drawn as layers of nodes joined by their weights. Edge width and
/// opacity grow with the weight's magnitude; colour shows its sign. Nodes can be shaded by
/// activation (a diverging colour map around zero).
///
/// Layers wider than 16 nodes show their first and last 7 with an ellipsis between; edges of
/// the hidden nodes are left out. Non-finite weights draw no edge.
public struct NetworkDiagram: Chart {
    public var title: String
    /// Nodes per layer, input first.
    public var layerSizes: [Int]
    /// `weights[l][j][i]` joins node i of layer l to node j of layer l + 1 (the shape of a
    /// PyTorch `Linear` weight, [out, in]). Empty draws every edge alike.
    public var weights: [[[Double]]]
    /// Names over the layers; empty names them "Input", "Hidden 1", …, "Output".
    public var layerNames: [String]
    /// Names for the input nodes (left of the first layer) and output nodes (right of the last).
    public var inputLabels: [String]
    public var outputLabels: [String]
    /// A value per node of each layer, shown as the node's fill.
    public var activations: [[Double]]?
    public var description: String?

    public init(title: String, layerSizes: [Int], weights: [[[Double]]] = [], layerNames: [String] = [],
                inputLabels: [String] = [], outputLabels: [String] = [], activations: [[Double]]? = nil,
                description: String? = nil) {
        self.title = title
        self.layerSizes = layerSizes
        self.weights = weights
        self.layerNames = layerNames
        self.inputLabels = inputLabels
        self.outputLabels = outputLabels
        self.activations = activations
        self.description = description
    }

    public var defaultSize: ChartSize { .wide }

    static let maxShown = 16

    /// - Throws: ``ChartError`` when a layer has no nodes, or weights, activations or labels do
    ///   not match the layer sizes.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        for (index, count) in layerSizes.enumerated() where count < 1 || count > 1_000_000 {
            throw .invalidParameter(name: "layerSizes[\(index)]", value: String(count), expected: "1…1000000 nodes")
        }
        if !weights.isEmpty {
            try Validate.sameLength("weights (one matrix between each pair of layers)", expected: max(layerSizes.count - 1, 0), got: weights.count)
            for (l, matrix) in weights.enumerated() {
                try Validate.sameLength("weights[\(l)] rows (one per node of layer \(l + 1))", expected: layerSizes[l + 1], got: matrix.count)
                for (j, row) in matrix.enumerated() {
                    try Validate.sameLength("weights[\(l)][\(j)] (one per node of layer \(l))", expected: layerSizes[l], got: row.count)
                }
            }
        }
        if !layerNames.isEmpty { try Validate.sameLength("layerNames (one per layer)", expected: layerSizes.count, got: layerNames.count) }
        if !inputLabels.isEmpty {
            try Validate.sameLength("inputLabels (one per input node)", expected: layerSizes.first ?? 0, got: inputLabels.count)
        }
        if !outputLabels.isEmpty {
            try Validate.sameLength("outputLabels (one per output node)", expected: layerSizes.last ?? 0, got: outputLabels.count)
        }
        if let activations {
            try Validate.sameLength("activations (one array per layer)", expected: layerSizes.count, got: activations.count)
            for (l, values) in activations.enumerated() {
                try Validate.sameLength("activations[\(l)] (one per node)", expected: layerSizes[l], got: values.count)
            }
        }
        let names = layerNames.isEmpty ? NetworkDiagram.defaultNames(layerSizes.count) : layerNames
        let largest = weights.joined().joined().filter(\.isFinite).map(\.magnitude).max() ?? 0
        let positive = weights.joined().joined().filter { $0.isFinite && $0 > 0 }.count
        let negative = weights.joined().joined().filter { $0.isFinite && $0 < 0 }.count
        let summary = Describe.sentences(description, [
            "Network diagram with " + Describe.plural(layerSizes.count, "layer") + ": "
                + zip(names, layerSizes).map { "\($0) (\($1))" }.joined(separator: ", "),
            weights.isEmpty ? "" : "\(positive) positive and \(negative) negative weights, largest magnitude " + Describe.number(largest)
                + ". Edge width shows magnitude, colour shows sign",
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard !layerSizes.isEmpty else {
                canvas.drawEmptyChart(title: title)
                return
            }
            canvas.drawTitle(title)
            var legend = weights.isEmpty ? [] : [
                LegendEntry(label: "Positive weight", swatch: .styledLine(strokeClass: "pos", dash: nil)),
                LegendEntry(label: "Negative weight", swatch: .styledLine(strokeClass: "neg", dash: nil)),
            ]
            if activations != nil {
                legend.append(LegendEntry(label: "Positive activation", swatch: .dot(ColorMap.blueRed.color(at: 0.85))))
                legend.append(LegendEntry(label: "Negative activation", swatch: .dot(ColorMap.blueRed.color(at: 0.15))))
            }
            let leftRoom = (inputLabels.map { TextMetrics.width($0, fontSize: 11) }.max() ?? 0) + 16
            let rightRoom = max((outputLabels.map { TextMetrics.width($0, fontSize: 11) }.max() ?? 0) + 16,
                                Legend.reservedWidth(legend, chartWidth: canvas.width))
            let top = Canvas.titleHeight(title) + 22
            let area = PlotRect(x: 16 + leftRoom, y: top, width: max(canvas.width - 32 - leftRoom - rightRoom, 20),
                                height: max(canvas.height - top - 16, 20))
            let shown = layerSizes.map(NetworkDiagram.shownNodes)
            let spacing = area.height / Double(max(shown.map(\.count).max()!, 1))
            let radius = min(14, spacing * 0.36, area.width / Double(max(layerSizes.count, 1)) * 0.2)
            let layerX = layerSizes.indices.map { l in
                layerSizes.count == 1 ? area.midX : area.x + radius + (area.width - 2 * radius) * Double(l) / Double(layerSizes.count - 1)
            }
            func nodeY(_ layer: Int, _ slot: Int) -> Double {
                let count = Double(shown[layer].count)
                return area.midY + (Double(slot) - (count - 1) / 2) * spacing
            }
            // Edges, weakest first so that the strong ones are drawn on top.
            var edges: [(magnitude: Double, order: Int, path: String, positive: Bool)] = []
            for l in 0..<max(layerSizes.count - 1, 0) {
                for (j, targetSlot) in shown[l + 1].enumerated() {
                    guard let target = targetSlot else { continue }
                    for (i, sourceSlot) in shown[l].enumerated() {
                        guard let source = sourceSlot else { continue }
                        let weight = weights.isEmpty ? 1 : weights[l][target][source]
                        guard weight.isFinite else { continue }
                        var path = PathData()
                        path.move(layerX[l] + radius, nodeY(l, i))
                        path.line(layerX[l + 1] - radius, nodeY(l + 1, j))
                        edges.append((weight.magnitude, edges.count, path.text, weight >= 0))
                    }
                }
            }
            edges.sort { $0.magnitude != $1.magnitude ? $0.magnitude < $1.magnitude : $0.order < $1.order }
            canvas.body.open("g", ["class": "edges", "stroke-linecap": "round"])
            for edge in edges {
                if weights.isEmpty {
                    canvas.body.element("path", ["class": "axis", "d": edge.path])
                    continue
                }
                let share = largest > 0 ? edge.magnitude / largest : 0
                canvas.body.element("path", [
                    "class": edge.positive ? "pos" : "neg", "d": edge.path,
                    "stroke-width": 0.5 + 4 * share,
                    "stroke-opacity": NumberFormat.fixed(0.2 + 0.8 * share, decimals: 2),
                ])
            }
            canvas.body.close("g")

            let activationRange = activations.flatMap { Heatmap.colorDomain($0.joined(), map: .blueRed) }
            canvas.body.open("g", ["class": "nodes"])
            for (l, nodes) in shown.enumerated() {
                for (slot, node) in nodes.enumerated() {
                    let y = nodeY(l, slot)
                    guard let node else {
                        canvas.body.text("⋮", ["x": layerX[l], "y": y + 5, "text-anchor": "middle", "class": "muted",
                                               "font-size": min(18, spacing * 0.9)])
                        continue
                    }
                    if let activations, let range = activationRange, activations[l][node].isFinite {
                        let t = (activations[l][node] - range.lowerBound) / (range.upperBound - range.lowerBound)
                        canvas.body.element("circle", ["cx": layerX[l], "cy": y, "r": radius, "fill": ColorMap.blueRed.color(at: t).hex,
                                                       "class": "ink", "stroke-width": 1.0])
                    } else {
                        canvas.body.element("circle", ["cx": layerX[l], "cy": y, "r": radius, "class": "bg ink", "stroke-width": 1.5])
                    }
                }
            }
            canvas.body.close("g")

            canvas.body.open("g", ["class": "tick-label"])
            for (l, name) in names.enumerated() {
                let label = TextMetrics.truncate(name, toWidth: area.width / Double(max(layerSizes.count, 1)) - 4, fontSize: 11)
                // All layer names share one row above the tallest layer.
                canvas.body.text(label + (layerSizes[l] > NetworkDiagram.maxShown ? " (\(layerSizes[l]))" : ""),
                                 ["x": layerX[l], "y": top - 6, "text-anchor": "middle"])
            }
            for (slot, node) in shown[0].enumerated() {
                guard let node, node < inputLabels.count else { continue }
                canvas.body.text(inputLabels[node], ["x": layerX[0] - radius - 6, "y": nodeY(0, slot) + 4, "text-anchor": "end"])
            }
            let last = layerSizes.count - 1
            for (slot, node) in shown[last].enumerated() {
                guard let node, node < outputLabels.count else { continue }
                canvas.body.text(outputLabels[node], ["x": layerX[last] + radius + 6, "y": nodeY(last, slot) + 4])
            }
            canvas.body.close("g")
            if !legend.isEmpty {
                // The legend's column starts where the room reserved for it begins.
                let legendLeft = canvas.width - 16 - Legend.reservedWidth(legend, chartWidth: canvas.width)
                Legend.draw(legend, beside: PlotRect(x: area.x, y: area.y, width: legendLeft - area.x, height: area.height),
                            canvas: &canvas)
            }
        }
    }

    static func defaultNames(_ count: Int) -> [String] {
        (0..<count).map { index in
            if index == 0 { return "Input" }
            if index == count - 1 { return "Output" }
            return "Hidden \(index)"
        }
    }

    /// The nodes drawn for a layer of `count`: all of them, or the first and last few with nil
    /// standing for the ellipsis.
    static func shownNodes(_ count: Int) -> [Int?] {
        guard count > maxShown else { return Array(0..<count) }
        let half = (maxShown - 2) / 2
        return Array(0..<half) + [nil] + Array((count - half)..<count)
    }
}
