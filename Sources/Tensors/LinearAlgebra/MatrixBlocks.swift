/// Rectangular blocks of the matrices in the last two axes, for gradient rules that split or
/// assemble matrices (wide QR, full-matrix SVD).
extension Tensor {
    /// A view of rows `rows` and columns `columns` of every matrix in the last two axes.
    /// Differentiable: the gradient is placed back into zeros of this shape.
    func matrixBlock(rows: Range<Int>, columns: Range<Int>) -> Tensor {
        precondition(rank >= 2, "matrixBlock: needs at least two axes, got \(shape)")
        let m = shape[rank - 2], n = shape[rank - 1]
        precondition(rows.lowerBound >= 0 && rows.upperBound <= m && columns.lowerBound >= 0 && columns.upperBound <= n,
                     "matrixBlock: rows \(rows), columns \(columns) are outside \(shape)")
        let start = offset + rows.lowerBound * strides[rank - 2] + columns.lowerBound * strides[rank - 1]
        let out = view(shape: Array(shape.dropLast(2)) + [rows.count, columns.count], strides: strides, offset: start)
        return out.recordedIfNeeded("block", [self]) { [shape] g, _ in
            [g.placedInMatrices(shape, row: rows.lowerBound, column: columns.lowerBound)]
        }
    }

    /// Zeros of `fullShape` with this stack of matrices written at (`row`, `column`) of each
    /// matrix (the inverse of ``matrixBlock(rows:columns:)``).
    func placedInMatrices(_ fullShape: [Int], row: Int, column: Int) -> Tensor {
        let m = shape[rank - 2], n = shape[rank - 1]
        let out = Tensor.zeros(fullShape, dtype: dtype)
        copyElements(from: self, to: out.matrixBlock(rows: row..<(row + m), columns: column..<(column + n)))
        return out.recordedIfNeeded("place", [self]) { g, _ in
            [g.matrixBlock(rows: row..<(row + m), columns: column..<(column + n))]
        }
    }
}
