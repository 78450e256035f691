import Tensors

/// Batches of a data set, in order or shuffled with a seed, as PyTorch's `DataLoader`.
///
/// A loader knows how many samples there are and how to assemble a batch from their indices
/// (the collate step). Each epoch is a fresh sequence of batches; with `shuffle` the order of
/// epoch `e` is fixed by the seed and `e`, so runs repeat exactly.
public struct DataLoader<Batch>: Sequence {
    public let count: Int
    public let batchSize: Int
    public let shuffle: Bool
    public let dropLast: Bool
    public let seed: UInt64
    let collate: (_ indices: [Int]) -> Batch

    /// - Parameters:
    ///   - count: the number of samples.
    ///   - collate: builds a batch from sample indices.
    /// - Precondition: `count ≥ 0`, `batchSize > 0`.
    public init(count: Int, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false, seed: UInt64 = 0,
                collate: @escaping (_ indices: [Int]) -> Batch) {
        precondition(count >= 0 && batchSize > 0, "DataLoader: need count ≥ 0 and batchSize > 0, got \(count) and \(batchSize)")
        self.count = count
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.seed = seed
        self.collate = collate
    }

    /// The number of batches per epoch.
    public var batchCount: Int { dropLast ? count / batchSize : (count + batchSize - 1) / batchSize }

    /// The sample order of epoch `epoch`.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<count) }
        var generator = RandomGenerator(seed: seed &+ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15)
        return Tensor.permutation(count, generator: &generator).scalars(as: Int.self)
    }

    /// The batches of epoch `epoch`.
    public func batches(epoch: Int) -> [Batch] {
        let indices = order(epoch: epoch)
        return (0..<batchCount).map { b in
            collate(Array(indices[(b * batchSize)..<Swift.min(count, (b + 1) * batchSize)]))
        }
    }

    /// Iterating a loader directly gives epoch 0.
    public func makeIterator() -> IndexingIterator<[Batch]> { batches(epoch: 0).makeIterator() }
}

extension DataLoader where Batch == (inputs: Tensor, targets: Tensor) {
    /// Batches of rows of `inputs` and `targets` (their first axes index the samples).
    /// - Precondition: both have the same number of rows.
    public init(inputs: Tensor, targets: Tensor, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false,
                seed: UInt64 = 0) {
        precondition(inputs.rank >= 1 && targets.rank >= 1 && inputs.shape[0] == targets.shape[0],
                     "DataLoader: inputs \(inputs.shape) and targets \(targets.shape) have different numbers of rows")
        self.init(count: inputs.shape[0], batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, seed: seed) { indices in
            let rows = Tensor(indices, shape: [indices.count])
            return (inputs.indexSelect(axis: 0, indices: rows), targets.indexSelect(axis: 0, indices: rows))
        }
    }
}
