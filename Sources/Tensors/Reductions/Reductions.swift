extension Tensor {
    /// The shape after reducing `axes` (sorted, normalised): kept as 1 or dropped.
    static func reducedShape(_ shape: [Int], axes: [Int], keepDims: Bool) -> [Int] {
        if keepDims {
            var s = shape
            for a in axes { s[a] = 1 }
            return s
        }
        return shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Reduces, records the gradient rule, and drops the axes unless `keepDims`.
    private func reduce(_ kind: ReductionKind, axes requested: [Int]?, keepDims: Bool, _ name: StaticString) -> Tensor {
        let axes = requested.map { Shape.normalize(axes: $0, rank: rank, name) } ?? Array(0..<rank)
        let source = dtype == .bool ? to(.int64) : self
        let kept = Tensor.reduceKernel(kind, source, axes: axes, name)
        let outShape = Tensor.reducedShape(shape, axes: axes, keepDims: keepDims)
        let result = keepDims ? kept : kept.view(shape: outShape, strides: Shape.contiguousStrides(outShape))
        guard Tensor.recording(self) else { return result }
        let keptShape = kept.shape
        return result.recorded(name, [self]) { [self] g, out in
            let gk = g.reshaped(keptShape)
            switch kind {
            case .sum:
                return [gk.expanded(to: shape)]
            case .product:
                return [gk * self.productOfOthers(axes: axes)]
            case .minimum, .maximum:
                // The gradient goes to the extreme elements, split evenly among ties.
                let hits = (self .== out.reshaped(keptShape).detached()).to(dtype)
                return [hits * (gk / hits.sum(axes: axes, keepDims: true))]
            }
        }
    }

    /// The sum of all elements (a 0-d tensor). `bool` tensors count their `true` elements.
    public func sum() -> Tensor { reduce(.sum, axes: nil, keepDims: false, "sum") }
    /// The sum along `axis` (negative counts from the end).
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { reduce(.sum, axes: [axis], keepDims: keepDims, "sum") }
    /// The sum along `axes`.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor { reduce(.sum, axes: axes, keepDims: keepDims, "sum") }

    /// The product of all elements.
    public func prod() -> Tensor { reduce(.product, axes: nil, keepDims: false, "prod") }
    /// The product along `axis`.
    public func prod(axis: Int, keepDims: Bool = false) -> Tensor { reduce(.product, axes: [axis], keepDims: keepDims, "prod") }
    /// The product along `axes`.
    public func prod(axes: [Int], keepDims: Bool = false) -> Tensor { reduce(.product, axes: axes, keepDims: keepDims, "prod") }

    /// The smallest element (NaN if any is NaN). Traps on an empty tensor.
    public func min() -> Tensor { reduce(.minimum, axes: nil, keepDims: false, "min") }
    /// The smallest element along `axis`.
    public func min(axis: Int, keepDims: Bool = false) -> Tensor { reduce(.minimum, axes: [axis], keepDims: keepDims, "min") }
    /// The smallest element along `axes`.
    public func min(axes: [Int], keepDims: Bool = false) -> Tensor { reduce(.minimum, axes: axes, keepDims: keepDims, "min") }

    /// The largest element (NaN if any is NaN). Traps on an empty tensor.
    public func max() -> Tensor { reduce(.maximum, axes: nil, keepDims: false, "max") }
    /// The largest element along `axis`.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor { reduce(.maximum, axes: [axis], keepDims: keepDims, "max") }
    /// The largest element along `axes`.
    public func max(axes: [Int], keepDims: Bool = false) -> Tensor { reduce(.maximum, axes: axes, keepDims: keepDims, "max") }

    /// The mean of all elements. Floating-point tensors only.
    public func mean() -> Tensor { mean(axes: Array(0..<rank)) }
    /// The mean along `axis`.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }
    /// The mean along `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        precondition(dtype.isFloatingPoint, "mean needs a float32 or float64 tensor, got \(dtype); convert with to(_:)")
        let n = Shape.normalize(axes: axes, rank: rank, "mean").reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) / Double(n)
    }

    /// The variance along `axes` (all when `nil`): the mean squared deviation, divided by
    /// `n − correction` instead of `n` (NumPy's `ddof`; 0 by default as in NumPy, 1 for the
    /// unbiased estimate PyTorch uses by default).
    public func variance(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        precondition(dtype.isFloatingPoint, "variance needs a float32 or float64 tensor, got \(dtype)")
        let axes = axes ?? Array(0..<rank)
        let n = Shape.normalize(axes: axes, rank: rank, "variance").reduce(1) { $0 * shape[$1] }
        let deviation = self - mean(axes: axes, keepDims: true)
        return (deviation * deviation).sum(axes: axes, keepDims: keepDims) / Double(n - correction)
    }

    /// The variance along `axis`.
    public func variance(axis: Int, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        variance(axes: [axis], correction: correction, keepDims: keepDims)
    }

    /// The standard deviation: the square root of ``variance(axes:correction:keepDims:)``.
    public func std(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        variance(axes: axes, correction: correction, keepDims: keepDims).sqrt()
    }

    /// The standard deviation along `axis`.
    public func std(axis: Int, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        std(axes: [axis], correction: correction, keepDims: keepDims)
    }

    /// log Σ exp(x) along `axes` (all when `nil`), computed stably by shifting by the maximum.
    /// Rows that are all −inf give −inf.
    public func logsumexp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        precondition(dtype.isFloatingPoint, "logsumexp needs a float32 or float64 tensor, got \(dtype)")
        let axes = axes ?? Array(0..<rank)
        let peak = withNoGrad {
            let m = detached().max(axes: axes, keepDims: true)
            return Tensor.where(m.isFinite(), m, Tensor.zeros([], dtype: dtype))
        }
        let shifted = (self - peak).exp().sum(axes: axes, keepDims: true).log() + peak
        return keepDims ? shifted : shifted.reshaped(Tensor.reducedShape(shape, axes: Shape.normalize(axes: axes, rank: rank), keepDims: false))
    }

    /// log Σ exp(x) along `axis`.
    public func logsumexp(axis: Int, keepDims: Bool = false) -> Tensor { logsumexp(axes: [axis], keepDims: keepDims) }

    /// `true` when any element is nonzero (or `true`).
    public func any() -> Bool { (to(.bool).to(.int64)).sum().item() > 0 }
    /// `true` when every element is nonzero (or `true`).
    public func all() -> Bool { Int((to(.bool).to(.int64)).sum().item()) == count }

    /// Sums a broadcast gradient back to `target` (the inverse of broadcasting `target` up to
    /// this shape).
    func sumTo(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        var axes = Array(0..<lead)
        for i in target.indices where target[i] == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        return sum(axes: axes, keepDims: true).reshaped(target)
    }

    /// For each element, the product of the other elements in its reduction group (no
    /// division, so zeros are handled exactly). Used by the gradient of ``prod()``.
    func productOfOthers(axes: [Int]) -> Tensor {
        let keptAxes = (0..<rank).filter { !axes.contains($0) }
        let order = keptAxes + axes
        let moved = permuted(order).contiguous()
        let groupSize = axes.reduce(1) { $0 * shape[$1] }
        let groups = groupSize == 0 ? 0 : count / groupSize
        let out = Tensor(uninitializedShape: moved.shape, dtype: dtype)
        func run<T: FloatingPointElement>(_: T.Type) {
            let src = moved.basePointer(T.self), dst = out.basePointer(T.self)
            for g in 0..<groups {
                let p = src + g * groupSize, d = dst + g * groupSize
                var prefix: T = 1
                for i in 0..<groupSize { d[i] = prefix; prefix *= p[i] }
                var suffix: T = 1
                for i in stride(from: groupSize - 1, through: 0, by: -1) { d[i] *= suffix; suffix *= p[i] }
            }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        default: preconditionFailure("prod gradient needs a floating-point tensor")
        }
        return out.permuted(Tensor.inversePermutation(order))
    }
}
