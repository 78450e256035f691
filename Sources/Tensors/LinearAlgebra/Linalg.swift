/// Linear algebra on stacks of matrices, backed by LAPACK: solves, inverses, determinants,
/// decompositions, least squares and norms, named as in `numpy.linalg` and `torch.linalg`.
///
/// ## Shapes
/// Functions take `float32` or `float64` tensors whose last two axes are the matrices; any
/// leading axes are a batch, and each matrix is handled on its own (`[..., m, n]`). The
/// exceptions are ``lstsq(_:_:rcond:)`` (one matrix) and ``vectorNorm(_:ord:axes:keepDims:)``
/// (any axes).
///
/// ## Errors
/// Programmer errors — a wrong rank, a non-square matrix where a square one is needed, shapes
/// that do not fit, an integer tensor — trap with a message naming the shapes. Failures that
/// depend on the values throw a ``TensorError``: ``TensorError/singularMatrix(operation:)``,
/// ``TensorError/notPositiveDefinite(operation:)`` and ``TensorError/noConvergence(operation:)``.
/// A matrix holding NaN or an infinity is not passed to LAPACK: its results are NaN, and no
/// error is thrown for it.
///
/// ## Gradients
/// Every function records a gradient rule for its differentiable outputs (all but the sign of
/// ``slogdet(_:)`` and the `ord: 0` count of ``vectorNorm(_:ord:axes:keepDims:)``). The rules
/// are written in differentiable tensor operations, so they also work under
/// `backward(createGraph: true)`. Their assumptions (distinct eigenvalues or singular values,
/// full rank) are stated on each function. Decompositions with several outputs (``qr(_:)``,
/// ``svd(_:fullMatrices:)``, ``eigh(_:)``) return views of one packed result that carries a single
/// rule, so a loss may use any subset of the outputs.
public enum Linalg {}
