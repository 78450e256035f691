/// Splits CSV bytes into records of fields (RFC 4180).
///
/// Fields are separated by the delimiter and records by LF, CRLF or CR. A field may be quoted;
/// inside quotes, delimiters and line breaks are text and a quote is written twice. A quote
/// anywhere else is an error, as is a quoted field that is never closed. Blank lines are
/// skipped. Each record remembers the line it starts on, for error messages.
struct CSVReader {
    private static let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13
    private static let space = UInt8(ascii: " "), tab: UInt8 = 9

    let options: CSVOptions

    /// The records of `bytes` and the 1-based line on which each starts.
    /// - Throws: quoting errors, ``DatasetError/raggedRow(row:expected:got:)``, and
    ///   ``DatasetError/limitExceeded(what:value:limit:)`` for bytes, rows or columns.
    func records(_ bytes: UnsafeBufferPointer<UInt8>) throws(DatasetError) -> (rows: [[String]], lines: [Int]) {
        guard bytes.count <= options.maxBytes else {
            throw .limitExceeded(what: "bytes", value: bytes.count, limit: options.maxBytes)
        }
        let delimiter = try options.delimiterByte()
        var rows: [[String]] = []
        var lines: [Int] = []
        var fields: [String] = []
        var line = 1, recordLine = 1
        var i = 0
        // A UTF-8 byte-order mark is not part of the first field.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let n = bytes.count
        var field: [UInt8] = []
        var recordHadQuotes = false

        func finishRecord() throws(DatasetError) {
            // A blank line is a record holding one empty unquoted field: skip it.
            if fields.count == 1 && fields[0].isEmpty && !recordHadQuotes {
                fields.removeAll(keepingCapacity: true)
                recordHadQuotes = false
                return
            }
            if let first = rows.first, first.count != fields.count {
                throw .raggedRow(row: recordLine, expected: first.count, got: fields.count)
            }
            guard rows.count < options.maxRows else {
                throw .limitExceeded(what: "rows", value: rows.count + 1, limit: options.maxRows)
            }
            rows.append(fields)
            lines.append(recordLine)
            fields.removeAll(keepingCapacity: true)
            recordHadQuotes = false
        }

        while i < n {
            // Start of a field.
            if fields.isEmpty { recordLine = line }
            guard fields.count < options.maxColumns else {
                throw .limitExceeded(what: "columns", value: fields.count + 1, limit: options.maxColumns)
            }
            let column = fields.count + 1
            field.removeAll(keepingCapacity: true)
            var quoted = false
            // Leading spaces before an opening quote are tolerated when trimming.
            var j = i
            if options.trimsWhitespace {
                while j < n && (bytes[j] == Self.space || bytes[j] == Self.tab) && bytes[j] != delimiter { j += 1 }
            }
            if j < n && bytes[j] == Self.quote {
                quoted = true
                recordHadQuotes = true
                i = j + 1
                let startLine = line
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == Self.quote {
                        if i + 1 < n && bytes[i + 1] == Self.quote {
                            field.append(Self.quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == Self.lf || (b == Self.cr && !(i + 1 < n && bytes[i + 1] == Self.lf)) { line += 1 }
                    field.append(b)
                    i += 1
                }
                guard closed else { throw .unterminatedQuote(row: startLine, column: column) }
                if options.trimsWhitespace {
                    while i < n && (bytes[i] == Self.space || bytes[i] == Self.tab) && bytes[i] != delimiter { i += 1 }
                }
                if i < n && bytes[i] != delimiter && bytes[i] != Self.lf && bytes[i] != Self.cr {
                    throw .unexpectedQuote(row: line, column: column)
                }
            } else {
                while i < n {
                    let b = bytes[i]
                    if b == delimiter || b == Self.lf || b == Self.cr { break }
                    if b == Self.quote { throw .unexpectedQuote(row: line, column: column) }
                    field.append(b)
                    i += 1
                }
            }
            var text = String(decoding: field, as: UTF8.self)
            if options.trimsWhitespace && !quoted { text = Self.trimmed(text) }
            fields.append(text)
            // What ended the field?
            if i >= n { break }
            let b = bytes[i]
            i += 1
            if b == delimiter {
                // A delimiter at the very end of the input leaves one more, empty field.
                if i == n { fields.append("") }
                continue
            }
            if b == Self.cr && i < n && bytes[i] == Self.lf { i += 1 }
            line += 1
            try finishRecord()
        }
        if !fields.isEmpty { try finishRecord() }
        return (rows, lines)
    }

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let c = sub.first, c == " " || c == "\t" { sub.removeFirst() }
        while let c = sub.last, c == " " || c == "\t" { sub.removeLast() }
        return String(sub)
    }
}
