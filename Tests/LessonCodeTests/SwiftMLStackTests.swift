import Foundation
import LessonCode
import Tensors
import Testing

/// Checks the code of `setup/swift-ml-stack` against values worked out by hand (or, for the iris
/// data, the published statistics of Fisher's measurements).
@Suite struct SwiftMLStackTests {
    @Test func creatingTensors() {
        let (matrix, zeros, grid, identity, noise) = SwiftMLStackLesson.creatingTensors()
        #expect(matrix.shape == [2, 3] && matrix.dtype == .float32)
        #expect(matrix.scalars(as: Double.self) == [1, 2, 3, 4, 5, 6])
        #expect(zeros.shape == [2, 3] && zeros.dtype == .float32)
        #expect(zeros.scalars(as: Double.self).allSatisfy { $0 == 0 })
        #expect(grid.scalars(as: Double.self) == [0, 0.25, 0.5, 0.75, 1])
        #expect(identity.scalars(as: Double.self) == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        // 1000 draws of N(0, 0.1²): the mean is within 3 standard errors (0.0095) of 0, the
        // spread within 10 % of 0.1.
        let values = noise.scalars(as: Double.self)
        let mean = values.reduce(0, +) / 1000
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1000).squareRoot()
        #expect(abs(mean) < 0.0095)
        #expect(abs(std - 0.1) < 0.01)
        // Seeded: the same draws on every call.
        #expect(SwiftMLStackLesson.creatingTensors().noise.scalars(as: Double.self) == values)
    }

    @Test func broadcasting() throws {
        let (table, standardized) = try SwiftMLStackLesson.broadcasting()
        #expect(table.shape == [3, 4])
        #expect(table.scalars(as: Double.self) == [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24])
        #expect(standardized.shape == [150, 4])
        // Every column now has mean 0 and (population) standard deviation 1.
        let x = standardized.scalars(as: Double.self)
        for j in 0..<4 {
            let column = stride(from: j, to: x.count, by: 4).map { x[$0] }
            let mean = column.reduce(0, +) / 150
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 150
            #expect(abs(mean) < 1e-9)
            #expect(abs(variance - 1) < 1e-9)
        }
        // The first flower's sepal length, 5.1 cm, against the published mean 5.8433 and
        // population standard deviation 0.8253.
        #expect(abs(x[0] - (5.1 - 5.843333) / 0.825301) < 1e-4)
    }

    @Test func slicing() {
        let s = SwiftMLStackLesson.slicing()
        #expect(s.secondRow.shape == [4] && s.secondRow.scalars(as: Int.self) == [4, 5, 6, 7])
        #expect(s.lastColumn.shape == [3] && s.lastColumn.scalars(as: Int.self) == [3, 7, 11])
        #expect(s.corner.shape == [2, 2] && s.corner.scalars(as: Int.self) == [2, 3, 6, 7])
        #expect(s.everyOther.shape == [3, 2] && s.everyOther.scalars(as: Int.self) == [0, 2, 4, 6, 8, 10])
        #expect(s.large.scalars(as: Int.self) == [7, 8, 9, 10, 11])
        #expect(s.isView)
    }

    @Test func contractions() {
        let c = SwiftMLStackLesson.contractions()
        #expect(c.product.scalars(as: Double.self) == [19, 22, 43, 50])
        #expect(c.sameProduct.scalars(as: Double.self) == [19, 22, 43, 50])
        #expect(c.dot.shape == [] && c.dot.item() == 32)
        #expect(c.outer.shape == [3, 3] && c.outer.scalars(as: Double.self) == [4, 5, 6, 8, 10, 12, 12, 15, 18])
        #expect(c.trace.item() == 5)
        // images[b, i] = Σⱼ batch[b, i, j]·vectors[b, j], summed here element by element.
        let m = c.batch.scalars(as: Double.self), v = c.vectors.scalars(as: Double.self)
        let images = c.images.scalars(as: Double.self)
        #expect(c.images.shape == [8, 3])
        for b in 0..<8 {
            for i in 0..<3 {
                let expected = (0..<3).map { j in m[b * 9 + i * 3 + j] * v[b * 3 + j] }.reduce(0, +)
                #expect(abs(images[b * 3 + i] - expected) < 1e-5)
            }
        }
    }

    @Test func dataFrame() throws {
        let d = try SwiftMLStackLesson.dataFrame()
        #expect(d.flowers.rowCount == 150 && d.flowers.columnCount == 5)
        #expect(d.flowers.columnNames.last == "species")

        // describe(): rows count, mean, std, min, 25%, 50%, 75%, max. Fisher's sepal lengths have
        // mean 5.8433, sample standard deviation 0.8281, range 4.3 to 7.9 and median 5.8.
        let sepal = try #require(d.summary["sepal length (cm)"]?.numbers)
        #expect(sepal[0] == 150)
        #expect(abs(sepal[1]! - 5.843333) < 1e-5)
        #expect(abs(sepal[2]! - 0.828066) < 1e-5)
        #expect(sepal[3] == 4.3 && sepal[5] == 5.8 && sepal[7] == 7.9)

        // Per species: mean petal lengths 1.462, 4.260, 5.552; widest petals 0.6, 1.8, 2.5; 50 each.
        #expect(d.bySpecies.columnNames == ["species", "petal length (cm)_mean", "petal width (cm)_max", "flowers"])
        #expect(d.bySpecies.rowCount == 3)
        let means = try #require(d.bySpecies["petal length (cm)_mean"]?.numbers)
        for (mean, expected) in zip(means, [1.462, 4.260, 5.552]) { #expect(abs(mean! - expected) < 1e-9) }
        #expect(d.bySpecies["petal width (cm)_max"]?.numbers == [0.6, 1.8, 2.5])
        #expect(d.bySpecies["flowers"]?.numbers == [50, 50, 50])

        #expect(d.names.rowCount == 3)
        #expect(d.joined.columnNames == ["species", "petal length (cm)_mean", "petal width (cm)_max", "flowers", "common name"])
        #expect(d.joined.value(row: 0, column: "species") == "setosa")
        #expect(d.joined.value(row: 0, column: "common name") == "bristle-pointed iris")
        #expect(d.joined.value(row: 2, column: "common name") == "Virginia iris")
    }

    @Test func charts() throws {
        let (histogram, scatter, line) = try SwiftMLStackLesson.charts()
        for (svg, title) in [(histogram, "Petal length by species"), (scatter, "Iris petals"), (line, "The logistic function")] {
            #expect(svg.hasPrefix("<svg"))
            #expect(svg.contains("<title") && svg.contains(title))
        }
        // The histogram counts all 150 flowers; the scatter plot shows all 150 points.
        #expect(histogram.contains("150 values"))
        #expect(scatter.contains("150 points"))
    }
}
