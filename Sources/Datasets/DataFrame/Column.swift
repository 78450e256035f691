extension DataFrame {
    /// One cell of a ``DataFrame``: a number, a text, or nothing.
    ///
    /// Categorical cells read as `.text` of their category. Values order numbers before texts
    /// before missing, so sorting puts missing cells last.
    public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible,
        ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
        /// A number (numeric columns).
        case number(Double)
        /// A text (string columns, and categorical columns by category).
        case text(String)
        /// No value.
        case missing

        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
        public init(stringLiteral value: String) { self = .text(value) }
        public init(nilLiteral: ()) { self = .missing }

        /// The number, or `nil` for texts and missing cells.
        public var number: Double? { if case .number(let v) = self { v } else { nil } }
        /// The text, or `nil` for numbers and missing cells.
        public var text: String? { if case .text(let s) = self { s } else { nil } }
        /// `true` for a missing cell.
        public var isMissing: Bool { self == .missing }

        public static func < (l: Value, r: Value) -> Bool {
            switch (l, r) {
            case let (.number(a), .number(b)): a < b
            case let (.text(a), .text(b)): a < b
            case (.number, .text), (.number, .missing), (.text, .missing): true
            default: false
            }
        }

        /// Numbers without a needless `.0`, texts as they are, missing as `NA`.
        public var description: String {
            switch self {
            case .number(let v): formatNumber(v)
            case .text(let s): s
            case .missing: "NA"
            }
        }
    }

    /// The kind of a column: what its cells hold.
    public enum ColumnKind: String, Sendable, Equatable {
        /// Numbers.
        case numeric
        /// Free text.
        case string
        /// Indices into a fixed list of categories.
        case categorical
    }

    /// The cells of one ``DataFrame`` column, typed; `nil` marks a missing cell.
    public enum Column: Sendable, Equatable {
        /// Numbers (`float64`).
        case numeric([Double?])
        /// Free text.
        case string([String?])
        /// A fixed set of categories; each cell holds the index of its category.
        case categorical(codes: [Int?], categories: [String])

        /// A categorical column from texts, with the distinct texts as categories in sorted order.
        public static func categorical(_ values: [String?]) -> Column {
            let categories = Array(Set(values.compactMap { $0 })).sorted()
            let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
            return .categorical(codes: values.map { $0.flatMap { index[$0] } }, categories: categories)
        }

        /// The number of cells.
        public var count: Int {
            switch self {
            case .numeric(let v): v.count
            case .string(let v): v.count
            case .categorical(let codes, _): codes.count
            }
        }

        /// What the column holds.
        public var kind: ColumnKind {
            switch self {
            case .numeric: .numeric
            case .string: .string
            case .categorical: .categorical
            }
        }

        /// The cell at `row`.
        /// - Precondition: `row` is in `0..<count`.
        public subscript(row: Int) -> Value {
            switch self {
            case .numeric(let v): v[row].map(Value.number) ?? .missing
            case .string(let v): v[row].map(Value.text) ?? .missing
            case .categorical(let codes, let categories): codes[row].map { .text(categories[$0]) } ?? .missing
            }
        }

        /// Every cell as a ``Value``.
        public var values: [Value] { (0..<count).map { self[$0] } }

        /// The number of missing cells.
        public var missingCount: Int { values.filter(\.isMissing).count }

        /// The numbers of a numeric column (`nil` for other kinds).
        public var numbers: [Double?]? { if case .numeric(let v) = self { v } else { nil } }

        /// The cells at `rows`, in that order; a `nil` row gives a missing cell (for left joins).
        func take(_ rows: [Int?]) -> Column {
            switch self {
            case .numeric(let v): .numeric(rows.map { $0.flatMap { v[$0] } })
            case .string(let v): .string(rows.map { $0.flatMap { v[$0] } })
            case .categorical(let codes, let categories): .categorical(codes: rows.map { $0.flatMap { codes[$0] } }, categories: categories)
            }
        }

        /// The cells at `rows`.
        func take(_ rows: [Int]) -> Column { take(rows.map { Optional($0) }) }
    }
}

/// A number as a table shows it: integers without a decimal point, others with up to six
/// significant digits.
func formatNumber(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && Swift.abs(v) < 1e15 { return String(Int(v)) }
    var text = String(v)
    // Shorten long expansions (0.30000000000000004) to six significant digits for display.
    if text.count > 10 { text = String(sixSignificantDigits(v)) }
    return text
}

/// `v` rounded to six significant digits (powers of ten up to 10²² are exact, so the result is
/// the double nearest the rounded decimal).
private func sixSignificantDigits(_ v: Double) -> Double {
    guard v != 0 else { return 0 }
    let shift = 5 - Swift.abs(v).exponentBase10
    guard Swift.abs(shift) <= 22 else { return v }
    return shift >= 0 ? (v * pow10(shift)).rounded() / pow10(shift) : (v / pow10(-shift)).rounded() * pow10(-shift)
}

/// A number in CSV: integers without a decimal point, others in Swift's shortest form that
/// reads back to the same double.
func exactNumberText(_ v: Double) -> String {
    if v == v.rounded() && Swift.abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}

private extension Double {
    /// ⌊log₁₀ |self|⌋ for a non-zero finite value.
    var exponentBase10: Int {
        var e = 0
        var x = Swift.abs(self)
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }
}

private func pow10(_ n: Int) -> Double {
    var result = 1.0
    if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
    return result
}
