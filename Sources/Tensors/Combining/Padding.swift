/// How ``Tensor/padded(_:mode:value:)`` fills the new positions.
public enum PaddingMode: Sendable {
    /// A constant value.
    case constant
    /// The mirror image of the positions next to the edge, not repeating the edge itself
    /// (`numpy.pad` mode `"reflect"`, `torch` `"reflect"`): `[a, b, c, d]` padded by 2 on
    /// each side is `[c, b, a, b, c, d, c, b]`.
    case reflect
    /// Copies of the edge position (`numpy.pad` mode `"edge"`, `torch` `"replicate"`).
    case replicate
}

extension Tensor {
    /// This tensor with `widths[d].before` positions added before and `widths[d].after` after
    /// the existing ones on each axis `d` (`numpy.pad`).
    ///
    /// `widths` lists the leading axes in order, as NumPy's `pad_width` does — unlike
    /// `torch.nn.functional.pad`, which starts from the last axis; axes beyond `widths.count`
    /// are not padded. So `x.padded([(0, 0), (1, 2)])` pads the second axis of a matrix.
    /// The result has this dtype; `value` (converted to the dtype) fills the new positions in
    /// ``PaddingMode/constant`` mode. Differentiable.
    /// - Precondition: at most `rank` widths, none negative. For ``PaddingMode/reflect``, each
    ///   width is smaller than its axis's size; for ``PaddingMode/replicate``, a padded axis is
    ///   not empty.
    public func padded(_ widths: [(before: Int, after: Int)], mode: PaddingMode = .constant, value: Double = 0) -> Tensor {
        precondition(widths.count <= rank, "padded: \(widths.count) widths given for a tensor of rank \(rank) (shape \(shape))")
        precondition(widths.allSatisfy { $0.before >= 0 && $0.after >= 0 },
                     "padded: widths must be non-negative, got \(widths.map { [$0.before, $0.after] })")
        switch mode {
        case .constant:
            return constantPadded(widths, value: value)
        case .reflect, .replicate:
            var result = self
            for (axis, width) in widths.enumerated() where width.before > 0 || width.after > 0 {
                result = result.edgePadded(axis: axis, before: width.before, after: width.after, reflect: mode == .reflect)
            }
            return result
        }
    }

    private func constantPadded(_ widths: [(before: Int, after: Int)], value: Double) -> Tensor {
        var outShape = shape
        var interior: [TensorIndex] = []
        for (axis, width) in widths.enumerated() {
            outShape[axis] += width.before + width.after
            interior.append(.slice(start: width.before, end: width.before + shape[axis], step: 1))
        }
        let out = Tensor.full(outShape, value, dtype: dtype)
        copyElements(from: self, to: ResolvedSlice(interior, shape: outShape).view(of: out))
        return out.recordedIfNeeded("pad", [self]) { g, _ in [g.sliced(interior)] }
    }

    /// Reflect or replicate padding of one axis, composed from views and `concat`.
    private func edgePadded(axis: Int, before: Int, after: Int, reflect: Bool) -> Tensor {
        let size = shape[axis]
        var pieces: [Tensor] = []
        if reflect {
            precondition(before < size && after < size,
                         "padded: reflect widths (\(before), \(after)) must be smaller than the size \(size) of axis \(axis)")
            if before > 0 { pieces.append(stepped(axis: axis, start: before, count: before, step: -1)) }
            pieces.append(self)
            if after > 0 { pieces.append(stepped(axis: axis, start: size - 2, count: after, step: -1)) }
        } else {
            precondition(size > 0, "padded: cannot replicate the edge of the empty axis \(axis) (shape \(shape))")
            func edge(_ position: Int, _ count: Int) -> Tensor {
                var target = shape
                target[axis] = count
                return narrowed(axis: axis, start: position, length: 1).expanded(to: target)
            }
            if before > 0 { pieces.append(edge(0, before)) }
            pieces.append(self)
            if after > 0 { pieces.append(edge(size - 1, after)) }
        }
        return Tensor.concat(pieces, axis: axis)
    }
}
