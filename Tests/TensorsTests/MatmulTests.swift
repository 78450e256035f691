import Testing
@testable import Tensors
import TestSupport

@Suite("Matrix products")
struct MatmulTests {
    let f = ReferenceFixture.case("matmul", in: "elementwise_reference")

    @Test func shapesAndValuesFollowNumPyMatmul() {
        expectValues(f["a"].matmul(f["b"]), like: f["ab"])
        expectValues(f["a"].matmul(f["d"]), like: f["ad"])
        expectValues(f["a"].matmul(f["e"]), like: f["ae"])
        expectValues(f["a"].matmul(f["v"]), like: f["av"])
        expectValues(f["v"].matmul(f["b"]), like: f["vb"])
        expectValues(f["v"].matmul(f["w"]), like: f["vw"])
        #expect(f["v"].matmul(f["w"]).shape == [])
    }

    @Test func transposedViewsNeedNoCopyAndAgree() {
        let a = sample([5, 3], seed: 31), b = sample([5, 4], seed: 32)
        expectValues(a.T.matmul(b), like: a.T.contiguous().matmul(b), tolerance: 1e-12)
        expectValues(b.T.matmul(a), like: b.T.contiguous().matmul(a), tolerance: 1e-12)
        // A stepped layout that BLAS cannot take directly is copied first.
        let p = sample([3, 4, 5], seed: 33).permuted([1, 0, 2])
        expectValues(p.matmul(sample([5, 2], seed: 34)), like: p.contiguous().matmul(sample([5, 2], seed: 34)), tolerance: 1e-12)
    }

    @Test func float32MatchesFloat64() {
        let a = sample([7, 9], seed: 35), b = sample([9, 6], seed: 36)
        let single = a.to(.float32).matmul(b.to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: a.matmul(b), tolerance: 1e-5)
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let z = Tensor.zeros([3, 0]).matmul(Tensor.zeros([0, 2]))
        expectValues(z, [0, 0, 0, 0, 0, 0], shape: [3, 2])
    }

    @Test func gradientsIncludingBatchBroadcastAndVectors() {
        expectGradientsMatch([sample([3, 4], seed: 1), sample([4, 2], seed: 2)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([2, 3, 4], seed: 3), sample([4, 5], seed: 4)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([2, 1, 3, 4], seed: 5), sample([3, 4, 2], seed: 6)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([4], seed: 7), sample([4, 3], seed: 8)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([3, 4], seed: 9), sample([4], seed: 10)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([4], seed: 11), sample([4], seed: 12)]) { $0[0].matmul($0[1]) }
        expectGradientsMatch([sample([4, 3], seed: 13), sample([4, 2], seed: 14)]) { $0[0].T.matmul($0[1]) }
    }
}
