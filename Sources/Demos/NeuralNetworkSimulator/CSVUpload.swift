import Foundation

extension NeuralNetworkSimulator {
    /// The largest CSV upload accepted, in bytes (64 KiB).
    public static let csvByteLimit = 65_536
    /// The most data rows an upload may have.
    public static let csvRowLimit = 2_000
    /// The fewest data rows an upload may have (some for training, some for testing).
    public static let csvMinimumRows = 10
    /// The largest coordinate or target magnitude accepted.
    public static let csvValueLimit = 1e6

    /// How uploaded coordinates map into ``plane``: `planeX = (x − center) · scale` per axis,
    /// so that the data fill [−5, 5]. `original` is the plane's box in file coordinates (for
    /// axis labels). JSON: `{"center": [c1, c2], "scale": [s1, s2], "original": {…box…}}`.
    public struct InputTransform: Sendable, Codable, Equatable {
        public var center: [Double]
        public var scale: [Double]
        public var original: DemoBox
    }

    /// What an upload held: `{"rows": 120, "task": "classification", "classes": 3, "header": ["x1", "x2", "label"]}`.
    public struct CSVSummary: Sendable, Codable, Equatable {
        public var rows: Int
        public var task: Task
        /// Classes for classification (the largest label + 1), 0 for regression.
        public var classes: Int
        public var header: [String]?
    }

    /// Reads the learner's own 2-D data and trains on it from epoch 0: rows `x1,x2,label`
    /// (integer classes 0…4) or `x1,x2,y` (regression), comma-separated, an optional header.
    ///
    /// The task is `task` when given; else the header's third name decides (`label`, `class`
    /// for classification; `y`, `value`, `target` for regression); else classification when
    /// every third value is an integer in 0…4. Coordinates are mapped into the plane (see
    /// ``InputTransform``); the train/test split follows `trainRatio` and `seed`. Choosing a
    /// generated data set's parameters (`dataset`, `classes`, `points`, `noise`) later
    /// switches back to generated data.
    /// - Throws: ``DemoError/invalidCSV(line:reason:)`` naming the line for every bad row
    ///   (wrong column count, not a number, NaN or infinity, label out of range) and the whole
    ///   file for size limits, too few rows or a single class.
    @discardableResult
    public func loadCSV(_ text: String, task: Task? = nil) throws(DemoError) -> CSVSummary {
        let (data, summary) = try CSVUpload.parse(text, task: task)
        try useData(data)
        return summary
    }
}

/// The CSV reader behind ``NeuralNetworkSimulator/loadCSV(_:task:)``.
enum CSVUpload {
    typealias Task = NeuralNetworkSimulator.Task

    static func parse(_ text: String, task requested: Task?) throws(DemoError) -> (SimulatorData, NeuralNetworkSimulator.CSVSummary) {
        let limit = NeuralNetworkSimulator.csvByteLimit
        guard text.utf8.count <= limit else {
            throw DemoError.invalidCSV(line: nil, reason: "the file has \(text.utf8.count) bytes; the limit is \(limit) (64 KiB)")
        }
        var header: [String]?
        var rows: [(line: Int, x1: Double, x2: Double, target: Double)] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0).trimmingSpaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count == 3 else {
                throw DemoError.invalidCSV(line: lineNumber, reason: "expected 3 values (x1, x2, label or y), got \(fields.count)")
            }
            if header == nil && rows.isEmpty && fields.allSatisfy({ Double($0) == nil }) {
                header = fields
                continue
            }
            guard rows.count < NeuralNetworkSimulator.csvRowLimit else {
                throw DemoError.invalidCSV(line: nil, reason: "more than \(NeuralNetworkSimulator.csvRowLimit) rows")
            }
            var values: [Double] = []
            for (column, field) in fields.enumerated() {
                values.append(try number(field, line: lineNumber, column: column))
            }
            rows.append((lineNumber, values[0], values[1], values[2]))
        }
        guard rows.count >= NeuralNetworkSimulator.csvMinimumRows else {
            throw DemoError.invalidCSV(line: nil, reason: "\(rows.count) data rows; at least \(NeuralNetworkSimulator.csvMinimumRows) are needed to train and test")
        }
        let task = requested ?? header.flatMap { taskNamed($0[2]) } ?? inferTask(rows.map(\.target))
        var classes = 0
        if task == .classification {
            var seen = Set<Int>()
            for row in rows {
                guard row.target == row.target.rounded() else {
                    throw DemoError.invalidCSV(line: row.line, reason: "label \(DemoNumberFormat.plain(row.target)) is not an integer (classes are 0 to 4)")
                }
                guard (0...4).contains(row.target) else {
                    throw DemoError.invalidCSV(line: row.line, reason: "label \(DemoNumberFormat.plain(row.target)) is outside 0…4")
                }
                seen.insert(Int(row.target))
            }
            guard seen.count >= 2 else {
                throw DemoError.invalidCSV(line: nil, reason: "every row has label \(seen.first ?? 0); a classifier needs at least two classes")
            }
            classes = (seen.max() ?? 1) + 1
        }
        let transform = makeTransform(rows.map(\.x1), rows.map(\.x2))
        var xy: [Double] = []
        xy.reserveCapacity(2 * rows.count)
        for row in rows {
            xy.append((row.x1 - transform.center[0]) * transform.scale[0])
            xy.append((row.x2 - transform.center[1]) * transform.scale[1])
        }
        let summary = NeuralNetworkSimulator.CSVSummary(rows: rows.count, task: task, classes: classes, header: header)
        let data = SimulatorData(
            task: task, classes: classes, xy: xy, targets: rows.map(\.target), name: "custom", transform: transform, upload: summary
        )
        return (data, summary)
    }

    private static func number(_ field: String, line: Int, column: Int) throws(DemoError) -> Double {
        let name = ["x1", "x2", "the label or y"][column]
        guard !field.isEmpty else { throw DemoError.invalidCSV(line: line, reason: "\(name) (column \(column + 1)) is empty") }
        guard let value = Double(field) else {
            throw DemoError.invalidCSV(line: line, reason: "\(name) (column \(column + 1)) is not a number: '\(field.prefix(40))'")
        }
        guard value.isFinite else {
            throw DemoError.invalidCSV(line: line, reason: "\(name) (column \(column + 1)) is not finite: '\(field.prefix(40))'")
        }
        guard Swift.abs(value) <= NeuralNetworkSimulator.csvValueLimit else {
            throw DemoError.invalidCSV(line: line, reason: "\(name) (column \(column + 1)) is \(field.prefix(40)), outside ±\(Int(NeuralNetworkSimulator.csvValueLimit))")
        }
        return value
    }

    private static func unquote(_ field: String) -> String {
        guard field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") else { return field }
        return String(field.dropFirst().dropLast()).trimmingSpaces
    }

    private static func taskNamed(_ name: String) -> Task? {
        switch name.lowercased() {
        case "label", "class", "classes", "category", "label (class)": .classification
        case "y", "value", "target", "output": .regression
        default: nil
        }
    }

    private static func inferTask(_ targets: [Double]) -> Task {
        targets.allSatisfy { $0 == $0.rounded() && (0...4).contains($0) } ? .classification : .regression
    }

    private static func makeTransform(_ x1: [Double], _ x2: [Double]) -> NeuralNetworkSimulator.InputTransform {
        func axis(_ values: [Double]) -> (center: Double, scale: Double) {
            let low = values.min() ?? 0, high = values.max() ?? 0
            let half = (high - low) / 2
            return ((low + high) / 2, half > 0 ? 5 / half : 1)
        }
        let a = axis(x1), b = axis(x2)
        let box = NeuralNetworkSimulator.plane
        let original = DemoBox(xMin: box.xMin / a.scale + a.center, xMax: box.xMax / a.scale + a.center,
                               yMin: box.yMin / b.scale + b.center, yMax: box.yMax / b.scale + b.center)
        return .init(center: [a.center, b.center], scale: [a.scale, b.scale], original: original)
    }
}
