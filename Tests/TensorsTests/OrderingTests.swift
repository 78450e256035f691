import Testing
@testable import Tensors
import TestSupport

@Suite("Ordering")
struct OrderingTests {
    @Test func stableSortMatchesNumPy() {
        let f = ReferenceFixture.case("sort", in: "indexing_reference")
        let x = f["x"]
        let last = x.sorted()
        expectValues(last.values, like: f["values_last"])
        #expect(last.indices.dtype == .int64)
        expectValues(last.indices, like: f["indices_last"])
        let first = x.sorted(axis: 0)
        expectValues(first.values, like: f["values_first"])
        expectValues(first.indices, like: f["indices_first"])
        expectValues(x.argsort(descending: true), like: f["indices_descending"])
        expectValues(x.transposed().argsort(), like: f["indices_transposed"])
        // Integer tensors sort too.
        let ints = x.to(.int64).sorted()
        #expect(ints.values.dtype == .int64)
        expectValues(ints.values, like: f["values_last"])
        expectValues(ints.indices, like: f["indices_last"])
    }

    @Test func nanSortsLastAscendingAndFirstDescending() {
        let x = Tensor([3.0, .nan, -1.0, .nan, 2.0])
        let up = x.sorted()
        #expect(up.indices.scalars(as: Int.self) == [2, 4, 0, 1, 3])
        let values = up.values.scalars(as: Double.self)
        #expect(values[..<3] == [-1, 2, 3] && values[3...].allSatisfy(\.isNaN))
        #expect(x.argsort(descending: true).scalars(as: Int.self) == [1, 3, 0, 4, 2])
        #expect(x.to(.float32).argsort().scalars(as: Int.self) == [2, 4, 0, 1, 3])
        #expect(x.topk(2).indices.scalars(as: Int.self) == [1, 3])
        let flags = Tensor([true, false, true, false])
        #expect(flags.argsort().scalars(as: Int.self) == [1, 3, 0, 2])
        #expect(flags.argsort(descending: true).scalars(as: Int.self) == [0, 2, 1, 3])
    }

    @Test func topkMatchesNumPy() {
        let f = ReferenceFixture.case("topk", in: "indexing_reference")
        let x = f["x"]
        let top = x.topk(3)
        expectValues(top.values, like: f["largest_values"])
        expectValues(top.indices, like: f["largest_indices"])
        let bottom = x.topk(2, axis: 0, largest: false)
        expectValues(bottom.values, like: f["smallest_values"])
        expectValues(bottom.indices, like: f["smallest_indices"])
        #expect(x.topk(0).values.shape == [4, 0])
    }

    @Test func gradientsOfSortAndTopk() {
        // Uniform samples have no ties.
        let x = sample([4, 6], seed: 31)
        expectGradientsMatch([x]) { $0[0].sorted().values }
        expectGradientsMatch([x]) { $0[0].sorted(axis: 0, descending: true).values }
        expectGradientsMatch([x]) { $0[0].transposed().topk(2, axis: 1).values }
        expectGradientsMatch([x]) { $0[0].topk(3, largest: false).values }
    }

    @Test func cumsumMatchesNumPy() {
        let f = ReferenceFixture.case("cumsum", in: "indexing_reference")
        let x = f["x"]
        expectValues(x.cumsum(axis: 0), like: f["axis0"])
        expectValues(x.cumsum(axis: -1), like: f["axis1"])
        expectValues(x.transposed().cumsum(axis: 1), like: f["transposed"])
        let ints = f["ints"].cumsum(axis: 1)
        #expect(ints.dtype == .int64)
        expectValues(ints, like: f["ints_axis1"])
        let counts = f["bools"].cumsum(axis: 0)
        #expect(counts.dtype == .int64)
        expectValues(counts, like: f["bools_axis0"])
        expectGradientsMatch([x]) { $0[0].cumsum(axis: 1) }
        expectGradientsMatch([x]) { $0[0].transposed().cumsum(axis: 0) }
    }

    @Test func oneHotMatchesNumPy() {
        let f = ReferenceFixture.case("one_hot", in: "indexing_reference")
        let encoded = f["labels"].oneHot(classes: 4)
        #expect(encoded.dtype == .float32)
        expectValues(encoded, like: f["encoded"])
        let flags = Tensor([2, 0]).oneHot(classes: 3, dtype: .bool)
        #expect(flags.scalars(as: Bool.self) == [false, false, true, true, false, false])
        #expect(f["labels"].transposed().oneHot(classes: 4, dtype: .int64).scalars(as: Int.self)
            == f["encoded"].permuted([1, 0, 2]).scalars(as: Int.self))
    }

    @Test func badArgumentsTrapWithAMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([0, 3, 1]).oneHot(classes: 3)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("oneHot: label 3 is out of range for 3 classes"))
        await #expect(processExitsWith: .failure) { _ = Tensor([1.0, 2.0]).topk(3) }
        await #expect(processExitsWith: .failure) { _ = Tensor([1.0, 2.0]).oneHot(classes: 2) }
        await #expect(processExitsWith: .failure) { _ = Tensor(1.0).sorted() }
    }
}
