/// Shape arithmetic shared by every operation: strides, broadcasting, axis normalisation.
public enum Shape {
    /// Row-major strides for `shape`.
    @inline(__always)
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        var i = shape.count - 1
        while i >= 0 {
            strides[i] = s
            s &*= Swift.max(shape[i], 1)
            i -= 1
        }
        return strides
    }

    /// `true` when `strides` are the row-major strides of `shape` (size-1 axes may have any stride).
    static func isContiguous(shape: [Int], strides: [Int]) -> Bool {
        var expected = 1
        var i = shape.count - 1
        while i >= 0 {
            let d = shape[i]
            if d == 0 { return true }
            if d != 1 {
                if strides[i] != expected { return false }
                expected &*= d
            }
            i -= 1
        }
        return true
    }

    /// The product of the sizes.
    @inline(__always)
    public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// The NumPy broadcast of two shapes, or `nil` when they do not broadcast.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                return nil
            }
        }
        return out
    }

    /// The broadcast of two shapes; traps with both shapes named when they do not broadcast.
    static func broadcastOrTrap(_ a: [Int], _ b: [Int], _ op: StaticString) -> [Int] {
        guard let s = broadcast(a, b) else {
            preconditionFailure("\(op): shapes \(a) and \(b) do not broadcast")
        }
        return s
    }

    /// Strides that read a tensor of `shape`/`strides` as if it had the (broadcast) shape
    /// `target`: broadcast axes get stride 0.
    static func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
        let lead = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[lead + i] == 1 {
            out[lead + i] = shape[i] == 1 ? 0 : strides[i]
        }
        return out
    }

    /// Maps a possibly negative axis into `0..<rank`, trapping when it is out of range.
    @inline(__always)
    static func normalize(axis: Int, rank: Int, _ op: StaticString = "axis") -> Int {
        precondition(rank > 0, "\(op): a 0-d tensor has no axis \(axis)")
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "\(op): axis \(axis) is out of range for a tensor of rank \(rank)")
        return a
    }

    /// Normalises and sorts a list of axes, trapping on duplicates or out-of-range values.
    static func normalize(axes: [Int], rank: Int, _ op: StaticString = "axes") -> [Int] {
        let normalized = axes.map { normalize(axis: $0, rank: rank, op) }.sorted()
        for i in normalized.indices.dropFirst() where normalized[i] == normalized[i - 1] {
            preconditionFailure("\(op): axis \(normalized[i]) appears twice in \(axes)")
        }
        return normalized
    }
}

extension Tensor {
    /// The broadcast shape of `a` and `b`; throws ``TensorError/shapeMismatch(operation:_:_:)``
    /// when they do not broadcast. Use it to validate shapes that come from outside.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws(TensorError) -> [Int] {
        guard let s = Shape.broadcast(a, b) else {
            throw .shapeMismatch(operation: "broadcast", a, b)
        }
        return s
    }
}
