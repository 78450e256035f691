/// Differentiable views that pick distinct elements of their input (slices, diagonals).
///
/// Such a view is described by a function that builds it from any tensor of the input's shape.
/// Its gradient applies the same function to a zero tensor and writes the output gradient
/// through it; that "embedding" is itself recorded, with the view as its gradient, so second
/// derivatives work too.
extension Tensor {
    /// `makeView(self)`, recorded for differentiation under `name`.
    ///
    /// - Precondition (not checked): `makeView` returns a view of its argument whose elements
    ///   are pairwise distinct elements of the argument (no stride-0 repetition).
    func injectiveView(_ name: StaticString, _ makeView: @escaping (Tensor) -> Tensor) -> Tensor {
        let out = makeView(self)
        return out.recordedIfNeeded(name, [self]) { [shape] g, _ in
            [Tensor.embedding(g, intoShape: shape, makeView)]
        }
    }

    /// Zeros of `shape` with `values` written into `makeView(zeros)`: the adjoint of
    /// ``injectiveView(_:_:)``. Differentiable in `values`.
    static func embedding(_ values: Tensor, intoShape shape: [Int], _ makeView: @escaping (Tensor) -> Tensor) -> Tensor {
        let out = Tensor.zeros(shape, dtype: values.dtype)
        copyElements(from: values, to: makeView(out))
        return out.recordedIfNeeded("embed", [values]) { g, _ in [g.injectiveView("slice", makeView)] }
    }
}
