import Testing
@testable import Tensors
import TestSupport

@Suite("Matrix parts")
struct MatrixPartsTests {
    let f = ReferenceFixture.case("matrix_parts", in: "linear_algebra_reference")

    @Test func diagonalsMatchNumPyAndAreViews() {
        let x = f["x"]
        expectValues(x.diagonal(), like: f["diagonal"], tolerance: 0)
        expectValues(x.diagonal(offset: 1), like: f["diagonal_plus1"], tolerance: 0)
        expectValues(x.diagonal(offset: -1), like: f["diagonal_minus1"], tolerance: 0)
        expectValues(x.diagonal(offset: 3), like: f["diagonal_plus3"], tolerance: 0)
        #expect(x.diagonal(offset: 4).shape == [2, 0])
        #expect(x.diagonal(offset: -3).shape == [2, 0])
        #expect(x.diagonal().sharesStorage(with: x))
        // A transposed view's diagonal is the same diagonal.
        expectValues(x.transposed().diagonal(), like: f["diagonal"], tolerance: 0)
        #expect(Tensor([[1, 2], [3, 4]]).diagonal().scalars(as: Int.self) == [1, 4])
    }

    @Test func diagonalMatricesMatchNumPy() {
        let d = Tensor.diagonalMatrix(f["v"])
        #expect(d.shape == [2, 3, 3])
        expectValues(d, like: f["diagonal_matrix"], tolerance: 0)
        expectValues(d.diagonal(), like: f["v"], tolerance: 0)
        #expect(Tensor.diagonalMatrix(Tensor([true, false])).scalars(as: Bool.self) == [true, false, false, false])
    }

    @Test func trianglesMatchNumPy() {
        let x = f["x"]
        expectValues(x.tril(), like: f["tril"], tolerance: 0)
        expectValues(x.tril(-1), like: f["tril_minus1"], tolerance: 0)
        expectValues(x.tril(1), like: f["tril_plus1"], tolerance: 0)
        expectValues(x.triu(), like: f["triu"], tolerance: 0)
        expectValues(x.triu(1), like: f["triu_plus1"], tolerance: 0)
        expectValues(x.triu(-1), like: f["triu_minus1"], tolerance: 0)
        #expect(Tensor([[1, 2], [3, 4]]).triu().scalars(as: Int.self) == [1, 2, 0, 4])
    }

    @Test func traceMatchesNumPy() {
        let t = f["x"].trace()
        #expect(t.shape == [2])
        expectValues(t, like: f["trace"], tolerance: 1e-12)
        #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]).trace().shape == [])
        #expect(Tensor([[1, 2], [3, 4]]).trace().scalars(as: Int.self) == [5])
    }

    @Test func matrixPartsAreDifferentiable() {
        let x = f["x"], v = f["v"]
        expectGradientsMatch([x]) { $0[0].diagonal() }
        expectGradientsMatch([x]) { $0[0].diagonal(offset: 2) }
        expectGradientsMatch([x]) { $0[0].diagonal(offset: -1) }
        expectGradientsMatch([x]) { $0[0].transposed().diagonal(offset: 1) }
        expectGradientsMatch([v]) { Tensor.diagonalMatrix($0[0]) }
        expectGradientsMatch([x]) { $0[0].tril(-1) }
        expectGradientsMatch([x]) { $0[0].triu(1) }
        expectGradientsMatch([x]) { $0[0].trace() }
        let leaf = x.detached().requiringGrad()
        leaf.trace().sum().backward()
        expectValues(leaf.grad!, like: Tensor.eye(3, 4, dtype: .float64).expanded(to: [2, 3, 4]), tolerance: 0)
    }
}
