import Foundation

/// CSV text split into named columns of cell strings, before any conversion to numbers.
///
/// ``DataFrame`` and ``Dataset/fromCSV(_:target:task:missing:options:)`` build on it. Every
/// data row has as many cells as there are column names; ``lines`` records where each row starts
/// in the file so that later errors can point at it.
public struct CSVTable: Sendable, Equatable {
    /// The column names: the header's cells, or `column_1`, `column_2`, … without a header.
    public private(set) var columnNames: [String]
    /// The data rows (the header excluded), as written (trimmed when the options say so).
    public private(set) var rows: [[String]]
    /// The 1-based line on which each data row starts.
    public private(set) var lines: [Int]
    /// Whether the first row was read as a header.
    public private(set) var hasHeader: Bool
    /// The options the table was read with (its missing-value markers are used later).
    public private(set) var options: CSVOptions

    /// Reads CSV text.
    /// - Throws: ``DatasetError/unterminatedQuote(row:column:)``,
    ///   ``DatasetError/unexpectedQuote(row:column:)``, ``DatasetError/raggedRow(row:expected:got:)``,
    ///   ``DatasetError/limitExceeded(what:value:limit:)`` (bytes, rows, columns),
    ///   ``DatasetError/emptyInput`` for text without rows, and
    ///   ``DatasetError/duplicateColumn(_:)`` when two header cells are equal.
    public init(parsing text: String, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        var text = text
        let byteCount = text.utf8.count
        guard byteCount <= options.maxBytes else {
            throw .limitExceeded(what: "bytes", value: byteCount, limit: options.maxBytes)
        }
        let reader = CSVReader(options: options)
        let parsed = try text.withUTF8 { bytes in
            Result { () throws(DatasetError) in try reader.records(bytes) }
        }.get()
        try self.init(records: parsed.rows, lines: parsed.lines, options: options)
    }

    /// Reads CSV bytes, which must be UTF-8 text (a byte-order mark is skipped).
    /// - Throws: ``DatasetError/invalidEncoding`` and the errors of ``init(parsing:options:)``.
    public init(data: Data, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        guard data.count <= options.maxBytes else {
            throw .limitExceeded(what: "bytes", value: data.count, limit: options.maxBytes)
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw .invalidEncoding }
        try self.init(parsing: text, options: options)
    }

    /// Reads a CSV file, checking its size before reading it.
    /// - Throws: ``DatasetError/unreadableFile(path:reason:)`` and the errors of
    ///   ``init(data:options:)``.
    public init(contentsOf url: URL, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        try self.init(data: FileReading.contents(of: url, maxBytes: options.maxBytes), options: options)
    }

    /// A table from cells already split into records (the first possibly a header).
    init(records: [[String]], lines: [Int], options: CSVOptions) throws(DatasetError) {
        guard let first = records.first else { throw .emptyInput }
        let header = options.hasHeader ?? Self.detectHeader(records, options: options)
        if header {
            var seen = Set<String>()
            for name in first where !seen.insert(name).inserted { throw .duplicateColumn(name) }
            columnNames = first
            rows = Array(records.dropFirst())
            self.lines = Array(lines.dropFirst())
        } else {
            columnNames = (1...first.count).map { "column_\($0)" }
            rows = records
            self.lines = lines
        }
        hasHeader = header
        self.options = options
    }

    /// Guesses whether the first record is a header.
    ///
    /// It is when some column holds numbers below a first cell that is text, or — when no
    /// column is numeric — when the first row's cells are non-empty, distinct, and never repeated
    /// below. A first row with a number in it is data. Pass ``CSVOptions/hasHeader`` to decide
    /// yourself.
    public static func detectHeader(_ records: [[String]], options: CSVOptions) -> Bool {
        guard let first = records.first else { return false }
        let isNumber = { (cell: String) in CSVNumber.parse(cell) != nil }
        if first.contains(where: isNumber) { return false }
        let rest = records.dropFirst()
        if rest.isEmpty { return !first.contains(where: options.isMissing) }
        for column in first.indices where !options.isMissing(first[column]) {
            let below = rest.map { $0[column] }.filter { !options.isMissing($0) }
            if !below.isEmpty && below.allSatisfy(isNumber) { return true }
        }
        guard !first.contains(where: options.isMissing), Set(first).count == first.count else { return false }
        for column in first.indices where rest.contains(where: { $0[column] == first[column] }) { return false }
        return true
    }

    /// The kind of each column: numeric when every present cell is a number.
    public func columnKinds() -> [CSVColumnKind] {
        columnNames.indices.map { column in
            rows.allSatisfy { options.isMissing($0[column]) || CSVNumber.parse($0[column]) != nil } ? .numeric : .string
        }
    }

    /// The index of the column named `name`, or throws ``DatasetError/unknownColumn(_:)``.
    public func columnIndex(_ name: String) throws(DatasetError) -> Int {
        guard let i = columnNames.firstIndex(of: name) else {
            throw .unknownColumn("\"\(name)\" (the columns are \(columnNames.joined(separator: ", ")))")
        }
        return i
    }

    /// The cells of the column at 0-based position `column` as numbers, `nil` where missing.
    /// - Throws: ``DatasetError/nonNumericCell(row:column:name:value:)`` naming the first cell
    ///   that is neither a number nor a missing marker, ``DatasetError/unknownColumn(_:)`` for a
    ///   position outside the table.
    public func numbers(inColumn column: Int) throws(DatasetError) -> [Double?] {
        guard columnNames.indices.contains(column) else {
            throw .unknownColumn("at index \(column) (the table has \(columnNames.count) columns, numbered from 0)")
        }
        var values: [Double?] = []
        values.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let cell = row[column]
            if options.isMissing(cell) {
                values.append(nil)
            } else if let v = CSVNumber.parse(cell) {
                values.append(v)
            } else {
                throw .nonNumericCell(row: lines[r], column: column + 1, name: columnNames[column], value: cell)
            }
        }
        return values
    }
}
