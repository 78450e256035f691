/// Multi-output operations (`qr`, `svd`, `eigh`) and their gradients.
///
/// The engine's tape gives every tensor at most one recorded rule, and a backward pass only
/// visits the outputs that the loss used. A decomposition therefore computes all its outputs
/// into one flat, packed tensor, records a single gradient rule on that packed tensor, and
/// returns its outputs as contiguous views of it (``Tensor/packedPart(at:shape:)``), each
/// recorded as a view whose gradient is placed back into zeros of the packed shape.
///
/// Why this design rather than one rule per output:
/// - the rule runs once, with the gradients of all outputs together, so the work they share
///   (and the other outputs it needs) is not repeated;
/// - the rule reads the outputs as differentiable views of its own packed output, so it keeps
///   no references to the output tensors (no cycles between their nodes) and higher-order
///   gradients (`createGraph: true`) see every dependence;
/// - an output the loss did not use contributes a zero part; rules test a part with
///   ``Tensor/isAllZero`` and skip its terms, as PyTorch skips undefined gradients. That matters
///   when a term would divide by a zero gap (equal eigenvalues) that only the unused output needs.
extension Tensor {
    /// A contiguous view of `shape` starting at element `start` of this packed 1-D tensor.
    /// Its gradient is placed back into zeros of the packed length.
    func packedPart(at start: Int, shape: [Int]) -> Tensor {
        let packed = contiguous()
        let length = Shape.count(shape)
        precondition(packed.rank == 1 && start >= 0 && start + length <= packed.count,
                     "packedPart: \(shape) at \(start) does not fit in \(packed.shape)")
        let out = packed.view(shape: shape, strides: Shape.contiguousStrides(shape), offset: packed.offset + start)
        return out.recordedIfNeeded("unpack", [packed]) { [count = packed.count] g, _ in
            [g.placedInPacked(count: count, at: start)]
        }
    }

    /// A 1-D tensor of `count` zeros with this tensor's elements written at `start`
    /// (the inverse of ``packedPart(at:shape:)``).
    func placedInPacked(count: Int, at start: Int) -> Tensor {
        let out = Tensor.zeros([count], dtype: dtype)
        let region = out.view(shape: shape, strides: Shape.contiguousStrides(shape), offset: start)
        copyElements(from: self, to: region)
        return out.recordedIfNeeded("pack", [self]) { [shape] g, _ in [g.packedPart(at: start, shape: shape)] }
    }
}
