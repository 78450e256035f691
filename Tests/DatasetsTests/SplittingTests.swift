import Testing
import Tensors
@testable import Datasets

@Suite("DatasetsSplitting")
struct SplittingTests {
    @Test func trainTestSizesAndPartition() throws {
        let (train, test) = try Splitting.trainTestIndices(count: 101, testFraction: 0.25, seed: 1)
        #expect(test.count == 26 && train.count == 75)  // ceil(25.25) = 26
        #expect((train + test).sorted() == Array(0..<101))
        #expect(try Splitting.trainTestIndices(count: 101, testFraction: 0.25, seed: 1) == (train, test))
        #expect(try Splitting.trainTestIndices(count: 101, testFraction: 0.25, seed: 2) != (train, test))
        let ordered = try Splitting.trainTestIndices(count: 10, testFraction: 0.3, shuffle: false)
        #expect(ordered.train == Array(0..<7) && ordered.test == [7, 8, 9])
    }

    @Test func stratificationKeepsProportions() throws {
        let labels = [Int](repeating: 0, count: 70) + [Int](repeating: 1, count: 30)
        let (train, test) = try Splitting.trainTestIndices(count: 100, testFraction: 0.3, stratifyBy: labels, seed: 3)
        #expect(test.filter { labels[$0] == 1 }.count == 9 && test.filter { labels[$0] == 0 }.count == 21)
        #expect(train.filter { labels[$0] == 1 }.count == 21)
        // Largest remainders: 3 classes of 10, 10, 5 at 0.2 → 5 test samples as 2, 2, 1.
        let small = [Int](repeating: 0, count: 10) + [Int](repeating: 1, count: 10) + [Int](repeating: 2, count: 5)
        let split = try Splitting.trainTestIndices(count: 25, testFraction: 0.2, stratifyBy: small, seed: 4)
        #expect((0..<3).map { c in split.test.filter { small[$0] == c }.count } == [2, 2, 1])

        let iris = try Dataset.iris()
        let parts = try iris.trainTestSplit(testFraction: 0.2, stratified: true, seed: 5)
        #expect(parts.train.count == 120 && parts.test.count == 30)
        #expect(classCounts(parts.test.target, classes: 3) == [10, 10, 10])
        #expect(parts.train.featureNames == iris.featureNames && parts.train.targetNames == iris.targetNames)
    }

    @Test func subsetsKeepRowsAndTargetsTogether() throws {
        let data = try Dataset.wine()
        let picked = try data.subset([5, 0, 5])
        let all = rows(data.features)
        #expect(rows(picked.features) == [all[5], all[0], all[5]])
        let y = data.target.scalars(as: Int.self)
        #expect(picked.target.scalars(as: Int.self) == [y[5], y[0], y[5]])
        #expect(picked.target.dtype == .int64)
        expectError(.invalidParameter(name: "index", value: "178", expected: "an index in 0..<178")) { try data.subset([178]) }
        let shuffled = data.shuffled(seed: 6)
        #expect(shuffled.count == 178)
        #expect(rows(shuffled.features).map { $0.description }.sorted() == all.map { $0.description }.sorted())
        let digits = try Dataset.digits().subset([0, 1])
        #expect(digits.imageShape == [8, 8] && digits.features.shape == [2, 64])
    }

    @Test func foldsPartitionTheIndices() throws {
        let folds = try Splitting.kFold(count: 23, folds: 5, seed: 7)
        #expect(folds.count == 5)
        #expect(folds.flatMap(\.validation).sorted() == Array(0..<23))
        #expect(folds.map(\.validation.count).sorted() == [4, 4, 5, 5, 5])
        for fold in folds {
            #expect(Set(fold.train).isDisjoint(with: fold.validation))
            #expect((fold.train + fold.validation).sorted() == Array(0..<23))
        }
        let plain = try Splitting.kFold(count: 6, folds: 3, shuffle: false)
        #expect(plain.map(\.validation) == [[0, 1], [2, 3], [4, 5]])
        #expect(try Splitting.kFold(count: 23, folds: 5, seed: 7) == folds)
        expectError(.invalidParameter(name: "folds", value: "1", expected: "an integer in 2...23 (the sample count)")) {
            try Splitting.kFold(count: 23, folds: 1)
        }
    }

    @Test func stratifiedFoldsBalanceClasses() throws {
        let data = try Dataset.breastCancer()  // 212 malignant, 357 benign
        let folds = try data.kFold(folds: 5, stratified: true, seed: 8)
        let y = data.target.scalars(as: Int.self)
        let malignant = folds.map { $0.validation.filter { y[$0] == 0 }.count }
        let benign = folds.map { $0.validation.filter { y[$0] == 1 }.count }
        #expect(malignant.max()! - malignant.min()! <= 1 && benign.max()! - benign.min()! <= 1)
        #expect(malignant.reduce(0, +) == 212)
        #expect(folds.flatMap(\.validation).sorted() == Array(0..<569))
        expectError(.invalidParameter(name: "stratified", value: "true", expected: "a classification data set (int64 target)")) {
            try Dataset.diabetes().kFold(stratified: true)
        }
    }

    @Test func badFractionsThrow() {
        expectError(.invalidParameter(name: "testFraction", value: "1.0", expected: "a fraction in (0, 1)")) {
            try Splitting.trainTestIndices(count: 10, testFraction: 1)
        }
        expectError(.invalidParameter(name: "count", value: "1",
                                      expected: "enough samples for non-empty training and test parts at testFraction 0.5")) {
            try Splitting.trainTestIndices(count: 1, testFraction: 0.5)
        }
        expectError(.invalidParameter(name: "stratifyBy", value: "2 labels", expected: "one label per sample (3)")) {
            try Splitting.trainTestIndices(count: 3, testFraction: 0.3, stratifyBy: [0, 1])
        }
    }
}
