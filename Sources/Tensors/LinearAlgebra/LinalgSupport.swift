/// Checks and buffers shared by the LAPACK-backed ``Linalg`` functions.
extension Linalg {
    /// Traps unless `a` is a float32 or float64 tensor with at least two axes.
    static func checkMatrices(_ a: Tensor, _ op: StaticString, name: StaticString = "a") {
        precondition(a.rank >= 2, "\(op): \(name) must have at least two axes (a stack of matrices), got shape \(a.shape)")
        precondition(a.dtype.isFloatingPoint,
                     "\(op): \(name) must be float32 or float64, got \(a.dtype); convert with to(_:)")
    }

    /// Traps unless `a` is a float stack of square matrices; returns their size.
    @discardableResult
    static func checkSquare(_ a: Tensor, _ op: StaticString, name: StaticString = "a") -> Int {
        checkMatrices(a, op, name: name)
        let n = a.shape[a.rank - 1]
        precondition(a.shape[a.rank - 2] == n, "\(op): \(name) must be square, got \(a.shape)")
        return n
    }

    /// Traps unless `a` and `b` have the same dtype.
    static func checkSameDType(_ a: Tensor, _ b: Tensor, _ op: StaticString) {
        precondition(a.dtype == b.dtype, "\(op): a is \(a.dtype) but b is \(b.dtype)")
    }

    /// The broadcast of the batch (leading) axes of two matrix stacks; traps when they do not broadcast.
    static func batchShape(_ a: Tensor, _ b: Tensor, _ op: StaticString) -> [Int] {
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        guard let batch = Shape.broadcast(batchA, batchB) else {
            preconditionFailure("\(op): batch shapes \(batchA) and \(batchB) do not broadcast (a \(a.shape), b \(b.shape))")
        }
        return batch
    }

    /// `true` when the `count` values at `p` are all finite: only such matrices go to LAPACK.
    @inline(__always)
    static func allFinite<T: LAPACKScalar>(_ p: UnsafePointer<T>, _ count: Int) -> Bool {
        for i in 0..<count where !p[i].isFinite { return false }
        return true
    }
}

extension Tensor {
    /// A new contiguous tensor holding this stack of matrices broadcast to the batch axes
    /// `batch`: a private buffer for LAPACK to overwrite (LAPACK works in place).
    func lapackCopy(batch: [Int]) -> Tensor {
        let out = Tensor(uninitializedShape: batch + Array(shape.suffix(2)), dtype: dtype)
        copyElements(from: self, to: out)
        return out
    }

    /// `true` when every element is exactly zero. Multi-output gradient rules use it to tell an
    /// output whose gradient never arrived (its part of the packed gradient stays zero).
    var isAllZero: Bool {
        withNoGrad { !(self .!= 0).any() }
    }
}

/// Gradient-rule helpers.
extension Linalg {
    /// `solve(a, b)` for a gradient rule, which cannot throw: NaN when `a` is singular (the
    /// gradient is then not defined).
    static func solveInRule(_ a: Tensor, _ b: Tensor) -> Tensor {
        do {
            return try solve(a, b)
        } catch {
            let shape = b.rank == 1 ? Array(a.shape.dropLast()) : batchShape(a, b, "solve") + Array(b.shape.suffix(2))
            return Tensor.full(shape, .nan, dtype: b.dtype)
        }
    }

    /// `inv(a)` for a gradient rule: NaN when `a` is singular.
    static func invInRule(_ a: Tensor) -> Tensor {
        (try? inv(a)) ?? Tensor.full(a.shape, .nan, dtype: a.dtype)
    }

    /// `F[..., i, j] = 1 / (v[j] − v[i])` off the diagonal and 0 on it, for `v` of shape `[..., k]`:
    /// the factor of the eigenvector and singular-vector gradients. Equal values give ±inf.
    /// Built from differentiable operations without dividing by the zero diagonal.
    static func gapReciprocals(_ v: Tensor) -> Tensor {
        let k = v.shape[v.rank - 1]
        let eye = Tensor.eye(k, dtype: v.dtype)
        let gaps = v.unsqueezed(axis: -2) - v.unsqueezed(axis: -1)
        return (1 / (gaps + eye)) * (1 - eye)
    }
}
