import Testing
@testable import Tensors
import TestSupport

@Suite("Indexing")
struct IndexingTests {
    // MARK: basic slicing

    @Test func slicingMatchesNumPy() {
        let f = ReferenceFixture.case("slicing", in: "indexing_reference")
        let x = f["x"]
        expectValues(x[1], like: f["int_first"])
        expectValues(x[.all, 1..<3], like: f["range_middle"])
        expectValues(x[.ellipsis, -1], like: f["ellipsis_last"])
        expectValues(x[.slice(step: -1), .slice(step: 2), .slice(start: 1, end: -1)], like: f["negative_steps"])
        expectValues(x[(-2)..., .newAxis, 3, .slice(step: -2)], like: f["new_axis_mixed"])
        expectValues(x[0..<100, (-100)..<2], like: f["clamped"])
        expectValues(x[.slice(start: 2, end: 0, step: -1), .all, .slice(start: 4, end: 0, step: -2)],
                     like: f["reversed_ranges"])
        expectValues(x[1..<1], like: f["empty"])
        expectValues(x[0...1, ..<3, 3...], like: f["closed_and_partial"])
        let xt = x.permuted([2, 0, 1])
        expectValues(xt[.slice(start: 1, end: 4, step: 2), -1], like: f["transposed_slice"])
        expectValues(xt[.slice(step: -2), 1..., .newAxis], like: f["transposed_reversed"])
    }

    @Test func slicesAreViewsOfTheSameStorage() {
        let x = Tensor.arange(0, 24, dtype: .float64).reshaped([2, 3, 4])
        let s = x[1, .slice(step: -1), 1...2]
        #expect(s.sharesStorage(with: x))
        #expect(s.shape == [3, 2])
        expectValues(s, [21, 22, 17, 18, 13, 14])
        #expect(x[...(-1)].shape == [2, 3, 4])
        #expect(x[...0].shape == [1, 3, 4])
        #expect(x[.ellipsis].shape == [2, 3, 4])
        #expect(x[.newAxis, .ellipsis, .newAxis].shape == [1, 2, 3, 4, 1])
        #expect(x[0, 0, 0].shape == [])
        #expect(x[0, 0, 0].item() == 0)
        #expect(x[-1, -1, -1].item() == 23)
        #expect(x[.all, 5..<9].shape == [2, 0, 4])
    }

    @Test func slicingWorksForIntegerAndBoolTensors() {
        let i = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(i[.all, .slice(step: -1)].scalars(as: Int.self) == [3, 2, 1, 6, 5, 4])
        #expect(i[1].dtype == .int64)
        let b = Tensor([[true, false], [false, false]])
        #expect(b.transposed()[0].scalars(as: Bool.self) == [true, false])
    }

    @Test func slicingGradientWritesIntoTheSlice() {
        let x = sample([3, 4, 5], seed: 11)
        expectGradientsMatch([x]) { $0[0][1, .slice(step: -2), 1...] }
        expectGradientsMatch([x]) { $0[0].permuted([2, 0, 1])[.newAxis, 1..<4, .ellipsis, -1] }
        // The gradient of a slice is zero outside it.
        let leaf = Tensor.ones([2, 3], dtype: .float64).requiringGrad()
        leaf[.all, 1...].sum().backward()
        expectValues(leaf.grad!, [0, 1, 1, 0, 1, 1])
    }

    @Test func secondDerivativeThroughASlice() {
        // d/dx of (dL/dx · x) where L = Σ x[1:]³: the embedding of the slice gradient is itself differentiable.
        let x = Tensor([0.5, -1.0, 2.0]).requiringGrad()
        let y = x[1...].pow(3).sum()
        y.backward(createGraph: true)
        let first = x.grad!
        expectValues(first, [0, 3, 12])
        x.zeroGrad()
        (first * first).sum().backward()
        // d/dx Σ (3x²)² over x[1:] = 36 x³.
        expectValues(x.grad!, [0, -36, 288])
    }

    @Test func flippedAndNarrowedAreViews() {
        let x = Tensor.arange(0, 6, dtype: .float64).reshaped([2, 3])
        let f = x.flipped(axes: [0, 1])
        #expect(f.sharesStorage(with: x))
        expectValues(f, [5, 4, 3, 2, 1, 0])
        let n = x.narrowed(axis: 1, start: -2, length: 2)
        #expect(n.sharesStorage(with: x))
        expectValues(n, [1, 2, 4, 5], shape: [2, 2])
        expectGradientsMatch([sample([3, 4], seed: 2)]) { $0[0].flipped(axis: 1).narrowed(axis: 0, start: 1, length: 2) }
    }

    @Test func assignmentCopiesWithBroadcastingAndConversion() {
        let x = Tensor.zeros([3, 4], dtype: .float64)
        x[0..<2, .all] = Tensor([1.0, 2.0, 3.0, 4.0])
        x[2, .slice(step: 2)] = Tensor(7, dtype: .int64)
        expectValues(x, [1, 2, 3, 4, 1, 2, 3, 4, 7, 0, 7, 0])
        // Through a transposed view: column 1 of x is row 1 of x.T.
        let xt = x.transposed()
        xt[1] = Tensor([-1.0, -2.0, -3.0])
        expectValues(x[.all, 1], [-1, -2, -3])
        // An overlapping source is read before it is overwritten.
        let v = Tensor.arange(0, 5, dtype: .float64)
        v[1...] = v[..<4]
        expectValues(v, [0, 0, 1, 2, 3])
        // Assignment to a tensor that requires gradients is allowed inside withNoGrad.
        let w = Tensor.zeros([2], dtype: .float64).requiringGrad()
        withNoGrad { w[0] = Tensor(5.0, dtype: .float64) }
        expectValues(w, [5, 0])
    }

    // MARK: index select, gather, scatter-add

    @Test func indexSelectMatchesNumPyTake() {
        let f = ReferenceFixture.case("index_select", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.indexSelect(axis: 1, indices: f["cols"]), like: f["axis1"])
        expectValues(x.indexSelect(axis: 0, indices: f["rows"]), like: f["axis0"])
        expectValues(x.transposed().indexSelect(axis: -1, indices: f["rows"]), like: f["transposed_axis1"])
        // Every dtype: the layout kernel moves raw bits.
        let ints = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(ints.indexSelect(axis: 0, indices: Tensor([2, 0])).scalars(as: Int.self) == [5, 6, 1, 2])
        let bools = Tensor([true, false, true])
        #expect(bools.indexSelect(axis: 0, indices: Tensor([1, 1, 2])).scalars(as: Bool.self) == [false, false, true])
        let floats = Tensor([[1, 2], [3, 4]] as [[Float]])
        #expect(floats.indexSelect(axis: 1, indices: Tensor([1])).scalars(as: Float.self) == [2, 4])
        // A strided index tensor.
        let idx = Tensor([0, 9, 2, 9, 1]).sliced([.slice(step: 2)])
        expectValues(x.indexSelect(axis: 1, indices: idx), like: x.indexSelect(axis: 1, indices: Tensor([0, 2, 1])))
    }

    @Test func gatherMatchesNumPyTakeAlongAxis() {
        let f = ReferenceFixture.case("gather", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.gather(axis: 1, indices: f["idx1"]), like: f["axis1"])
        expectValues(x.gather(axis: 0, indices: f["idx0"]), like: f["axis0"])
        expectValues(x.transposed().gather(axis: 1, indices: f["idx0"].transposed()), like: f["transposed_axis1"])
        // torch.gather allows an index smaller than the input on the other axes.
        let m = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(m.gather(axis: 1, indices: Tensor([[2, 0], [1, 1]])).scalars(as: Int.self) == [3, 1, 5, 5])
    }

    @Test func scatterAddMatchesNumPyAddAt() {
        let f = ReferenceFixture.case("scatter_add", in: "indexing_reference")
        let base = f["base"]
        expectValues(base.scatterAdd(axis: 0, indices: f["idx0"], source: f["src0"]), like: f["axis0"])
        expectValues(base.scatterAdd(axis: 1, indices: f["idx1"], source: f["src1"]), like: f["axis1"])
        // Only the leading block of the source is used; integers accumulate.
        let counts = Tensor.zeros([4], dtype: .int64)
            .scatterAdd(axis: 0, indices: Tensor([1, 3, 1]), source: Tensor([10, 20, 30, 40]))
        #expect(counts.scalars(as: Int.self) == [0, 40, 0, 20])
    }

    @Test func gradientsOfIndexSelectGatherAndScatterAdd() {
        let x = sample([4, 5], seed: 21)
        expectGradientsMatch([x]) { $0[0].indexSelect(axis: 1, indices: Tensor([3, 0, 3, 1])) }
        expectGradientsMatch([x]) { $0[0].transposed().indexSelect(axis: 0, indices: Tensor([4, 4, 2])) }
        let idx = Tensor([[0, 3, 3], [1, 1, 4], [2, 0, 0]])
        expectGradientsMatch([x]) { $0[0].gather(axis: 1, indices: idx) }
        let source = sample([3, 4], seed: 22)
        let rows = Tensor([[0, 3, 3, 1], [1, 1, 2, 0]])
        expectGradientsMatch([x, source]) { $0[0].scatterAdd(axis: 0, indices: rows, source: $0[1]) }
        // A source larger than the index: the unused part has zero gradient.
        let leaf = Tensor.ones([2, 3], dtype: .float64).requiringGrad()
        Tensor.zeros([3], dtype: .float64).scatterAdd(axis: 0, indices: Tensor([2]), source: leaf[0]).sum().backward()
        expectValues(leaf.grad!, [1, 0, 0, 0, 0, 0])
    }

    // MARK: masks and integer arrays

    @Test func maskedSelectMatchesNumPy() {
        let f = ReferenceFixture.case("masked_select", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.maskedSelect(f["mask"]), like: f["selected"])
        expectValues(x[mask: f["row_mask"]], like: f["row_selected"])
        expectValues(x.transposed()[mask: f["mask"].transposed()], like: f["transposed_selected"])
        expectGradientsMatch([x]) { $0[0].maskedSelect(f["mask"]) }
        let ints = Tensor([[1, 2], [3, 4]])
        #expect(ints[mask: ints .> 2].scalars(as: Int.self) == [3, 4])
        #expect(Tensor([1.0, 2.0])[mask: Tensor([false, false])].shape == [0])
    }

    @Test func integerArrayIndexingMatchesNumPy() {
        let f = ReferenceFixture.case("index_array", in: "indexing_reference")
        expectValues(f["x"][indices: f["idx"]], like: f["result"])
        expectGradientsMatch([f["x"]]) { $0[0][indices: f["idx"]] }
    }

    // MARK: programmer errors

    @Test func outOfRangeIndicesTrapWithAMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0, 2.0, 3.0, 4.0, 5.0]).indexSelect(axis: 0, indices: Tensor([1, 7]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("indexSelect: index 7 is out of range for axis 0 of size 5"))
        await #expect(processExitsWith: .failure) { _ = Tensor([1.0, 2.0])[2] }
        await #expect(processExitsWith: .failure) { _ = Tensor([1.0, 2.0])[0, 0] }
        await #expect(processExitsWith: .failure) { _ = Tensor([[1.0]])[.ellipsis, .ellipsis] }
        await #expect(processExitsWith: .failure) { _ = Tensor([1.0, 2.0])[.slice(step: 0)] }
        await #expect(processExitsWith: .failure) {
            _ = Tensor([[1.0, 2.0]]).gather(axis: 1, indices: Tensor([[0, -1]]))
        }
        await #expect(processExitsWith: .failure) {
            let x = Tensor([1.0, 2.0]).requiringGrad()
            x[0] = Tensor(3.0)
        }
    }
}
