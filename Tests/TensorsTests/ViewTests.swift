import Testing
@testable import Tensors
import TestSupport

@Suite("Shape and layout")
struct ViewTests {
    @Test func reshapeInfersOneSizeAndSharesStorageWhenContiguous() {
        let x = Tensor.arange(12).to(.float64)
        let r = x.reshaped([3, -1])
        #expect(r.shape == [3, 4] && r.sharesStorage(with: x))
        #expect(x.reshaped([2, 3, 2]).scalars(as: Int.self) == Array(0..<12))
        let t = r.transposed()
        let copied = t.reshaped([12])
        #expect(!copied.sharesStorage(with: x))
        #expect(copied.scalars(as: Int.self) == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
    }

    @Test func permuteAndTransposeAreViews() {
        let x = Tensor.arange(24).reshaped([2, 3, 4])
        let p = x.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3] && p.sharesStorage(with: x))
        #expect(p.strides == [1, 12, 4])
        #expect(x.transposed(0, 2).shape == [4, 3, 2])
        #expect(Tensor.arange(6).reshaped([2, 3]).T.scalars(as: Int.self) == [0, 3, 1, 4, 2, 5])
    }

    @Test func squeezeUnsqueezeFlattenExpand() {
        let x = Tensor.zeros([1, 3, 1, 2])
        #expect(x.squeezed().shape == [3, 2])
        #expect(x.squeezed(axis: 2).shape == [1, 3, 2])
        #expect(x.unsqueezed(axis: -1).shape == [1, 3, 1, 2, 1])
        #expect(x.unsqueezed(axis: 0).shape == [1, 1, 3, 1, 2])
        #expect(x.flattened().shape == [6])
        #expect(x.flattened(startAxis: 1, endAxis: 2).shape == [1, 3, 2])
        let col = Tensor([1.0, 2.0, 3.0]).reshaped([3, 1])
        let e = col.expanded(to: [2, 3, 4])
        #expect(e.shape == [2, 3, 4] && e.sharesStorage(with: col))
        #expect(e.sum().item() == 48)
    }

    @Test func contiguousCopiesOnlyWhenNeeded() {
        let x = Tensor.ones([3, 4])
        #expect(x.contiguous() === x)
        let t = x.transposed().contiguous()
        #expect(!t.sharesStorage(with: x) && t.shape == [4, 3])
    }

    @Test func layoutGradients() {
        let x = sample([2, 3, 4], seed: 21)
        expectGradientsMatch([x]) { $0[0].reshaped([4, 6]) * Tensor.arange(24).reshaped([4, 6]).to(.float64) }
        expectGradientsMatch([x]) { $0[0].permuted([1, 2, 0]).contiguous().reshaped([-1]) }
        expectGradientsMatch([x]) { $0[0].transposed(0, 2) }
        expectGradientsMatch([x]) { $0[0].unsqueezed(axis: 1).squeezed(axis: 1) }
        expectGradientsMatch([x]) { $0[0].flattened(startAxis: 1) }
        expectGradientsMatch([sample([3, 1], seed: 22)]) { $0[0].expanded(to: [2, 3, 4]) }
    }
}
