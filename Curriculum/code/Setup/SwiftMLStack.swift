import Charts
import Datasets
import Foundation
import Tensors

/// The code of the lesson "The Swift ML stack" (`setup/swift-ml-stack`). Each function holds one
/// region that the page shows; it returns what the region computes so that the tests can check it.
public enum SwiftMLStackLesson {
    /// Five ways to make a tensor.
    public static func creatingTensors() -> (matrix: Tensor, zeros: Tensor, grid: Tensor, identity: Tensor, noise: Tensor) {
        // region: creating
        let matrix = Tensor([[1, 2, 3], [4, 5, 6]] as [[Float]])   // shape [2, 3], dtype float32
        let zeros = Tensor.zeros([2, 3])                             // float32 unless you ask otherwise
        let grid = Tensor.linspace(0, 1, count: 5)                   // [0, 0.25, 0.5, 0.75, 1]
        let identity = Tensor.eye(3)                                 // 3 × 3, ones on the diagonal

        // Random numbers come from a seeded generator, so every run draws the same ones.
        var generator = RandomGenerator(seed: 42)
        let noise = Tensor.normal([1000], mean: 0, std: 0.1, generator: &generator)
        // endregion
        return (matrix, zeros, grid, identity, noise)
    }

    /// Broadcasting: a column plus a row, and standardising the columns of a data matrix.
    public static func broadcasting() throws -> (table: Tensor, standardized: Tensor) {
        // region: broadcasting
        let column = Tensor([[0], [10], [20]] as [[Float]])   // shape [3, 1]
        let row = Tensor([[1, 2, 3, 4]] as [[Float]])         // shape [1, 4]
        let table = column + row                              // shape [3, 4]
        // [[ 1,  2,  3,  4],
        //  [11, 12, 13, 14],
        //  [21, 22, 23, 24]]

        // The everyday use: standardise every column of a data matrix in one line.
        let flowers = try Dataset.iris().features             // [150, 4]
        let mean = flowers.mean(axis: 0)                      // [4]: one mean per column
        let spread = flowers.std(axis: 0)                     // [4]
        let standardized = (flowers - mean) / spread          // [150, 4] and [4] → [150, 4]
        // endregion
        return (table, standardized)
    }

    /// Indexing and slicing: views into the same memory, and masks that copy.
    public static func slicing() -> (secondRow: Tensor, lastColumn: Tensor, corner: Tensor, everyOther: Tensor,
                                     large: Tensor, isView: Bool) {
        // region: slicing
        let x = Tensor.arange(12).reshaped([3, 4])
        // [[0, 1,  2,  3],
        //  [4, 5,  6,  7],
        //  [8, 9, 10, 11]]
        let secondRow = x[1]                        // [4, 5, 6, 7]            shape [4]
        let lastColumn = x[.all, -1]                // [3, 7, 11]              shape [3]
        let corner = x[0..<2, 2...]                 // [[2, 3], [6, 7]]        shape [2, 2]
        let everyOther = x[.all, .slice(step: 2)]   // [[0, 2], [4, 6], [8, 10]]
        let large = x[mask: x .> 6]                 // [7, 8, 9, 10, 11]       a copy

        // A slice is a view: it shares x's memory, so taking it copies nothing.
        let isView = corner.sharesStorage(with: x)  // true
        // endregion
        return (secondRow, lastColumn, corner, everyOther, large, isView)
    }

    /// Matrix products and einsum contractions.
    public static func contractions() -> (product: Tensor, sameProduct: Tensor, dot: Tensor, outer: Tensor, trace: Tensor,
                                          batch: Tensor, vectors: Tensor, images: Tensor) {
        // region: contractions
        let a = Tensor([[1, 2], [3, 4]] as [[Float]])
        let b = Tensor([[5, 6], [7, 8]] as [[Float]])
        let product = a.matmul(b)                              // [[19, 22], [43, 50]]
        let sameProduct = Tensor.einsum("ij,jk->ik", a, b)    // the same sum, spelled out

        let u = Tensor([1, 2, 3] as [Float])
        let v = Tensor([4, 5, 6] as [Float])
        let dot = Tensor.einsum("i,i->", u, v)                 // 1·4 + 2·5 + 3·6 = 32
        let outer = Tensor.einsum("i,j->ij", u, v)             // [3, 3], outer[i, j] = u[i]·v[j]
        let trace = Tensor.einsum("ii->", a)                   // 1 + 4 = 5

        // Eight 3 × 3 matrices, each applied to its own vector, in one call.
        var generator = RandomGenerator(seed: 7)
        let batch = Tensor.normal([8, 3, 3], generator: &generator)
        let vectors = Tensor.normal([8, 3], generator: &generator)
        let images = Tensor.einsum("bij,bj->bi", batch, vectors)   // [8, 3]
        // endregion
        return (product, sameProduct, dot, outer, trace, batch, vectors, images)
    }

    /// The DataFrame: a bundled data set as a table, a summary, a group-by and a join.
    public static func dataFrame() throws -> (flowers: DataFrame, summary: DataFrame, bySpecies: DataFrame,
                                              names: DataFrame, joined: DataFrame) {
        // region: dataframe
        // The bundled iris CSV as a table: four numeric columns and a categorical "species".
        let flowers = try DataFrame(Dataset.iris(), targetName: "species")
        let summary = flowers.describe()      // count, mean, std, min, quartiles and max per column

        let bySpecies = try flowers.groupBy("species", [
            .mean("petal length (cm)"),
            .max("petal width (cm)"),
            DataFrame.Aggregation("species", .count, as: "flowers"),
        ])

        // A second table, parsed from CSV text, joined on the column both tables have.
        let names = try DataFrame(csv: """
            species,common name
            setosa,bristle-pointed iris
            versicolor,harlequin blueflag
            virginica,Virginia iris
            """)
        let joined = try bySpecies.join(names, on: "species")
        // endregion
        return (flowers, summary, bySpecies, names, joined)
    }

    /// Three charts from plain arrays, rendered to SVG.
    public static func charts() throws -> (histogram: String, scatter: String, line: String) {
        // region: charts
        let iris = try Dataset.iris()
        let petalLength = iris.features[.all, 2].scalars(as: Double.self)
        let petalWidth = iris.features[.all, 3].scalars(as: Double.self)
        let species = iris.target.scalars(as: Int.self)

        let histogram = HistogramChart(
            title: "Petal length by species", xLabel: "Petal length (cm)",
            series: iris.targetNames.indices.map { k in
                HistogramChart.Series(name: iris.targetNames[k],
                                      values: zip(petalLength, species).filter { $0.1 == k }.map(\.0))
            })
        let scatter = ScatterChart(
            title: "Iris petals", xLabel: "Length (cm)", yLabel: "Width (cm)",
            x: petalLength, y: petalWidth, classes: species, classNames: iris.targetNames)
        let xs = Tensor.linspace(-6, 6, count: 121, dtype: .float64)
        let line = LineChart(
            title: "The logistic function", xLabel: "x", yLabel: "σ(x)",
            series: [.init(name: "σ(x)", x: xs.scalars(), y: xs.sigmoid().scalars())])

        // render() returns a standalone <svg> document that follows the page's light or dark theme.
        let histogramSVG = try histogram.render()
        let scatterSVG = try scatter.render()
        let lineSVG = try line.render()
        // endregion
        return (histogramSVG, scatterSVG, lineSVG)
    }
}
