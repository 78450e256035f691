import Testing
@testable import Tensors
import TestSupport

@Suite("Einsum")
struct EinsumTests {
    let f = ReferenceFixture.case("einsum", in: "indexing_reference")

    @Test func contractionsMatchNumPy() {
        let a = f["A"], b = f["B"], c = f["C"], d = f["D"], u = f["u"], v = f["v"]
        expectValues(Tensor.einsum("ij,jk->ik", a, b), like: f["matmul"])
        expectValues(Tensor.einsum("ij,jk", a, b), like: f["implicit_matmul"])
        expectValues(Tensor.einsum("bij,bjk->bik", c, d), like: f["batched"])
        expectValues(Tensor.einsum("i,j->ij", v, u), like: f["outer"])
        expectValues(Tensor.einsum("i,i->", u, u), like: f["dot"])
        expectValues(Tensor.einsum("ij,j->i", a, u), like: f["matvec"])
        expectValues(Tensor.einsum("i,ij->j", v, a), like: f["vecmat"])
        expectValues(Tensor.einsum("...ij,...jk->...ik", c, b), like: f["ellipsis"])
        expectValues(Tensor.einsum("bij,bjk->ik", c, d), like: f["batch_sum"])
        expectValues(Tensor.einsum("aB,Ba", a, a.transposed()), like: f["mixed_case"])
        // Strided operands and spaces in the equation.
        expectValues(Tensor.einsum("kj, ji -> ik", b.transposed(), a.transposed()), like: f["matmul"])
    }

    @Test func singleOperandFormsMatchNumPy() {
        let a = f["A"], s = f["S"], c = f["C"]
        let t = Tensor.einsum("ij->ji", a)
        expectValues(t, like: f["transpose"])
        #expect(t.sharesStorage(with: a))
        expectValues(Tensor.einsum("ba", a), like: f["implicit_transpose"])
        expectValues(Tensor.einsum("ij->", a), like: f["total"])
        expectValues(Tensor.einsum("ij->i", a), like: f["rows"])
        expectValues(Tensor.einsum("ii->i", s), like: f["diagonal"])
        expectValues(Tensor.einsum("ii", s), like: f["trace"])
        expectValues(Tensor.einsum("bij->jbi", c), like: f["permute3"])
    }

    @Test func elementwiseDiagonalAndBroadcastFormsMatchNumPy() {
        let a = f["A"], e = f["E"], r = f["R"], t3 = f["T3"], v = f["v"]
        expectValues(Tensor.einsum("ij,ij->ij", a, e), like: f["elementwise"])
        expectValues(Tensor.einsum("ij,ij->ij", a, r), like: f["broadcast"])
        expectValues(Tensor.einsum("iik,i->k", t3, v), like: f["diag_contract"])
        // A contracted letter of size 1 against size n, as NumPy allows.
        let col = sample([2, 1], seed: 9), m = sample([3, 4], seed: 10)
        expectValues(Tensor.einsum("ij,jk->ik", col, m), like: col.matmul(m.sum(axis: 0, keepDims: true)))
        // Integer operands work when no matrix product is needed.
        let ints = Tensor([[1, 2], [3, 4]])
        #expect(Tensor.einsum("ij,ij->i", ints, ints).scalars(as: Int.self) == [5, 25])
    }

    @Test func gradientsComposeThroughEinsum() {
        let a = f["A"], b = f["B"], c = f["C"], d = f["D"], u = f["u"], s = f["S"], t3 = f["T3"], v = f["v"]
        expectGradientsMatch([a, b]) { Tensor.einsum("ij,jk->ik", $0[0], $0[1]) }
        expectGradientsMatch([c, d]) { Tensor.einsum("bij,bjk->bik", $0[0], $0[1]) }
        expectGradientsMatch([v, u]) { Tensor.einsum("i,j->ij", $0[0], $0[1]) }
        expectGradientsMatch([u]) { Tensor.einsum("i,i->", $0[0], $0[0]) }
        expectGradientsMatch([a]) { Tensor.einsum("ij->ji", $0[0]) }
        expectGradientsMatch([a]) { Tensor.einsum("ij->i", $0[0]) }
        expectGradientsMatch([s]) { Tensor.einsum("ii->i", $0[0]) }
        expectGradientsMatch([t3, v]) { Tensor.einsum("iik,i->k", $0[0], $0[1]) }
        expectGradientsMatch([c, b]) { Tensor.einsum("...ij,...jk->...ik", $0[0], $0[1]) }
        expectGradientsMatch([a, f["R"]]) { Tensor.einsum("ij,ij->ij", $0[0], $0[1]) }
        expectGradientsMatch([c, d]) { Tensor.einsum("bij,bjk->ik", $0[0], $0[1]) }
    }

    @Test func malformedEquationsTrapWithAMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.einsum("ij,jk->ik", Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("einsum: letter 'j'"))
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("ij->ii", Tensor.zeros([2, 2])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("ij->k", Tensor.zeros([2, 2])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("i1->i", Tensor.zeros([2, 2])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("ijk", Tensor.zeros([2, 2])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("ij,jk", Tensor.zeros([2, 2])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("ii->i", Tensor.zeros([2, 3])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("...i->i", Tensor.zeros([2, 3])) }
        await #expect(processExitsWith: .failure) { _ = Tensor.einsum("i-j", Tensor.zeros([2, 3])) }
    }
}
