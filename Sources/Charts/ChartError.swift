/// What was wrong with a chart's input.
///
/// The policy, shared by every chart kind:
/// - **Structurally invalid input throws** a `ChartError`: arrays whose lengths must match but
///   do not, ragged grids, indices out of range, parameters outside their domain (a bin count
///   of zero, a size too small to draw in). These are mistakes in the calling code, and a
///   chart that silently drew something else would hide them.
/// - **Values that cannot be placed are skipped**: NaN and ±infinity anywhere, and zero or
///   negative values on a log axis. A line breaks where such a point was; a heatmap cell shows
///   as missing.
/// - **Nothing left to draw is not an error**: an empty series, or one whose values were all
///   skipped, renders the frame and title with a centred "No data" message, so a live figure
///   that has not received data yet still shows up on the page.
///
/// Rendering never traps on data.
public enum ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two arrays that pair up element by element have different lengths.
    case lengthMismatch(what: String, expected: Int, got: Int)
    /// A row of a grid or matrix has a different length from the first row.
    case raggedRows(what: String, row: Int, expected: Int, got: Int)
    /// An index (a class label, a tree node, a grid cell) points outside its range.
    case indexOutOfRange(what: String, index: Int, validRange: Range<Int>)
    /// A parameter lies outside the values the chart can use.
    case invalidParameter(name: String, value: String, expected: String)
    /// The requested drawing size is not finite or is too small to hold a chart.
    case invalidSize(width: Double, height: Double)

    public var description: String {
        switch self {
        case let .lengthMismatch(what, expected, got):
            return "\(what): expected \(expected) values, got \(got)"
        case let .raggedRows(what, row, expected, got):
            return "\(what): row \(row) has \(got) values, expected \(expected) like row 0"
        case let .indexOutOfRange(what, index, validRange):
            return "\(what): index \(index) is outside \(validRange.lowerBound)..<\(validRange.upperBound)"
        case let .invalidParameter(name, value, expected):
            return "\(name) is \(value), expected \(expected)"
        case let .invalidSize(width, height):
            return "chart size \(width)×\(height) is not usable, expected finite sides of at least \(Int(ChartSize.minimumSide)) units"
        }
    }
}

/// Small validation helpers shared by the chart kinds, so their messages read alike.
enum Validate {
    static func sameLength(_ what: String, expected: Int, got: Int) throws(ChartError) {
        if expected != got { throw .lengthMismatch(what: what, expected: expected, got: got) }
    }

    /// Checks that every row has the first row's length and returns (rows, columns).
    @discardableResult
    static func rectangular<T>(_ what: String, _ rows: [[T]]) throws(ChartError) -> (rows: Int, columns: Int) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != columns {
            throw .raggedRows(what: what, row: index, expected: columns, got: row.count)
        }
        return (rows.count, columns)
    }

    static func index(_ what: String, _ index: Int, count: Int) throws(ChartError) {
        if index < 0 || index >= count {
            throw .indexOutOfRange(what: what, index: index, validRange: 0..<count)
        }
    }

    static func positive(_ name: String, _ value: Double) throws(ChartError) {
        if !(value.isFinite && value > 0) {
            throw .invalidParameter(name: name, value: NumberFormat.plain(value), expected: "a finite number > 0")
        }
    }

    static func strictlyIncreasing(_ what: String, _ values: [Double]) throws(ChartError) {
        for (index, value) in values.enumerated() {
            if !value.isFinite {
                throw .invalidParameter(name: "\(what)[\(index)]", value: NumberFormat.plain(value), expected: "a finite coordinate")
            }
            if index > 0 && !(value > values[index - 1]) {
                throw .invalidParameter(name: "\(what)[\(index)]", value: NumberFormat.plain(value),
                                        expected: "a value greater than \(what)[\(index - 1)] (grid coordinates must increase)")
            }
        }
    }
}
