/// Calls `body(sourceOffset, destinationOffset)` once per 1-D lane along `axis`: the element
/// offsets (from each tensor's base pointer) of the lane's first element. Both tensors have
/// the same shape; the lane continues by each tensor's stride along `axis`.
@inline(__always)
func forEachLane(along axis: Int, of source: Tensor, and destination: Tensor, _ body: (Int, Int) -> Void) {
    var shape = source.shape, sourceStrides = source.strides, destinationStrides = destination.strides
    shape.remove(at: axis)
    sourceStrides.remove(at: axis)
    destinationStrides.remove(at: axis)
    StridedLayout(shape: shape, operandStrides: [sourceStrides, destinationStrides]).forEachRow(offsets: [0, 0]) { o, n, s in
        for j in 0..<n { body(o[0] + j * s[0], o[1] + j * s[1]) }
    }
}
