/// Errors thrown when data cannot be loaded, parsed or generated.
///
/// Every loader validates its input and throws one of these instead of trapping, so that a bad
/// upload or a missing file cannot crash the process. CSV positions are 1-based, as an editor
/// shows them: `row` is the line on which the record starts (a header is line 1) and `column`
/// counts fields from the left. Byte offsets count from 0 at the start of the file (for IDX,
/// the decompressed file).
public enum DatasetError: Error, Equatable, CustomStringConvertible, Sendable {
    // MARK: CSV
    /// A quoted field is still open when the input ends.
    case unterminatedQuote(row: Int, column: Int)
    /// A quote appears inside an unquoted field, or text follows a closing quote.
    case unexpectedQuote(row: Int, column: Int)
    /// A row has a different number of fields from the first row.
    case raggedRow(row: Int, expected: Int, got: Int)
    /// A cell that must hold a number holds something else.
    case nonNumericCell(row: Int, column: Int, name: String, value: String)
    /// A cell is empty (or `NA`, `NaN`) where the chosen policy does not allow missing values.
    case missingValue(row: Int, column: Int, name: String)
    /// The CSV text has no rows (or only a header).
    case emptyInput
    /// A column named or numbered by the caller does not exist.
    case unknownColumn(String)
    /// The bytes are not valid UTF-8 text.
    case invalidEncoding

    // MARK: binary formats
    /// An IDX file does not start with two zero bytes.
    case badMagic(offset: Int, found: [UInt8])
    /// An IDX file names an element type this reader does not know.
    case unknownElementType(offset: Int, code: UInt8)
    /// A file ends before the named field is complete.
    case truncated(field: String, offset: Int, needed: Int, available: Int)
    /// A compressed file is malformed; `offset` is the byte position in the compressed input.
    case corruptCompressedData(offset: Int, reason: String)
    /// The decompressed data does not match the checksum or length stored in the gzip trailer.
    case checksumMismatch(expected: UInt32, computed: UInt32)
    /// Two files that describe the same samples disagree (e.g. image and label counts).
    case inconsistentFiles(String)

    // MARK: limits and parameters
    /// The input is larger than a configured limit; `what` names the quantity (bytes, rows,
    /// columns, elements, samples).
    case limitExceeded(what: String, value: Int, limit: Int)
    /// A parameter is outside its allowed range.
    case invalidParameter(name: String, value: String, expected: String)

    // MARK: files
    /// Fashion-MNIST is not installed where it was looked for.
    case fashionMNISTNotInstalled(directory: String, missing: [String])
    /// A file bundled with MLHub is missing from the resource bundle.
    case missingResource(String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file could not be written.
    case unwritableFile(path: String, reason: String)

    // MARK: tables
    /// A table operation was given a column of the wrong kind.
    case columnTypeMismatch(column: String, expected: String, got: String)
    /// Columns of a table must all have the same length.
    case lengthMismatch(column: String, expected: Int, got: Int)
    /// Two columns of a table have the same name.
    case duplicateColumn(String)

    public var description: String {
        switch self {
        case let .unterminatedQuote(row, column):
            "row \(row), column \(column): the quoted field is never closed (a quote inside a quoted field is written as two quotes)"
        case let .unexpectedQuote(row, column):
            "row \(row), column \(column): a quote may only open a field or close it; write a literal quote inside a quoted field as \"\""
        case let .raggedRow(row, expected, got):
            "row \(row): expected \(expected) fields like the first row, got \(got)"
        case let .nonNumericCell(row, column, name, value):
            "row \(row), column \(column) (\(name)): expected a number, got \"\(value)\""
        case let .missingValue(row, column, name):
            "row \(row), column \(column) (\(name)): the value is missing"
        case .emptyInput:
            "the CSV input has no data rows"
        case let .unknownColumn(name):
            "no column \(name)"
        case .invalidEncoding:
            "the input is not valid UTF-8 text"
        case let .badMagic(offset, found):
            "offset \(offset): expected the IDX magic number 00 00, found \(found.map { hex($0) }.joined(separator: " "))"
        case let .unknownElementType(offset, code):
            "offset \(offset): unknown IDX element type 0x\(hex(code)) (expected 08, 09, 0B, 0C, 0D or 0E)"
        case let .truncated(field, offset, needed, available):
            "the file ends inside the \(field) at offset \(offset): it needs \(needed) bytes, \(available) remain"
        case let .corruptCompressedData(offset, reason):
            "compressed data is corrupt at byte \(offset): \(reason)"
        case let .checksumMismatch(expected, computed):
            "the decompressed data fails its check: expected 0x\(String(expected, radix: 16)), computed 0x\(String(computed, radix: 16))"
        case let .inconsistentFiles(why):
            why
        case let .limitExceeded(what, value, limit):
            "the input has \(value) \(what), more than the limit of \(limit)"
        case let .invalidParameter(name, value, expected):
            "\(name) is \(value); expected \(expected)"
        case let .fashionMNISTNotInstalled(directory, missing):
            "Fashion-MNIST is not installed: \(missing.joined(separator: ", ")) not found in \(directory). "
                + "Install it with `sudo apt-get install dataset-fashion-mnist` (files go to /usr/share/datasets/fashion-mnist/), "
                + "or pass the directory that holds the four IDX .gz files."
        case let .missingResource(name):
            "the bundled file \(name) is missing from the Datasets resource bundle"
        case let .unreadableFile(path, reason):
            "cannot read \(path): \(reason)"
        case let .unwritableFile(path, reason):
            "cannot write \(path): \(reason)"
        case let .columnTypeMismatch(column, expected, got):
            "column \(column): expected a \(expected) column, got \(got)"
        case let .lengthMismatch(column, expected, got):
            "column \(column) has \(got) values, expected \(expected)"
        case let .duplicateColumn(name):
            "two columns are named \(name)"
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
