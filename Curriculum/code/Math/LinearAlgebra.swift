import Datasets
import Foundation
import Tensors

/// The code of the lesson "Linear algebra" (`math/linear-algebra`). Each function holds one
/// region that the page shows; it returns what the region computes so that the tests can check it.
public enum LinearAlgebraLesson {
    /// Lengths, dot products, angles and projections.
    public static func vectors() -> (dot: Double, length: Double, angleInDegrees: Double, projection: Tensor) {
        // region: vectors
        let u = Tensor([3, 4] as [Double])
        let v = Tensor([4, 0] as [Double])

        let dot = (u * v).sum().item()                        // 3·4 + 4·0 = 12
        let length = Linalg.vectorNorm(u).item()              // √(3² + 4²) = 5
        let cosine = dot / (length * Linalg.vectorNorm(v).item())   // 12 / (5·4) = 0.6
        let angleInDegrees = acos(cosine) * 180 / .pi         // about 53.13°

        // The shadow u casts on v's direction: (u·v / v·v) v.
        let projection = (dot / (v * v).sum().item()) * v     // [3, 0]
        // endregion
        return (dot, length, angleInDegrees, projection)
    }

    /// Matrix times vector, and the order of a product of matrices.
    public static func matrixMultiply() -> (image: Tensor, rotateThenStretch: Tensor, stretchThenRotate: Tensor) {
        // region: matrix-multiply
        let a = Tensor([[2, 1], [0.5, 1.5]] as [[Double]])
        let x = Tensor([1, 1] as [Double])
        // a·x mixes a's columns with x's entries as weights: 1·[2, 0.5] + 1·[1, 1.5].
        let image = a.matmul(x)                               // [3, 2]

        let rotate = Tensor([[0, -1], [1, 0]] as [[Double]])  // a quarter turn anticlockwise
        let stretch = Tensor([[2, 0], [0, 1]] as [[Double]])  // doubles the x coordinate
        // A product acts from right to left: the rightmost matrix is applied first.
        let rotateThenStretch = stretch.matmul(rotate)        // [[0, -2], [1, 0]]
        let stretchThenRotate = rotate.matmul(stretch)        // [[0, -1], [2, 0]]: not the same
        // endregion
        return (image, rotateThenStretch, stretchThenRotate)
    }

    /// Eigenvalues and eigenvectors: of a symmetric matrix with the engine, of any 2 × 2 matrix
    /// from its characteristic polynomial.
    public static func eigen() throws -> (values: Tensor, vectors: Tensor, residual: Tensor, shearValues: [Double],
                                          rotationValues: [Double]) {
        // region: eigen
        // A symmetric matrix has real eigenvalues and perpendicular eigenvectors; eigh finds
        // them (values in ascending order, vectors as the columns of a matrix).
        let s = Tensor([[2, 1], [1, 2]] as [[Double]])
        let (values, vectors) = try Linalg.eigh(s)            // values [1, 3]
        // Every column v satisfies s·v = λv; broadcasting scales column j by values[j].
        let residual = s.matmul(vectors) - vectors * values   // ≈ 0

        // Any 2 × 2 matrix: the eigenvalues solve λ² − (a + d)λ + (ad − bc) = 0.
        func eigenvalues(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> [Double] {
            let trace = a + d, determinant = a * d - b * c
            let discriminant = trace * trace - 4 * determinant
            guard discriminant >= 0 else { return [] }        // a complex pair: no real direction is kept
            let root = discriminant.squareRoot()
            return [(trace + root) / 2, (trace - root) / 2]
        }
        let shearValues = eigenvalues(2, 1, 0.5, 1.5)         // [2.5, 1]
        let rotationValues = eigenvalues(0, -1, 1, 0)         // []: a quarter turn moves every direction
        // endregion
        return (values, vectors, residual, shearValues, rotationValues)
    }

    /// The singular value decomposition of a 2 × 2 matrix, and its link to the eigenvalues of aᵀa.
    public static func singularValues() throws -> (u: Tensor, s: Tensor, vt: Tensor, rebuilt: Tensor, fromEigen: Tensor) {
        // region: svd
        let a = Tensor([[2, 1], [0.5, 1.5]] as [[Double]])
        let (u, s, vt) = try Linalg.svd(a)
        // s is non-negative and descending; u and vt are orthogonal (rotations or reflections).
        let rebuilt = (u * s).matmul(vt)                      // u·diag(s)·vᵀ gives a back

        // The singular values are the square roots of the eigenvalues of aᵀa.
        let (lambdas, _) = try Linalg.eigh(a.T.matmul(a))
        let fromEigen = lambdas.sqrt().flipped(axis: 0)       // ascending → descending, equals s
        // endregion
        return (u, s, vt, rebuilt, fromEigen)
    }

    /// Low-rank approximations of the digits images by truncating their SVD.
    public static func lowRank() throws -> (singularValues: Tensor, relativeErrors: [Double]) {
        // region: low-rank
        let digits = try Dataset.digits().features            // [1797, 64]: one 8 × 8 image per row
        let (u, s, vt) = try Linalg.svd(digits)               // u [1797, 64], s [64], vt [64, 64]

        // Keep the k largest singular values and their vectors: the best rank-k approximation.
        func approximation(rank k: Int) -> Tensor {
            (u[.all, ..<k] * s[..<k]).matmul(vt[..<k])
        }
        let total = Linalg.matrixNorm(digits).item()
        let relativeErrors = [1, 2, 5, 10, 20, 40, 64].map { k in
            Linalg.matrixNorm(digits - approximation(rank: k)).item() / total
        }
        // endregion
        return (s, relativeErrors)
    }
}
