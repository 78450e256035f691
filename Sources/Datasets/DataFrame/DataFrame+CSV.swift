import Foundation

extension DataFrame {
    /// A table from CSV text: numeric columns where every present cell is a number, string
    /// columns otherwise; missing markers become missing cells.
    /// - Throws: the errors of ``CSVTable/init(parsing:options:)``.
    public init(csv text: String, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        try self.init(table: CSVTable(parsing: text, options: options))
    }

    /// A table from UTF-8 CSV bytes; see ``init(csv:options:)``.
    public init(csvData data: Data, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        try self.init(table: CSVTable(data: data, options: options))
    }

    /// A table from a CSV file; see ``init(csv:options:)``.
    public init(contentsOfCSV url: URL, options: CSVOptions = CSVOptions()) throws(DatasetError) {
        try self.init(table: CSVTable(contentsOf: url, options: options))
    }

    /// A table from parsed CSV, typing each column by ``CSVTable/columnKinds()``.
    public init(table: CSVTable) throws(DatasetError) {
        self.init()
        for (c, (name, kind)) in zip(table.columnNames, table.columnKinds()).enumerated() {
            switch kind {
            case .numeric: try addColumn(name, .numeric(table.numbers(inColumn: c)))
            case .string: try addColumn(name, .string(table.rows.map { table.options.isMissing($0[c]) ? nil : $0[c] }))
            }
        }
    }

    /// The table as CSV text with a header row (RFC 4180): fields holding the delimiter, a
    /// quote, a line break or surrounding spaces are quoted; missing cells are empty; numbers
    /// are written so that they read back to the same value; lines end with `\n`.
    ///
    /// Reading the text back with ``init(csv:options:)`` gives the same table, except that
    /// categorical columns come back as strings, empty texts as missing, and a text column
    /// whose cells all look like numbers as numeric.
    public func csv(delimiter: Character = ",") -> String {
        func quoted(_ field: String) -> String {
            let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || field.first == " " || field.last == " " || field.first == "\t" || field.last == "\t"
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        let separator = String(delimiter)
        var lines = [columnNames.map(quoted).joined(separator: separator)]
        for r in 0..<rowCount {
            lines.append(columns.map { column -> String in
                switch column[r] {
                case .number(let v): exactNumberText(v)
                case .text(let s): quoted(s)
                case .missing: ""
                }
            }.joined(separator: separator))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv(delimiter:)`` to a file.
    /// - Throws: ``DatasetError/unwritableFile(path:reason:)``.
    public func writeCSV(to url: URL, delimiter: Character = ",") throws(DatasetError) {
        do {
            try Data(csv(delimiter: delimiter).utf8).write(to: url)
        } catch {
            throw .unwritableFile(path: url.path, reason: error.localizedDescription)
        }
    }
}
