import Tensors

/// Seeded index splits for holding out test data and cross-validating.
///
/// The functions return sample indices, so they work for a ``Dataset``, a ``DataFrame`` or plain
/// arrays alike; ``Dataset`` has conveniences that return the subsets.
public enum Splitting {
    /// One round of k-fold cross-validation: train on ``train``, evaluate on ``validation``.
    public struct Fold: Sendable, Equatable {
        /// The indices to train on, ascending.
        public var train: [Int]
        /// The indices to evaluate on, ascending.
        public var validation: [Int]
    }

    /// `0..<count` in a random order fixed by `seed`.
    public static func shuffledIndices(count: Int, seed: UInt64) -> [Int] {
        var g = RandomGenerator(seed: seed)
        return g.permutation(Swift.max(count, 0))
    }

    /// Splits `0..<count` into a training and a test part.
    ///
    /// The test part has `ceil(testFraction·count)` samples (as scikit-learn's
    /// `train_test_split`). With `stratifyBy`, each class contributes in proportion to its size
    /// (rounded by largest remainder), so both parts keep the class balance. With `shuffle`, the
    /// choice and the order within each part are random (fixed by `seed`); without it, the test
    /// part is the last samples (of each class, when stratified) and both parts are ascending.
    ///
    /// - Parameter stratifyBy: a class label per sample (`count` of them).
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when a part would be
    ///   empty, the fraction is outside (0, 1), or the labels do not match `count`.
    public static func trainTestIndices(count: Int, testFraction: Double = 0.25, stratifyBy labels: [Int]? = nil,
                                        shuffle: Bool = true, seed: UInt64 = 0) throws(DatasetError) -> (train: [Int], test: [Int]) {
        guard testFraction.isFinite && testFraction > 0 && testFraction < 1 else {
            throw .invalidParameter(name: "testFraction", value: "\(testFraction)", expected: "a fraction in (0, 1)")
        }
        let testCount = Int((testFraction * Double(count)).rounded(.up))
        guard testCount >= 1 && testCount < count else {
            throw .invalidParameter(name: "count", value: "\(count)",
                                    expected: "enough samples for non-empty training and test parts at testFraction \(testFraction)")
        }
        var g = RandomGenerator(seed: seed)
        var train: [Int] = [], test: [Int] = []
        if let labels {
            let groups = try classGroups(labels, count: count)
            // Largest-remainder rounding of each class's share of the test part.
            let ideal = groups.map { Double($0.count) * Double(testCount) / Double(count) }
            var quota = ideal.map { Int($0.rounded(.down)) }
            let byRemainder = ideal.indices.sorted { (ideal[$0] - Double(quota[$0]), -$0) > (ideal[$1] - Double(quota[$1]), -$1) }
            for c in byRemainder.prefix(testCount - quota.reduce(0, +)) { quota[c] += 1 }
            for (members, k) in zip(groups, quota) {
                let ordered = shuffle ? g.permutation(members.count).map { members[$0] } : members
                test += ordered.suffix(k)
                train += ordered.dropLast(k)
            }
        } else {
            let ordered = shuffle ? g.permutation(count) : Array(0..<count)
            train = Array(ordered.prefix(count - testCount))
            test = Array(ordered.suffix(testCount))
        }
        if shuffle {
            train = g.permutation(train.count).map { train[$0] }
            test = g.permutation(test.count).map { test[$0] }
        } else {
            train.sort()
            test.sort()
        }
        return (train, test)
    }

    /// `folds` rounds of cross-validation over `0..<count`: the validation parts partition the
    /// indices, and each round trains on the rest.
    ///
    /// Without labels, the (optionally shuffled) indices are cut into `folds` contiguous parts
    /// whose sizes differ by at most one. With `stratifyBy`, each class is dealt round-robin
    /// across the folds, so every fold's class counts differ by at most one from the others'.
    /// Index lists within a fold are ascending.
    ///
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when `folds` is not in
    ///   `2...count` or the labels do not match `count`.
    public static func kFold(count: Int, folds: Int = 5, shuffle: Bool = true, stratifyBy labels: [Int]? = nil,
                             seed: UInt64 = 0) throws(DatasetError) -> [Fold] {
        guard folds >= 2 && folds <= count else {
            throw .invalidParameter(name: "folds", value: "\(folds)", expected: "an integer in 2...\(count) (the sample count)")
        }
        var g = RandomGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: count)
        if let labels {
            var next = 0
            for members in try classGroups(labels, count: count) {
                let ordered = shuffle ? g.permutation(members.count).map { members[$0] } : members
                for i in ordered {
                    assignment[i] = next
                    next = (next + 1) % folds
                }
            }
        } else {
            let ordered = shuffle ? g.permutation(count) : Array(0..<count)
            var position = 0
            for (fold, size) in evenSplit(count, into: folds).enumerated() {
                for i in ordered[position..<(position + size)] { assignment[i] = fold }
                position += size
            }
        }
        return (0..<folds).map { fold in
            Fold(train: (0..<count).filter { assignment[$0] != fold }, validation: (0..<count).filter { assignment[$0] == fold })
        }
    }

    /// The indices of each class, ascending, for classes in ascending order.
    private static func classGroups(_ labels: [Int], count: Int) throws(DatasetError) -> [[Int]] {
        guard labels.count == count else {
            throw .invalidParameter(name: "stratifyBy", value: "\(labels.count) labels", expected: "one label per sample (\(count))")
        }
        var groups: [Int: [Int]] = [:]
        for (i, label) in labels.enumerated() { groups[label, default: []].append(i) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}

extension Dataset {
    /// The samples at `indices`, in that order (repeats allowed).
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for an index outside
    ///   `0..<count`, or a target whose length differs from the number of samples.
    public func subset(_ indices: [Int]) throws(DatasetError) -> Dataset {
        let n = count
        guard target.count == n else {
            throw .invalidParameter(name: "target", value: "\(target.count) values", expected: "one per sample (\(n))")
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
            throw .invalidParameter(name: "index", value: "\(bad)", expected: "an index in 0..<\(n)")
        }
        let width = features.shape.count > 1 ? features.shape[1...].reduce(1, *) : 1
        let x = features.scalars(as: Double.self)
        var picked = [Double]()
        picked.reserveCapacity(indices.count * width)
        for i in indices { picked.append(contentsOf: x[(i * width)..<((i + 1) * width)]) }
        var shape = features.shape
        if shape.isEmpty { shape = [0] }
        shape[0] = indices.count
        let newTarget: Tensor
        if isClassification {
            let y = target.scalars(as: Int.self)
            newTarget = Tensor(indices.map { y[$0] }, shape: [indices.count])
        } else {
            let y = target.scalars(as: Double.self)
            newTarget = Tensor(indices.map { y[$0] }, shape: [indices.count])
        }
        var result = self
        result.features = Tensor(picked, shape: shape).to(features.dtype)
        result.target = newTarget.dtype == target.dtype ? newTarget : newTarget.to(target.dtype)
        return result
    }

    /// The samples in a random order fixed by `seed`.
    public func shuffled(seed: UInt64) -> Dataset {
        // Every index is in range, so subset cannot fail.
        (try? subset(Splitting.shuffledIndices(count: count, seed: seed))) ?? self
    }

    /// A training and a test set; see ``Splitting/trainTestIndices(count:testFraction:stratifyBy:shuffle:seed:)``.
    ///
    /// - Parameter stratified: keep the class proportions in both parts (classification only).
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for a bad fraction, too
    ///   few samples, or `stratified` on a regression set.
    public func trainTestSplit(testFraction: Double = 0.25, stratified: Bool = false, shuffle: Bool = true,
                               seed: UInt64 = 0) throws(DatasetError) -> (train: Dataset, test: Dataset) {
        let labels = try stratified ? classLabels() : nil
        let (train, test) = try Splitting.trainTestIndices(count: count, testFraction: testFraction, stratifyBy: labels,
                                                          shuffle: shuffle, seed: seed)
        return (try subset(train), try subset(test))
    }

    /// The folds of k-fold cross-validation as index lists; see
    /// ``Splitting/kFold(count:folds:shuffle:stratifyBy:seed:)``.
    public func kFold(folds: Int = 5, stratified: Bool = false, shuffle: Bool = true,
                      seed: UInt64 = 0) throws(DatasetError) -> [Splitting.Fold] {
        try Splitting.kFold(count: count, folds: folds, shuffle: shuffle, stratifyBy: stratified ? classLabels() : nil,
                            seed: seed)
    }

    private func classLabels() throws(DatasetError) -> [Int] {
        guard isClassification else {
            throw .invalidParameter(name: "stratified", value: "true", expected: "a classification data set (int64 target)")
        }
        return target.scalars(as: Int.self)
    }
}
