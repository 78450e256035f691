extension Tensor {
    /// `axis` normalised (negative counts from the end) for an operation that works along an
    /// existing axis; traps, naming `name`, for a 0-d tensor or an axis out of range.
    func existingAxis(_ axis: Int, _ name: StaticString) -> Int {
        precondition(rank >= 1, "\(name): a 0-d tensor has no axis \(axis)")
        return Shape.normalize(axis: axis, rank: rank, name)
    }
}
