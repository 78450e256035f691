/// A grid world from reinforcement learning: cells coloured by state value, arrows for the
/// policy's actions, walls, and labelled cells (start, goal, traps).
///
/// Row 0 is drawn at the top. Non-finite values leave a cell uncoloured.
public struct GridWorldChart: Chart {
    /// The actions a policy takes in a cell; several for ties.
    public struct Moves: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let up = Moves(rawValue: 1)
        public static let right = Moves(rawValue: 2)
        public static let down = Moves(rawValue: 4)
        public static let left = Moves(rawValue: 8)
        public static let none: Moves = []
    }

    /// A cell by row (from the top) and column (from the left), both 0-based.
    public struct Cell: Hashable, Sendable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public var title: String
    /// `values[row][column]`: the state values.
    public var values: [[Double]]
    /// `policy[row][column]`: the actions to draw as arrows; nil draws none.
    public var policy: [[Moves]]?
    public var walls: Set<Cell>
    /// Short text for special cells, such as "S", "G" or "−1".
    public var labels: [Cell: String]
    /// Writes each value in its cell when the cells are large enough.
    public var showsValues: Bool
    /// nil picks the diverging map when values have both signs, viridis otherwise.
    public var colorMap: ColorMap?
    public var description: String?

    public init(title: String, values: [[Double]], policy: [[Moves]]? = nil, walls: Set<Cell> = [],
                labels: [Cell: String] = [:], showsValues: Bool = true, colorMap: ColorMap? = nil,
                description: String? = nil) {
        self.title = title
        self.values = values
        self.policy = policy
        self.walls = walls
        self.labels = labels
        self.showsValues = showsValues
        self.colorMap = colorMap
        self.description = description
    }

    public var defaultSize: ChartSize { .standard }

    /// - Throws: ``ChartError`` for ragged rows, a policy of another shape, or walls and labels
    ///   outside the grid.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        let (rows, columns) = try Validate.rectangular("values", values)
        if let policy {
            try Validate.sameLength("policy rows (one per row of values)", expected: rows, got: policy.count)
            for (row, moves) in policy.enumerated() {
                try Validate.sameLength("policy[\(row)] (one per column)", expected: columns, got: moves.count)
            }
        }
        // Sorted so that a failure names the same cell on every run.
        for cell in (Array(walls) + Array(labels.keys)).sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) {
            try Validate.index("cell row", cell.row, count: rows)
            try Validate.index("cell column", cell.column, count: columns)
        }
        let open = (0..<rows).flatMap { row in (0..<columns).map { Cell(row: row, column: $0) } }.filter { !walls.contains($0) }
        let extent = Extent.of(open.map { values[$0.row][$0.column] })
        let map = colorMap ?? ((extent?.lowerBound ?? 0) < 0 && (extent?.upperBound ?? 0) > 0 ? .blueRed : .viridis)
        let domain = Heatmap.colorDomain(open.map { values[$0.row][$0.column] }, map: map)
        let labelled = labels.keys.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        let summary = Describe.sentences(description, [
            "Grid world of \(rows) rows by \(columns) columns with " + Describe.plural(walls.count, "wall"),
            extent.map { "State values " + Describe.range($0) + ", shown by colour" } ?? "",
            policy == nil ? "" : "Arrows show the policy's actions",
            labelled.isEmpty ? "" : "Marked cells: "
                + labelled.map { "\(labels[$0]!) at row \($0.row), column \($0.column)" }.joined(separator: "; "),
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard rows > 0, columns > 0 else {
                canvas.drawEmptyChart(title: title)
                return
            }
            let layout = MatrixLayout(
                size: canvas.size, title: title, rows: rows, columns: columns, rowLabels: [], columnLabels: [],
                rowTitle: "", columnTitle: "",
                rightReserve: domain.map { ColorBar.reservedWidth(domain: $0, label: "State value") } ?? 0, squareCells: true)
            canvas.drawTitle(title)
            let span = domain.map { $0.upperBound - $0.lowerBound } ?? 1
            var arrowsOnLight = (shaft: PathData(), head: PathData())
            var arrowsOnDark = (shaft: PathData(), head: PathData())
            var texts: [(x: Double, y: Double, text: String, dark: Bool, bold: Bool)] = []
            let cell = layout.cellWidth
            canvas.body.open("g", ["class": "cells"])
            for row in 0..<rows {
                for column in 0..<columns {
                    let x = layout.cellX(column), y = layout.cellY(row)
                    let position = Cell(row: row, column: column)
                    if walls.contains(position) {
                        canvas.body.element("rect", ["x": x, "y": y, "width": cell, "height": cell, "class": "wall bg-stroke"])
                        continue
                    }
                    let value = values[row][column]
                    var darkText = true
                    if let domain, value.isFinite {
                        let color = map.color(at: (value - domain.lowerBound) / span)
                        darkText = color.prefersDarkText
                        canvas.body.element("rect", ["x": x, "y": y, "width": cell, "height": cell, "fill": color.hex, "class": "bg-stroke"])
                    } else {
                        canvas.body.element("rect", ["x": x, "y": y, "width": cell, "height": cell, "class": "missing bg-stroke"])
                    }
                    if let label = labels[position] {
                        texts.append((x + 4, y + 14, label, darkText, true))
                    }
                    if showsValues && value.isFinite && cell >= 34 {
                        texts.append((x + cell / 2, y + cell - 5, NumberFormat.significant(value, digits: 2), darkText, false))
                    }
                    if let moves = policy?[row][column], !moves.isEmpty {
                        let cx = x + cell / 2, cy = y + cell / 2 - (showsValues && cell >= 34 ? 4 : 0)
                        let reach = cell * 0.3
                        let directions: [(Moves, Double, Double)] = [(.up, 0, -1), (.right, 1, 0), (.down, 0, 1), (.left, -1, 0)]
                        for (move, dx, dy) in directions where moves.contains(move) {
                            if darkText {
                                Arrow.add(from: cx, cy, to: cx + dx * reach, cy + dy * reach, headLength: cell * 0.14,
                                          shaft: &arrowsOnLight.shaft, head: &arrowsOnLight.head)
                            } else {
                                Arrow.add(from: cx, cy, to: cx + dx * reach, cy + dy * reach, headLength: cell * 0.14,
                                          shaft: &arrowsOnDark.shaft, head: &arrowsOnDark.head)
                            }
                        }
                    }
                }
            }
            canvas.body.close("g")
            let width = max(1, cell * 0.045)
            for (arrows, tone) in [(arrowsOnLight, "on-light"), (arrowsOnDark, "on-dark")] where !arrows.shaft.isEmpty {
                canvas.body.element("path", ["class": tone + "-stroke", "fill": "none", "stroke-width": width,
                                             "stroke-linecap": "round", "d": arrows.shaft.text])
                canvas.body.element("path", ["class": tone, "d": arrows.head.text])
            }
            if !texts.isEmpty {
                let fontSize = min(12, max(8, cell * 0.22))
                canvas.body.open("g", ["font-size": fontSize])
                for item in texts {
                    canvas.body.text(item.text, [
                        "x": item.x, "y": item.y, "text-anchor": item.bold ? "start" : "middle",
                        "class": (item.dark ? "on-light" : "on-dark") + (item.bold ? " bold" : ""),
                        "font-size": item.bold ? fontSize + 1 : nil,
                    ])
                }
                canvas.body.close("g")
            }
            canvas.body.element("rect", ["x": layout.plot.x, "y": layout.plot.y, "width": layout.plot.width,
                                         "height": layout.plot.height, "class": "frame"])
            if let domain {
                ColorBar.draw(map: map, domain: domain, label: "State value", beside: layout.plot, canvas: &canvas)
            }
        }
    }
}
