import Foundation
import Testing
import Tensors
@testable import Datasets

/// The toy classification generators: statistics follow the parameters, and seeds reproduce.
@Suite("DatasetsClassificationGenerators")
struct ClassificationGeneratorTests {
    /// Points of one class.
    func points(_ data: Dataset, label: Int) -> [[Double]] {
        zip(rows(data.features), data.target.scalars(as: Int.self)).filter { $0.1 == label }.map(\.0)
    }

    @Test func moonsLieOnTheirArcs() throws {
        let clean = try Dataset.moons(count: 201, noise: 0, seed: 1)
        #expect(clean.features.shape == [201, 2])
        #expect(classCounts(clean.target, classes: 2) == [100, 101])
        for p in points(clean, label: 0) {
            #expect(Swift.abs(hypot(p[0], p[1]) - 1) < 1e-12 && p[1] >= -1e-12)
        }
        for p in points(clean, label: 1) {
            #expect(Swift.abs(hypot(p[0] - 1, p[1] - 0.5) - 1) < 1e-12 && p[1] <= 0.5 + 1e-12)
        }
        // With noise σ, the distance from the arc's circle spreads with standard deviation ≈ σ.
        let noisy = try Dataset.moons(count: 4000, noise: 0.05, seed: 2)
        let radial = points(noisy, label: 0).map { hypot($0[0], $0[1]) - 1 }
        #expect(Swift.abs(meanAndStd(radial).std - 0.05) < 0.005)
    }

    @Test func circlesHaveTheirRadii() throws {
        let clean = try Dataset.circles(count: 100, noise: 0, factor: 0.3, seed: 1)
        #expect(classCounts(clean.target, classes: 2) == [50, 50])
        #expect(points(clean, label: 0).allSatisfy { Swift.abs(hypot($0[0], $0[1]) - 1) < 1e-12 })
        #expect(points(clean, label: 1).allSatisfy { Swift.abs(hypot($0[0], $0[1]) - 0.3) < 1e-12 })
        let noisy = try Dataset.circles(count: 4000, noise: 0.05, factor: 0.5, seed: 3)
        #expect(Swift.abs(meanAndStd(points(noisy, label: 1).map { hypot($0[0], $0[1]) }).mean - 0.5) < 0.01)
        expectError(.invalidParameter(name: "factor", value: "1.5", expected: "a number in (0, 1)")) {
            try Dataset.circles(factor: 1.5)
        }
    }

    @Test func blobsHaveTheirCentresAndSpread() throws {
        let centres = [[0.0, 0.0], [5.0, -3.0], [-4.0, 6.0]]
        let data = try Dataset.blobs(count: 3001, centers: centres, std: 0.7, seed: 4)
        #expect(classCounts(data.target, classes: 3) == [1001, 1000, 1000])
        for (label, centre) in centres.enumerated() {
            let p = points(data, label: label)
            for j in 0..<2 {
                let (mean, std) = meanAndStd(p.map { $0[j] })
                // Four standard errors.
                #expect(Swift.abs(mean - centre[j]) < 4 * 0.7 / Double(p.count).squareRoot(), "class \(label) axis \(j)")
                #expect(Swift.abs(std - 0.7) < 0.05)
            }
        }
        // Random centres stay in their box (up to the spread).
        let random = try Dataset.blobs(count: 300, centers: 4, features: 3, std: 0.1, centerBox: 2...3, seed: 5)
        #expect(random.features.shape == [300, 3])
        #expect(random.targetNames.count == 4)
        #expect(random.features.scalars(as: Double.self).allSatisfy { $0 > 1.5 && $0 < 3.5 })
        expectError(.invalidParameter(name: "centers", value: "2 points",
                                      expected: "at least one centre, all of the same non-zero length, finite")) {
            try Dataset.blobs(centers: [[0, 0], [1]])
        }
    }

    @Test func spiralArmsFollowTheirFormula() throws {
        let data = try Dataset.spirals(count: 300, arms: 3, noise: 0, turns: 1.5, seed: 6)
        #expect(classCounts(data.target, classes: 3) == [100, 100, 100])
        for (p, arm) in zip(rows(data.features), data.target.scalars(as: Int.self)) {
            let r = hypot(p[0], p[1])
            #expect(r >= 0.05 - 1e-12 && r <= 1 + 1e-12)
            let t = (r - 0.05) / 0.95
            let angle = 2 * Double.pi * (1.5 * t + Double(arm) / 3)
            #expect(Swift.abs(p[0] - r * cos(angle)) < 1e-9 && Swift.abs(p[1] - r * sin(angle)) < 1e-9)
        }
    }

    @Test func xorLabelsFollowTheQuadrants() throws {
        let data = try Dataset.xor(count: 2000, noise: 0, seed: 7)
        for (p, label) in zip(rows(data.features), data.target.scalars(as: Int.self)) {
            #expect(label == (p[0] * p[1] < 0 ? 1 : 0))
            #expect(Swift.abs(p[0]) <= 1 && Swift.abs(p[1]) <= 1)
        }
        let ones = data.target.scalars(as: Int.self).reduce(0, +)
        #expect(Swift.abs(Double(ones) / 2000 - 0.5) < 0.05)
    }

    @Test func twoGaussiansSitAtPlusMinusHalfTheDistance() throws {
        let data = try Dataset.twoGaussians(count: 4000, distance: 4, std: 0.5, features: 3, seed: 8)
        #expect(data.features.shape == [4000, 3])
        #expect(classCounts(data.target, classes: 2) == [2000, 2000])
        for (label, expected) in [(0, -2.0), (1, 2.0)] {
            let p = points(data, label: label)
            #expect(Swift.abs(meanAndStd(p.map { $0[0] }).mean - expected) < 0.05)
            #expect(Swift.abs(meanAndStd(p.map { $0[2] }).mean) < 0.05)
            #expect(Swift.abs(meanAndStd(p.map { $0[1] }).std - 0.5) < 0.03)
        }
    }

    @Test func makeClassificationHasItsStructure() throws {
        let data = try Dataset.makeClassification(count: 2000, features: 7, informative: 2, redundant: 2, classes: 2,
                                                  clustersPerClass: 1, classSeparation: 1.5, flipFraction: 0, seed: 9)
        #expect(data.features.shape == [2000, 7])
        #expect(data.featureNames == ["informative1", "informative2", "redundant1", "redundant2", "noise1", "noise2", "noise3"])
        #expect(classCounts(data.target, classes: 2) == [1000, 1000])
        // Each class is one cluster on a hypercube vertex: informative means are ±1.5.
        for label in 0..<2 {
            let p = points(data, label: label)
            for j in 0..<2 {
                let (mean, std) = meanAndStd(p.map { $0[j] })
                #expect(Swift.abs(Swift.abs(mean) - 1.5) < 0.1, "class \(label) feature \(j): mean \(mean)")
                #expect(Swift.abs(std - 1) < 0.08)
            }
        }
        // Redundant features are exact linear combinations of the informative ones.
        let x = data.features
        let informative = Tensor(rows(x).flatMap { Array($0[0..<2]) }, shape: [2000, 2])
        for j in 2..<4 {
            let column = Tensor(rows(x).map { $0[j] }, shape: [2000])
            let w = try Linalg.lstsq(informative, column)
            let fitted = informative.matmul(w).scalars(as: Double.self)
            let residual = zip(fitted, column.scalars(as: Double.self)).map { Swift.abs($0 - $1) }.max()!
            #expect(residual < 1e-9)
        }
        // Noise features are standard normal.
        for j in 4..<7 {
            let (mean, std) = meanAndStd(rows(x).map { $0[j] })
            #expect(Swift.abs(mean) < 0.1 && Swift.abs(std - 1) < 0.05)
        }
    }

    @Test func makeClassificationFlipsTheRequestedFraction() throws {
        let clean = try Dataset.makeClassification(count: 1000, informative: 3, classes: 3, flipFraction: 0, seed: 10)
        let flipped = try Dataset.makeClassification(count: 1000, informative: 3, classes: 3, flipFraction: 0.2, seed: 10)
        #expect(clean.features.scalars(as: Double.self) == flipped.features.scalars(as: Double.self))
        let changed = zip(clean.target.scalars(as: Int.self), flipped.target.scalars(as: Int.self)).filter { $0 != $1 }.count
        #expect(changed == 200)
        expectError(.invalidParameter(name: "classes × clustersPerClass", value: "6",
                                      expected: "at most 2^informative = 4 (one hypercube vertex per cluster)")) {
            try Dataset.makeClassification(informative: 2, classes: 3, clustersPerClass: 2)
        }
        expectError(.invalidParameter(name: "redundant", value: "5", expected: "an integer in 0...3")) {
            try Dataset.makeClassification(features: 5, informative: 2, redundant: 5)
        }
    }

    @Test func seedsReproduce() throws {
        let makers: [(UInt64) throws -> Dataset] = [
            { try Dataset.moons(seed: $0) }, { try Dataset.circles(seed: $0) }, { try Dataset.blobs(seed: $0) },
            { try Dataset.spirals(seed: $0) }, { try Dataset.xor(noise: 0.1, seed: $0) },
            { try Dataset.twoGaussians(seed: $0) }, { try Dataset.makeClassification(seed: $0) },
        ]
        for make in makers {
            let a = try make(11), b = try make(11), c = try make(12)
            #expect(a.features.scalars(as: Double.self) == b.features.scalars(as: Double.self))
            #expect(a.target.scalars(as: Int.self) == b.target.scalars(as: Int.self))
            #expect(a.features.scalars(as: Double.self) != c.features.scalars(as: Double.self))
            #expect(a.isClassification && a.features.dtype == .float64)
        }
    }

    @Test func badParametersThrow() {
        expectError(.invalidParameter(name: "count", value: "1", expected: "an integer ≥ 2")) { try Dataset.moons(count: 1) }
        expectError(.invalidParameter(name: "noise", value: "-0.1", expected: "a finite number ≥ 0")) {
            try Dataset.xor(noise: -0.1)
        }
        expectError(.limitExceeded(what: "generated numbers", value: 40_000_000, limit: Dataset.generatorElementLimit)) {
            try Dataset.twoGaussians(count: 20_000_000)
        }
    }
}
