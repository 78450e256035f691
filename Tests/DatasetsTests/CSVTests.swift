import Foundation
import Testing
import Tensors
@testable import Datasets

/// CSV parsing, typing and conversion to a data set; every malformed case names its row and
/// column. Rows count physical lines from 1, header included.
@Suite("DatasetsCSV")
struct CSVTests {
    @Test func parsesQuotedFieldsAsRFC4180Says() throws {
        let text = "name,comment\n\"Smith, J.\",\"She said \"\"hi\"\"\"\n\"two\nlines\",plain\r\n,\"\"\n"
        let table = try CSVTable(parsing: text)
        #expect(table.hasHeader)
        #expect(table.columnNames == ["name", "comment"])
        #expect(table.rows == [["Smith, J.", "She said \"hi\""], ["two\nlines", "plain"], ["", ""]])
        // The third record starts on line 3 and spans two lines; the next starts on line 5.
        #expect(table.lines == [2, 3, 5])
    }

    @Test func lineEndingsBlankLinesAndSpaces() throws {
        let table = try CSVTable(parsing: "\u{FEFF}a;b\r\n 1 ; 2\r\n\r\n3;\"  4  \"\r", options: CSVOptions(delimiter: ";"))
        #expect(table.columnNames == ["a", "b"])
        #expect(table.rows == [["1", "2"], ["3", "  4  "]])
        #expect(table.lines == [2, 4])
        let untrimmed = try CSVTable(parsing: "x,y\n 1,2\n", options: CSVOptions(trimsWhitespace: false))
        #expect(untrimmed.rows == [[" 1", "2"]])
        #expect(try CSVTable(parsing: "a,b\n1,\n").rows == [["1", ""]])
    }

    @Test func detectsHeaders() throws {
        #expect(try CSVTable(parsing: "x,y\n1,2\n3,4").hasHeader)
        #expect(try !CSVTable(parsing: "1,2\n3,4").hasHeader)
        #expect(try CSVTable(parsing: "1,2\n3,4").columnNames == ["column_1", "column_2"])
        // All text: a header when the first row is distinct and not repeated below.
        #expect(try CSVTable(parsing: "city,country\nOslo,Norway\nRome,Italy").hasHeader)
        #expect(try !CSVTable(parsing: "Oslo,Norway\nOslo,Sweden").hasHeader)
        // A first row containing a number is data.
        #expect(try !CSVTable(parsing: "a,1\nb,2").hasHeader)
        #expect(try !CSVTable(parsing: "a,1\nb,2", options: CSVOptions(hasHeader: false)).hasHeader)
        #expect(try CSVTable(parsing: "5,6\n1,2", options: CSVOptions(hasHeader: true)).columnNames == ["5", "6"])
    }

    @Test func infersColumnKindsAndMissingValues() throws {
        let table = try CSVTable(parsing: "id,score,label\n1,2.5,cat\n2,NA,dog\n3,,NaN\n4,-1e3,\n")
        #expect(table.columnKinds() == [.numeric, .numeric, .string])
        #expect(try table.numbers(inColumn: 1) == [2.5, nil, nil, -1000])
        // Words Swift's Double() would take are text here.
        #expect(try CSVTable(parsing: "v\ninf\n1").columnKinds() == [.string])
        #expect(try CSVTable(parsing: "v\n0x10\n1").columnKinds() == [.string])
    }

    @Test func buildsClassificationAndRegressionSets() throws {
        let text = "length,width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n"
        let data = try Dataset.fromCSV(text)
        #expect(data.features.shape == [4, 2])
        #expect(data.featureNames == ["length", "width"])
        #expect(data.isClassification)
        #expect(data.targetNames == ["setosa", "versicolor", "virginica"])
        #expect(data.target.scalars(as: Int.self) == [0, 1, 2, 0])
        #expect(data.features.scalars(as: Double.self) == [5.1, 3.5, 7.0, 3.2, 6.3, 3.3, 4.9, 3.0])

        // The target chosen by name or index; numbers are a regression target unless told otherwise.
        let byName = try Dataset.fromCSV(text, target: "species")
        #expect(byName.target.scalars(as: Int.self) == data.target.scalars(as: Int.self))
        // With another target, the text column would be a feature: an error.
        expectError(.nonNumericCell(row: 2, column: 3, name: "species", value: "setosa")) {
            try Dataset.fromCSV(text, target: "length")
        }
        let regression = try Dataset.fromCSV("a,b,y\n1,2,0.5\n3,4,1.5\n", target: 2)
        #expect(!regression.isClassification)
        #expect(regression.target.scalars(as: Double.self) == [0.5, 1.5])
        let classes = try Dataset.fromCSV("y,a\n10,1\n2,2\n10,3\n", target: .index(0), task: .classification)
        #expect(classes.targetNames == ["2", "10"])  // sorted by value, not as text
        #expect(classes.target.scalars(as: Int.self) == [1, 0, 1])
        #expect(classes.featureNames == ["a"])
    }

    @Test func missingValuePolicies() throws {
        let text = "a,b,y\n1,2,0\n,3,1\n4,5,1\n6,7,\n"
        expectError(.missingValue(row: 3, column: 1, name: "a")) { try Dataset.fromCSV(text, task: .classification) }
        let dropped = try Dataset.fromCSV(text, task: .classification, missing: .dropRows)
        #expect(dropped.count == 2)
        #expect(dropped.features.scalars(as: Double.self) == [1, 2, 4, 5])
        // keepNaN keeps missing features, but a missing target still fails.
        expectError(.missingValue(row: 5, column: 3, name: "y")) {
            try Dataset.fromCSV(text, task: .classification, missing: .keepNaN)
        }
        let kept = try Dataset.fromCSV("a,y\n,1\n2,0\n", missing: .keepNaN)
        #expect(kept.features.scalars(as: Double.self)[0].isNaN)
    }

    @Test func badQuotingNamesRowAndColumn() {
        expectError(.unterminatedQuote(row: 3, column: 2)) { try CSVTable(parsing: "a,b\n1,2\n3,\"open\n4,5\n") }
        expectError(.unexpectedQuote(row: 2, column: 2)) { try CSVTable(parsing: "a,b\n1,x\"y\n") }
        expectError(.unexpectedQuote(row: 2, column: 1)) { try CSVTable(parsing: "a,b\n\"quoted\"tail,2\n") }
        // After a field spanning two lines, errors point at the right line.
        expectError(.unexpectedQuote(row: 4, column: 2)) { try CSVTable(parsing: "a,b\n\"x\ny\",1\n2,3\"\n") }
    }

    @Test func raggedRowsNameTheRow() {
        expectError(.raggedRow(row: 3, expected: 2, got: 3)) { try CSVTable(parsing: "a,b\n1,2\n3,4,5\n") }
        expectError(.raggedRow(row: 4, expected: 3, got: 1)) { try CSVTable(parsing: "a,b,c\n1,2,3\n4,5,6\n7\n") }
    }

    @Test func nonNumericCellsNameRowColumnAndValue() {
        expectError(.nonNumericCell(row: 3, column: 2, name: "width", value: "wide")) {
            try Dataset.fromCSV("length,width,y\n1,2,a\n3,wide,b\n")
        }
        // A text regression target is an error too.
        expectError(.nonNumericCell(row: 2, column: 2, name: "y", value: "high")) {
            try Dataset.fromCSV("x,y\n1,high\n", task: .regression)
        }
    }

    @Test func sizeLimits() {
        let text = "a,b\n1,2\n3,4\n5,6\n"
        expectError(.limitExceeded(what: "bytes", value: text.utf8.count, limit: 10)) {
            try CSVTable(parsing: text, options: CSVOptions(maxBytes: 10))
        }
        expectError(.limitExceeded(what: "rows", value: 4, limit: 3)) {
            try CSVTable(parsing: text, options: CSVOptions(maxRows: 3))
        }
        expectError(.limitExceeded(what: "columns", value: 2, limit: 1)) {
            try CSVTable(parsing: text, options: CSVOptions(maxColumns: 1))
        }
        expectError(.limitExceeded(what: "bytes", value: text.utf8.count, limit: 10)) {
            try Dataset.fromCSV(data: Data(text.utf8), options: CSVOptions(maxBytes: 10))
        }
    }

    @Test func otherInputErrors() {
        expectError(.emptyInput) { try CSVTable(parsing: "") }
        expectError(.emptyInput) { try CSVTable(parsing: "\n\n") }
        expectError(.emptyInput) { try Dataset.fromCSV("a,b\n") }
        expectError(.invalidEncoding) { try CSVTable(data: Data([0x61, 0x2C, 0xFF, 0x0A])) }
        expectError(.duplicateColumn("a")) { try CSVTable(parsing: "a,a\nx,1\n") }
        expectError(.unknownColumn("\"z\" (the columns are a, b)")) { try Dataset.fromCSV("a,b\n1,2\n", target: "z") }
        expectError(.unknownColumn("at index 5 (the table has 2 columns, numbered from 0)")) {
            try Dataset.fromCSV("a,b\n1,2\n", target: 5)
        }
        expectError(.invalidParameter(name: "delimiter", value: "\"\"\"",
                                      expected: "an ASCII character other than a quote or a line break")) {
            try CSVTable(parsing: "a\n1", options: CSVOptions(delimiter: "\""))
        }
    }

    @Test func readsFilesAndChecksTheirSizeFirst() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-\(UUID().uuidString).csv")
        try Data("x,y\n1,0\n2,1\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let data = try Dataset.fromCSV(contentsOf: url, task: .classification)
        #expect(data.count == 2)
        #expect(data.source == url.lastPathComponent)
        expectError(.limitExceeded(what: "bytes", value: 12, limit: 5)) {
            try CSVTable(contentsOf: url, options: CSVOptions(maxBytes: 5))
        }
        expectError(.unreadableFile(path: "/nonexistent/file.csv", reason: "no such file or no permission")) {
            try CSVTable(contentsOf: URL(fileURLWithPath: "/nonexistent/file.csv"))
        }
    }

    @Test func errorMessagesAreReadable() {
        #expect(DatasetError.nonNumericCell(row: 3, column: 2, name: "width", value: "wide").description
                == "row 3, column 2 (width): expected a number, got \"wide\"")
        #expect(DatasetError.raggedRow(row: 4, expected: 3, got: 1).description == "row 4: expected 3 fields like the first row, got 1")
        #expect(DatasetError.unterminatedQuote(row: 3, column: 2).description.hasPrefix("row 3, column 2:"))
    }

    @Test func arbitraryInputNeverTraps() {
        // Random texts over the characters that matter to the parser: each parses or throws.
        var g = RandomGenerator(seed: 7)
        let alphabet = Array("ab1.,\"\n\r NA;")
        for _ in 0..<500 {
            let text = String((0..<g.nextInt(below: 40)).map { _ in alphabet[g.nextInt(below: alphabet.count)] })
            if let table = try? CSVTable(parsing: text) {
                #expect(table.rows.allSatisfy { $0.count == table.columnNames.count })
                _ = try? Dataset.fromCSV(table: table)
                _ = try? DataFrame(table: table)
            }
        }
    }
}
