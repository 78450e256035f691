import Testing
@testable import Tensors
import TestSupport

@Suite("Creation")
struct CreationTests {
    @Test func filledTensors() {
        let z = Tensor.zeros([2, 3])
        #expect(z.shape == [2, 3] && z.dtype == .float32 && z.count == 6)
        expectValues(z, [Double](repeating: 0, count: 6))
        expectValues(Tensor.ones([2], dtype: .float64), [1, 1])
        expectValues(Tensor.full([2, 2], 7, dtype: .int64), [7, 7, 7, 7])
        #expect(Tensor.full([2, 2], 7, dtype: .int64).dtype == .int64)
        #expect(Tensor.zeros([0, 3]).count == 0)
        let like = Tensor.ones(like: Tensor.zeros([4], dtype: .float64))
        #expect(like.shape == [4] && like.dtype == .float64)
    }

    @Test func arangeAndLinspaceFollowNumPy() {
        #expect(Tensor.arange(5).scalars(as: Int.self) == [0, 1, 2, 3, 4])
        #expect(Tensor.arange(2, 9, step: 3).scalars(as: Int.self) == [2, 5, 8])
        #expect(Tensor.arange(5, 0, step: -2).scalars(as: Int.self) == [5, 3, 1])
        #expect(Tensor.arange(3, 3).count == 0)
        // numpy.arange(0, 1, 0.25) -> [0, .25, .5, .75]; numpy.arange(0, 1.0001, 0.5) -> [0, .5, 1]
        expectValues(Tensor.arange(0.0, 1.0, step: 0.25), [0, 0.25, 0.5, 0.75])
        expectValues(Tensor.arange(0.0, 1.0001, step: 0.5, dtype: .float64), [0, 0.5, 1])
        expectValues(Tensor.linspace(-1, 1, count: 5, dtype: .float64), [-1, -0.5, 0, 0.5, 1])
        #expect(Tensor.linspace(0, 1, count: 7, dtype: .float64).scalars(as: Double.self).last == 1)
        #expect(Tensor.linspace(2, 3, count: 1).scalars(as: Double.self) == [2])
    }

    @Test func eye() {
        expectValues(Tensor.eye(3), [1, 0, 0, 0, 1, 0, 0, 0, 1], shape: [3, 3])
        expectValues(Tensor.eye(2, 3), [1, 0, 0, 0, 1, 0], shape: [2, 3])
    }

    @Test func nestedArraysPickTheDTypeAndShape() {
        let d = Tensor([[1.0, 2.0], [3.0, 4.0]])
        #expect(d.shape == [2, 2] && d.dtype == .float64)
        let f = Tensor([[[1, 2]], [[3, 4]]] as [[[Float]]])
        #expect(f.shape == [2, 1, 2] && f.dtype == .float32)
        #expect(Tensor([true, false]).dtype == .bool)
        #expect(Tensor([[1, 2, 3]]).dtype == .int64)
        #expect(Tensor([[1.0, 2.0]], dtype: .float32).dtype == .float32)
        #expect(Tensor([[Double]]()).shape == [0, 0])
        #expect(Tensor(2.5).shape == [] && Tensor(2.5).item() == 2.5)
    }

    @Test func raggedNestedArraysThrowWhenValidated() {
        #expect(throws: TensorError.self) { try Tensor(validating: [[1.0, 2.0], [3.0]]) }
        let ok = try? Tensor(validating: [[1.0], [2.0]])
        #expect(ok?.shape == [2, 1])
    }

    @Test func flatValuesWithAShapeAreValidated() throws {
        let t = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float])
        #expect(t.shape == [2, 2])
        #expect(throws: TensorError.countMismatch(shape: [2, 2], expected: 4, got: 3)) {
            try Tensor(shape: [2, 2], scalars: [1, 2, 3] as [Float])
        }
        #expect(throws: TensorError.invalidShape([-1, 2], reason: "size -1 is negative")) {
            try Tensor(shape: [-1, 2], scalars: [Float]())
        }
        #expect(throws: TensorError.tooLarge(elements: 1_000_000, limit: 1000)) {
            try Tensor(shape: [1000, 1000], scalars: [Float](), limit: 1000)
        }
    }

    @Test func untypedNestedInputIsValidated() throws {
        let t = try Tensor(validatingNested: [[1, 2.5], [3, 4]] as [Any], dtype: .float64)
        expectValues(t, [1, 2.5, 3, 4], shape: [2, 2])
        #expect(throws: TensorError.self) { try Tensor(validatingNested: [[1, 2], [3]] as [Any]) }
        #expect(throws: TensorError.self) { try Tensor(validatingNested: [[1, "x"]] as [Any]) }
        #expect(throws: TensorError.self) { try Tensor(validatingNested: [1, [2]] as [Any]) }
        #expect(throws: TensorError.self) { try Tensor(validatingNested: [1, 2, 3] as [Any], limit: 2) }
    }

    @Test func elementAccess() {
        let t = Tensor([[1, 2, 3], [4, 5, 6]] as [[Float]])
        #expect(t.scalars(as: Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(t.transposed().scalars(as: Int.self) == [1, 4, 2, 5, 3, 6])
        #expect(t.sum().item() == 21)
        let copy = t.clone()
        copy.withUnsafeMutableElements(as: Float.self) { $0[0] = 100 }
        #expect(t.scalars(as: Float.self)[0] == 1 && copy.scalars(as: Float.self)[0] == 100)
    }
}
