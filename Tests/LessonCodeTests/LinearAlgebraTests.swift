import Foundation
import LessonCode
import Tensors
import Testing

/// Checks the code of `math/linear-algebra` against values worked out by hand.
@Suite struct LinearAlgebraTests {
    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func vectors() {
        let v = LinearAlgebraLesson.vectors()
        #expect(v.dot == 12)
        #expect(abs(v.length - 5) < 1e-12)
        // cos θ = 0.6, so θ = atan2(4, 3) = 53.1301°.
        #expect(abs(v.angleInDegrees - 53.130102354) < 1e-6)
        #expect(close(v.projection.scalars(), [3, 0]))
    }

    @Test func matrixMultiply() {
        let m = LinearAlgebraLesson.matrixMultiply()
        #expect(close(m.image.scalars(), [3, 2]))
        #expect(close(m.rotateThenStretch.scalars(), [0, -2, 1, 0]))
        #expect(close(m.stretchThenRotate.scalars(), [0, -1, 2, 0]))
        // Rotate-then-stretch sends (1, 0) up to (0, 1); stretch-then-rotate sends it to (0, 2).
        #expect(close(m.rotateThenStretch.matmul(Tensor([1, 0] as [Double])).scalars(), [0, 1]))
        #expect(close(m.stretchThenRotate.matmul(Tensor([1, 0] as [Double])).scalars(), [0, 2]))
    }

    @Test func eigen() throws {
        let e = try LinearAlgebraLesson.eigen()
        #expect(close(e.values.scalars(), [1, 3], 1e-12))
        #expect(e.residual.scalars(as: Double.self).allSatisfy { abs($0) < 1e-12 })
        // [[2, 1], [1, 2]] keeps (1, −1)/√2 (λ = 1) and (1, 1)/√2 (λ = 3), up to sign.
        let v = e.vectors.scalars(as: Double.self)   // row-major: v[0] v[1] / v[2] v[3]
        let r = 1 / 2.0.squareRoot()
        #expect(abs(abs(v[0]) - r) < 1e-12 && abs(v[0] + v[2]) < 1e-12)
        #expect(abs(abs(v[1]) - r) < 1e-12 && abs(v[1] - v[3]) < 1e-12)
        // trace 3.5, determinant 2.5: λ = (3.5 ± 1.5) / 2.
        #expect(close(e.shearValues, [2.5, 1]))
        #expect(e.rotationValues.isEmpty)
    }

    @Test func singularValues() throws {
        let d = try LinearAlgebraLesson.singularValues()
        // aᵀa = [[4.25, 2.75], [2.75, 3.25]]: trace 7.5, determinant 6.25, so
        // σ² = (7.5 ± √31.25) / 2 and σ₁σ₂ = |det a| = 2.5.
        let expected = [((7.5 + 31.25.squareRoot()) / 2).squareRoot(), ((7.5 - 31.25.squareRoot()) / 2).squareRoot()]
        #expect(close(d.s.scalars(), expected, 1e-12))
        #expect(abs(expected[0] * expected[1] - 2.5) < 1e-12)
        #expect(close(d.fromEigen.scalars(), expected, 1e-12))
        #expect(close(d.rebuilt.scalars(), [2, 1, 0.5, 1.5], 1e-12))
        // u and v are orthogonal: uᵀu = I and v·vᵀ = I.
        #expect(close(d.u.T.matmul(d.u).scalars(), [1, 0, 0, 1], 1e-12))
        #expect(close(d.vt.matmul(d.vt.T).scalars(), [1, 0, 0, 1], 1e-12))
    }

    @Test func lowRank() throws {
        let l = try LinearAlgebraLesson.lowRank()
        let s = l.singularValues.scalars(as: Double.self)
        #expect(s.count == 64)
        #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
        // Eckart–Young: the squared relative error of the best rank-k approximation is the share
        // of Σσ² carried by the singular values left out.
        let total = s.map { $0 * $0 }.reduce(0, +)
        for (k, error) in zip([1, 2, 5, 10, 20, 40, 64], l.relativeErrors) {
            let leftOut = s[k...].map { $0 * $0 }.reduce(0, +)
            #expect(abs(error * error - leftOut / total) < 1e-9)
        }
        #expect(zip(l.relativeErrors, l.relativeErrors.dropFirst()).allSatisfy { $0 > $1 })
        #expect(l.relativeErrors.last! < 1e-12)
    }
}
