import Foundation
import Testing
import Tensors
@testable import Datasets

@Suite("DatasetsDataFrame")
struct DataFrameTests {
    /// Rainfall in four cities, with a missing value.
    func weather() throws -> DataFrame {
        try DataFrame([
            "city": .string(["Oslo", "Rome", "Oslo", "Lima", "Rome"]),
            "month": .numeric([1, 1, 2, 1, 2]),
            "rain": .numeric([49.0, 66.5, nil, 1.0, 60.0]),
        ])
    }

    @Test func constructionAndAccess() throws {
        let frame = try weather()
        #expect(frame.shape == (5, 3))
        #expect(frame.columnNames == ["city", "month", "rain"])
        #expect(frame.kinds == [.string, .numeric, .numeric])
        #expect(frame.value(row: 1, column: "city") == "Rome")
        #expect(frame.value(row: 2, column: "rain") == .missing)
        #expect(frame.row(0).number("rain") == 49)
        #expect(frame["rain"]?.missingCount == 1)
        #expect(frame["nope"] == nil)
        expectError(.lengthMismatch(column: "b", expected: 2, got: 1)) {
            try DataFrame(["a": .numeric([1, 2]), "b": .numeric([3])])
        }
        expectError(.unknownColumn("\"x\" (the columns are city, month, rain)")) { try frame.column("x") }
        expectError(.duplicateColumn("month")) { try frame.renamingColumn("city", to: "month") }
        expectError(.invalidParameter(name: "c code", value: "3", expected: "an index into its 2 categories")) {
            try DataFrame(["c": .categorical(codes: [0, 3], categories: ["a", "b"])])
        }
    }

    @Test func headTailAndRows() throws {
        let frame = try weather()
        #expect(try frame.head(2).column("city") == .string(["Oslo", "Rome"]))
        #expect(try frame.tail(2).column("city") == .string(["Lima", "Rome"]))
        #expect(frame.head(10).rowCount == 5 && frame.head(0).rowCount == 0)
        #expect(try frame.rows([4, 0]).column("rain") == .numeric([60, 49]))
        expectError(.invalidParameter(name: "row", value: "5", expected: "an index in 0..<5")) { try frame.rows([5]) }
    }

    @Test func describeMatchesHandValues() throws {
        let frame = try DataFrame(["x": .numeric([1, 2, 3, 4, nil]), "label": .string(["a", "b", "c", "d", "e"])])
        let summary = frame.describe()
        #expect(summary.columnNames == ["statistic", "x"])
        #expect(try summary.column("statistic") == .string(["count", "mean", "std", "min", "25%", "50%", "75%", "max"]))
        // pandas: count 4, mean 2.5, std √(5/3), quartiles by linear interpolation.
        let x = try #require(try summary.column("x").numbers).map { $0! }
        expectClose(x, [4, 2.5, (5.0 / 3).squareRoot(), 1, 1.75, 2.5, 3.25, 4], tolerance: 1e-15)
        let empty = try DataFrame(["y": .numeric([nil, nil])]).describe()
        #expect(try empty.column("y") == .numeric([0, nil, nil, nil, nil, nil, nil, nil]))
    }

    @Test func selectFilterAndSort() throws {
        let frame = try weather()
        #expect(try frame.select("rain", "city").columnNames == ["rain", "city"])
        expectError(.duplicateColumn("city")) { try frame.select(["city", "city"]) }
        let wet = frame.filter { ($0.number("rain") ?? 0) > 50 }
        #expect(try wet.column("city") == .string(["Rome", "Rome"]))
        #expect(try frame.filter("city") { $0 == "Oslo" }.rowCount == 2)
        let byRain = try frame.sorted(by: "rain")
        #expect(try byRain.column("rain") == .numeric([1, 49, 60, 66.5, nil]))
        let descending = try frame.sorted(by: "rain", ascending: false)
        #expect(try descending.column("rain") == .numeric([66.5, 60, 49, 1, nil]))  // missing still last
        // Stable: sorting by month keeps the city order within a month.
        let byMonth = try frame.sorted(by: "city").sorted(by: "month")
        #expect(try byMonth.column("city") == .string(["Lima", "Oslo", "Rome", "Oslo", "Rome"]))
    }

    @Test func groupByAggregates() throws {
        let frame = try weather()
        let grouped = try frame.groupBy("city", [.count("rain"), .sum("rain"), .mean("rain"), .min("month"),
                                                 .max("rain"), DataFrame.Aggregation("rain", .count, as: "n")])
        #expect(grouped.columnNames == ["city", "rain_count", "rain_sum", "rain_mean", "month_min", "rain_max", "n"])
        #expect(try grouped.column("city") == .string(["Lima", "Oslo", "Rome"]))
        #expect(try grouped.column("rain_count") == .numeric([1, 1, 2]))
        #expect(try grouped.column("rain_sum") == .numeric([1, 49, 126.5]))
        #expect(try grouped.column("rain_mean") == .numeric([1, 49, 63.25]))
        #expect(try grouped.column("month_min") == .numeric([1, 1, 1]))
        #expect(try grouped.column("rain_max") == .numeric([1, 49, 66.5]))
        let twoKeys = try frame.groupBy(["month", "city"], [.count("city")])
        #expect(try twoKeys.column("month") == .numeric([1, 1, 1, 2, 2]))
        #expect(try twoKeys.column("city") == .string(["Lima", "Oslo", "Rome", "Oslo", "Rome"]))
        expectError(.columnTypeMismatch(column: "city", expected: "numeric", got: "string")) {
            try frame.groupBy("month", [.mean("city")])
        }
    }

    @Test func innerAndLeftJoins() throws {
        let cities = try DataFrame(["city": .string(["Rome", "Oslo", "Paris"]), "country": .string(["Italy", "Norway", "France"])])
        let inner = try weather().join(cities, on: "city")
        #expect(inner.columnNames == ["city", "month", "rain", "country"])
        #expect(try inner.column("city") == .string(["Oslo", "Rome", "Oslo", "Rome"]))
        #expect(try inner.column("country") == .string(["Norway", "Italy", "Norway", "Italy"]))
        let left = try weather().join(cities, on: "city", kind: .left)
        #expect(left.rowCount == 5)
        #expect(try left.column("country") == .string(["Norway", "Italy", "Norway", nil, "Italy"]))
        // A right row matching twice repeats the left row; clashing names get a suffix.
        let notes = try DataFrame(["city": .string(["Lima", "Lima"]), "rain": .numeric([7, 8])])
        let doubled = try weather().join(notes, on: "city")
        #expect(doubled.columnNames == ["city", "month", "rain", "rain_right"])
        #expect(try doubled.column("rain_right") == .numeric([7, 8]))
        expectError(.unknownColumn("\"month\" (the columns are city, country)")) { try weather().join(cities, on: "month") }
    }

    @Test func valueCountsAndCategories() throws {
        let frame = try weather()
        let counts = try frame.valueCounts("city")
        #expect(try counts.column("city") == .string(["Oslo", "Rome", "Lima"]))
        #expect(try counts.column("count") == .numeric([2, 2, 1]))
        #expect(try frame.valueCounts("rain", includeMissing: true).rowCount == 5)
        let categorical = try frame.categorizing("city")
        #expect(try categorical.column("city") == .categorical(codes: [1, 2, 1, 0, 2], categories: ["Lima", "Oslo", "Rome"]))
        #expect(categorical.value(row: 0, column: "city") == "Oslo")
        #expect(try categorical.valueCounts("city").column("count") == .numeric([2, 2, 1]))
        expectError(.columnTypeMismatch(column: "rain", expected: "string", got: "numeric")) { try frame.categorizing("rain") }
    }

    @Test func tensorsInAndOut() throws {
        let frame = try weather().categorizing("city")
        let t = try frame.tensor()
        #expect(t.shape == [5, 3] && t.dtype == .float64)
        let values = t.scalars(as: Double.self)
        #expect(Array(values.prefix(3)) == [1, 1, 49])
        #expect(values[8].isNaN)
        expectError(.columnTypeMismatch(column: "city", expected: "numeric or categorical", got: "string")) {
            try weather().tensor()
        }
        let back = try DataFrame(t, columnNames: ["c", "m", "r"])
        #expect(try back.column("r") == .numeric([49, 66.5, nil, 1, 60]))
        #expect(try DataFrame(Tensor([1.0, 2.0])).columnNames == ["column_1"])
        expectError(.invalidParameter(name: "columnNames", value: "1 names", expected: "3, one per column")) {
            try DataFrame(t, columnNames: ["a"])
        }
    }

    @Test func datasetsInAndOut() throws {
        let iris = try Dataset.iris()
        let frame = try DataFrame(iris)
        #expect(frame.shape == (150, 5))
        #expect(frame["target"]?.kind == .categorical)
        #expect(frame.value(row: 149, column: "target") == "virginica")
        let back = try frame.dataset(target: "target")
        #expect(back.features.scalars(as: Double.self) == iris.features.scalars(as: Double.self))
        #expect(back.target.scalars(as: Int.self) == iris.target.scalars(as: Int.self))
        #expect(back.targetNames == iris.targetNames && back.featureNames == iris.featureNames)
        let rain = try weather().categorizing("city").filter { !$0["rain"].isMissing }.dataset(target: "rain")
        #expect(!rain.isClassification && rain.count == 4)
        expectError(.columnTypeMismatch(column: "city", expected: "numeric or categorical", got: "string")) {
            try weather().dataset(target: "rain")
        }
        expectError(.missingValue(row: 3, column: 3, name: "rain")) {
            try weather().categorizing("city").dataset(target: "rain")
        }
        #expect(try weather().categorizing("city").dataset(target: "rain", missing: .dropRows).count == 4)
    }

    @Test func csvRoundTrips() throws {
        let frame = try DataFrame([
            "name": .string(["Ann", "Bo, Jr.", "C \"Cee\"", nil, "multi\nline"]),
            "score": .numeric([1.5, -2, nil, 0.1 + 0.2, 1e-7]),
            "n": .numeric([1, 2, 3, 4, 5]),
        ])
        let text = frame.csv()
        #expect(text.hasPrefix("name,score,n\nAnn,1.5,1\n\"Bo, Jr.\",-2,2\n\"C \"\"Cee\"\"\",,3\n,0.30000000000000004,4\n"))
        #expect(try DataFrame(csv: text) == frame)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-frame-\(UUID().uuidString).csv")
        try frame.writeCSV(to: url, delimiter: ";")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try DataFrame(contentsOfCSV: url, options: CSVOptions(delimiter: ";")) == frame)
        // From the bundled iris file, typed per column.
        let iris = try DataFrame(contentsOfCSV: Dataset.bundledFile("iris"))
        #expect(iris.shape == (150, 5) && iris.kinds.allSatisfy { $0 == .numeric })
        let mixed = try DataFrame(csv: "a,b\n1,x\nNA,y\n")
        #expect(mixed.kinds == [.numeric, .string])
        #expect(try mixed.column("a") == .numeric([1, nil]))
    }

    @Test func descriptionIsATable() throws {
        let frame = try weather()
        #expect(frame.description == """
               city  month  rain
            0  Oslo      1    49
            1  Rome      1  66.5
            2  Oslo      2    NA
            3  Lima      1     1
            4  Rome      2    60
            [5 rows × 3 columns]
            """)
        let long = try DataFrame(["i": .numeric((0..<30).map { Double($0) }), "t": .string((0..<30).map { "r\($0)" })])
        let lines = long.formatted(maxRows: 4).split(separator: "\n")
        #expect(lines.count == 7)  // header, 2 rows, …, 2 rows, footer
        #expect(lines[3] == "…    …  …")
        #expect(lines.last == "[30 rows × 2 columns]")
        #expect(try DataFrame(["x": .numeric([0.1 + 0.2])]).description.contains("0.3\n"))
    }
}
