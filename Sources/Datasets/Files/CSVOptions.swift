/// How to read CSV text: the delimiter, the header, which cells count as missing, and the size
/// limits that keep an uploaded file from exhausting memory.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator, an ASCII character other than a quote or a line break (`,` `;` tab).
    public var delimiter: Character
    /// `true` or `false` to say whether the first row names the columns; `nil` to detect it (see
    /// ``CSVTable/detectHeader(_:options:)``).
    public var hasHeader: Bool?
    /// Cell texts (after trimming spaces) that mean "no value". Matching is exact.
    public var missingMarkers: Set<String>
    /// Removes spaces and tabs around unquoted fields (quoted fields are kept as written).
    public var trimsWhitespace: Bool
    /// The most bytes of input to accept.
    public var maxBytes: Int
    /// The most rows (records, a header included) to accept.
    public var maxRows: Int
    /// The most columns to accept.
    public var maxColumns: Int

    /// Defaults: comma-separated, header detected, `""`, `NA`, `NaN` (and `nan`, `N/A`, `null`)
    /// missing, at most 64 MiB, 1,000,000 rows and 10,000 columns.
    public init(delimiter: Character = ",", hasHeader: Bool? = nil,
                missingMarkers: Set<String> = ["", "NA", "NaN", "nan", "N/A", "null"], trimsWhitespace: Bool = true,
                maxBytes: Int = 64 << 20, maxRows: Int = 1_000_000, maxColumns: Int = 10_000) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.missingMarkers = missingMarkers
        self.trimsWhitespace = trimsWhitespace
        self.maxBytes = maxBytes
        self.maxRows = maxRows
        self.maxColumns = maxColumns
    }

    /// Throws unless the delimiter is a single ASCII byte that cannot be confused with quoting.
    func delimiterByte() throws(DatasetError) -> UInt8 {
        guard let ascii = delimiter.asciiValue, ascii != UInt8(ascii: "\""), ascii != 10, ascii != 13 else {
            throw .invalidParameter(name: "delimiter", value: "\"\(delimiter)\"",
                                    expected: "an ASCII character other than a quote or a line break")
        }
        return ascii
    }

    /// `true` when `cell` (already trimmed) marks a missing value.
    public func isMissing(_ cell: String) -> Bool { missingMarkers.contains(cell) }
}

/// The kind of values a CSV column holds, inferred from its cells.
public enum CSVColumnKind: String, Sendable, Equatable {
    /// Every present cell is a decimal number.
    case numeric
    /// Some present cell is not a number.
    case string
}

/// Decimal numbers as CSV files write them: an optional sign, digits with an optional point,
/// and an optional exponent (`-1.5`, `.5`, `2e-3`). Words Swift would also accept (`inf`,
/// `nan`, hexadecimal) are text here; `NaN` counts as missing through the markers instead.
enum CSVNumber {
    static func parse(_ text: Substring) -> Double? {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(text)
    }

    static func parse(_ text: String) -> Double? { parse(text[...]) }
}
