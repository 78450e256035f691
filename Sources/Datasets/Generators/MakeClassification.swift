import Tensors

extension Dataset {
    /// A configurable classification problem in the spirit of scikit-learn's
    /// `make_classification` (after Guyon's design for the NIPS 2003 feature-selection challenge).
    ///
    /// Each class owns `clustersPerClass` Gaussian clusters (unit standard deviation) centred on
    /// distinct vertices of a hypercube with side `2·classSeparation` in the informative
    /// features. Redundant features are random linear combinations of the informative ones;
    /// the remaining features are independent standard normal noise. Columns come in that order
    /// and are named `informative1…`, `redundant1…`, `noise1…`. Samples are shuffled.
    ///
    /// Unlike scikit-learn, the flipped labels always change: exactly
    /// `round(flipFraction·count)` samples, chosen at random, get a different class, chosen
    /// uniformly among the others. The flips use their own random stream, so two calls that
    /// differ only in `flipFraction` give the same features.
    ///
    /// - Parameters:
    ///   - count: samples, shared evenly between the clusters.
    ///   - features: total number of features.
    ///   - informative: features that carry the class structure (≥ 1).
    ///   - redundant: linear combinations of the informative features.
    ///   - classes: number of classes (≥ 2).
    ///   - clustersPerClass: clusters per class; `classes·clustersPerClass ≤ 2^informative`.
    ///   - classSeparation: half the hypercube's side; larger separates the classes more.
    ///   - flipFraction: the fraction of labels changed at random, in [0, 1].
    /// - Returns: features `[count, features]` `float64`, target `[count]` `int64`.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when the counts do not
    ///   fit together.
    public static func makeClassification(count: Int = 100, features: Int = 20, informative: Int = 2,
                                          redundant: Int = 2, classes: Int = 2, clustersPerClass: Int = 2,
                                          classSeparation: Double = 1, flipFraction: Double = 0.01,
                                          seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        try Check.range(informative, "informative", 1...Swift.max(1, features))
        try Check.range(redundant, "redundant", 0...Swift.max(0, features - informative))
        try Check.range(classes, "classes", 2...1000)
        try Check.count(clustersPerClass, "clustersPerClass")
        try Check.nonNegative(classSeparation, "classSeparation")
        try Check.fraction(flipFraction, "flipFraction")
        try Check.size(count, features)
        let clusters = classes * clustersPerClass
        guard informative >= 62 || clusters <= 1 << informative else {
            throw .invalidParameter(name: "classes × clustersPerClass", value: "\(clusters)",
                                    expected: "at most 2^informative = \(1 << informative) (one hypercube vertex per cluster)")
        }
        var g = RandomGenerator(seed: seed)

        // Distinct vertices of {−1, +1}^informative, one per cluster.
        var vertices: [[Double]] = []
        var used = Set<[Double]>()
        while vertices.count < clusters {
            let v = (0..<informative).map { _ in g.nextInt(below: 2) == 0 ? -1.0 : 1.0 }
            if used.insert(v).inserted { vertices.append(v) }
        }
        let mixing = (0..<informative).map { _ in (0..<redundant).map { _ in g.uniform(-1...1) } }

        var points: [[Double]] = [], labels: [Int] = []
        for (cluster, n) in evenSplit(count, into: clusters).enumerated() {
            for _ in 0..<n {
                let x = vertices[cluster].map { g.normal(mean: $0 * classSeparation, std: 1) }
                let combined = (0..<redundant).map { j in (0..<informative).reduce(0.0) { $0 + x[$1] * mixing[$1][j] } }
                let noise = (0..<(features - informative - redundant)).map { _ in g.nextNormal() }
                points.append(x + combined + noise)
                labels.append(cluster % classes)
            }
        }
        let names = numberedNames("informative", informative) + numberedNames("redundant", redundant)
            + numberedNames("noise", features - informative - redundant)
        var data = labelledDataset(points: points, labels: labels, featureNames: names,
                                   targetNames: (0..<classes).map { "class \($0)" },
                                   source: "makeClassification(count: \(count), features: \(features), informative: \(informative), "
                                       + "redundant: \(redundant), classes: \(classes), clustersPerClass: \(clustersPerClass), "
                                       + "classSeparation: \(classSeparation), flipFraction: \(flipFraction), seed: \(seed))",
                                   shuffleWith: &g)

        let flips = Int((flipFraction * Double(count)).rounded())
        if flips > 0 {
            var flipGenerator = RandomGenerator(seed: seed ^ 0x5EED_F11B_0000_0001)
            var target = data.target.scalars(as: Int.self)
            for i in flipGenerator.permutation(count).prefix(flips) {
                let shift = 1 + flipGenerator.nextInt(below: classes - 1)
                target[i] = (target[i] + shift) % classes
            }
            data.target = Tensor(target, shape: [count])
        }
        return data
    }
}
