import Testing
@testable import Tensors
import TestSupport

@Suite("Combining")
struct CombiningTests {
    @Test func concatMatchesNumPy() {
        let f = ReferenceFixture.case("concat", in: "indexing_reference")
        let a = f["a"], b = f["b"], c = f["c"], d = f["d"]
        expectValues(Tensor.concat([a, b, c], axis: 1), like: f["axis1"])
        expectValues(Tensor.concat([a, d, a]), like: f["axis0"])
        expectValues(Tensor.concat([a.transposed(), c.transposed()], axis: -2), like: f["transposed"])
        let ints = Tensor.concat([Tensor([1, 2]), Tensor([3])])
        #expect(ints.scalars(as: Int.self) == [1, 2, 3])
        let bools = Tensor.concat([Tensor([[true]]), Tensor([[false, true]])], axis: 1)
        #expect(bools.scalars(as: Bool.self) == [true, false, true])
    }

    @Test func stackMatchesNumPy() {
        let f = ReferenceFixture.case("stack", in: "indexing_reference")
        let parts = [f["a"], f["b"], f["c"]]
        expectValues(Tensor.stack(parts), like: f["axis0"])
        expectValues(Tensor.stack(parts, axis: 1), like: f["axis1"])
        expectValues(Tensor.stack(parts, axis: -1), like: f["axis_last"])
        #expect(Tensor.stack([Tensor(1.0), Tensor(2.0)]).shape == [2])
    }

    @Test func gradientsOfConcatAndStack() {
        let a = sample([2, 3], seed: 1), b = sample([2, 1], seed: 2), c = sample([2, 2], seed: 3)
        expectGradientsMatch([a, b, c]) { Tensor.concat($0, axis: 1) }
        expectGradientsMatch([a, a, a]) { Tensor.stack($0, axis: 1) }
        // Inputs that do not require gradients get none.
        let leaf = Tensor.ones([2], dtype: .float64).requiringGrad()
        Tensor.concat([Tensor.zeros([3], dtype: .float64), leaf]).sum().backward()
        expectValues(leaf.grad!, [1, 1])
    }

    @Test func splitAndChunkGiveViews() {
        let x = Tensor.arange(0, 12, dtype: .float64).reshaped([2, 6])
        let parts = x.split(sizes: [1, 3, 2], axis: 1)
        #expect(parts.map(\.shape) == [[2, 1], [2, 3], [2, 2]])
        #expect(parts.allSatisfy { $0.sharesStorage(with: x) })
        expectValues(parts[1], [1, 2, 3, 7, 8, 9])
        let thirds = x.split(parts: 3, axis: -1)
        expectValues(thirds[2], [4, 5, 10, 11])
        // torch.chunk: ceil(6 / 4) = 2 per chunk, so only three chunks.
        #expect(x.chunk(4, axis: 1).map { $0.shape[1] } == [2, 2, 2])
        #expect(x.chunk(4, axis: 1).count == 3)
        #expect(Tensor.arange(0, 5).chunk(2).map(\.count) == [3, 2])
        #expect(x.chunk(5, axis: 0).count == 2)
        let rows = x.unbind()
        #expect(rows.count == 2 && rows[1].shape == [6])
        expectValues(rows[1], [6, 7, 8, 9, 10, 11])
        expectGradientsMatch([sample([3, 5], seed: 4)]) { t in
            let p = t[0].split(sizes: [2, 3], axis: 1)
            return p[0].sum(axis: 1) * p[1].sum(axis: 1) + t[0].chunk(2, axis: 0)[1].sum()
        }
    }

    @Test func paddingMatchesNumPy() {
        let f = ReferenceFixture.case("pad", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.padded([(1, 2), (0, 1)], value: 3.5), like: f["constant"])
        expectValues(x.padded([(2, 0)]), like: f["leading_only"])
        expectValues(x.padded([(2, 1), (1, 3)], mode: .reflect), like: f["reflect"])
        expectValues(x.padded([(1, 2), (3, 1)], mode: .replicate), like: f["replicate"])
        expectValues(x.transposed().padded([(1, 1), (2, 2)], mode: .reflect), like: f["transposed_reflect"])
        let ints = Tensor([1, 2]).padded([(1, 1)], value: -1)
        #expect(ints.scalars(as: Int.self) == [-1, 1, 2, -1])
        #expect(Tensor([true]).padded([(0, 2)]).scalars(as: Bool.self) == [true, false, false])
    }

    @Test func gradientsOfPadding() {
        let x = sample([3, 4], seed: 5)
        expectGradientsMatch([x]) { $0[0].padded([(1, 2), (0, 1)], value: 2) }
        expectGradientsMatch([x]) { $0[0].padded([(2, 1), (1, 3)], mode: .reflect) }
        expectGradientsMatch([x]) { $0[0].padded([(1, 2), (3, 1)], mode: .replicate) }
    }

    @Test func repeatMatchesNumPy() {
        let f = ReferenceFixture.case("repeat", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.repeated(2, axis: 1), like: f["axis1"])
        expectValues(x.repeated(3, axis: 0), like: f["axis0"])
        expectValues(x.repeated(2), like: f["flat"])
        expectValues(x.repeated(counts: [1, 0, 2], axis: 0), like: f["counts"])
        expectValues(x.transposed().repeated(2, axis: -1), like: f["transposed"])
        #expect(Tensor([1, 2]).repeated(2).scalars(as: Int.self) == [1, 1, 2, 2])
        expectGradientsMatch([x]) { $0[0].repeated(2, axis: 1) }
        expectGradientsMatch([x]) { $0[0].repeated(counts: [1, 0, 2], axis: 0) }
    }

    @Test func tileMatchesNumPy() {
        let f = ReferenceFixture.case("tile", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.tiled([2, 3]), like: f["same_rank"])
        expectValues(x.tiled([2]), like: f["short_reps"])
        expectValues(x.tiled([2, 1, 2]), like: f["long_reps"])
        expectValues(x.transposed().tiled([1, 2]), like: f["transposed"])
        #expect(Tensor([true, false]).tiled([2]).scalars(as: Bool.self) == [true, false, true, false])
        expectGradientsMatch([x]) { $0[0].tiled([2, 1, 2]) }
    }

    @Test func mismatchedArgumentsTrap() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.concat([Tensor.zeros([2, 3]), Tensor.zeros([3, 3])], axis: 1)
        }
        await #expect(processExitsWith: .failure) { _ = Tensor.stack([Tensor.zeros([2]), Tensor.zeros([3])]) }
        await #expect(processExitsWith: .failure) { _ = Tensor.zeros([5]).split(sizes: [2, 2]) }
        await #expect(processExitsWith: .failure) { _ = Tensor.zeros([5]).split(parts: 2) }
        await #expect(processExitsWith: .failure) { _ = Tensor.zeros([3]).padded([(3, 0)], mode: .reflect) }
        await #expect(processExitsWith: .failure) { _ = Tensor.zeros([3]).padded([(0, 0), (1, 1)]) }
    }
}
