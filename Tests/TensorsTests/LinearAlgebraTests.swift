import Testing
@testable import Tensors
import TestSupport

// MARK: helpers

private let reference = "linear_algebra_reference"

/// `x` with each column (last axis index) multiplied by ±1 to point the same way as the matching
/// column of `like`: singular vectors and eigenvectors are defined only up to sign.
private func alignColumns(_ x: Tensor, like target: Tensor) -> Tensor {
    x * (x * target).sum(axis: -2, keepDims: true).sign()
}

/// `x` with each row multiplied by ±1 to point the same way as the matching row of `like`.
private func alignRows(_ x: Tensor, like target: Tensor) -> Tensor {
    x * (x * target).sum(axis: -1, keepDims: true).sign()
}

/// `n·I` plus a sample: a well-conditioned matrix (stack).
private func wellConditioned(_ shape: [Int], seed: UInt64) -> Tensor {
    sample(shape, seed: seed) + Double(shape.last!) * Tensor.eye(shape.last!, dtype: .float64)
}

/// `x·xᵀ + n·I`, symmetric positive definite, built from differentiable operations.
private func positiveDefinite(_ x: Tensor) -> Tensor {
    x.matmul(x.transposed()) + Double(x.shape.last!) * Tensor.eye(x.shape.last!, dtype: x.dtype)
}

/// `Σ cᵢ·xᵢ` over several outputs, with fixed weights: a scalar that uses every output.
private func weightedSum(_ parts: [Tensor], seed: UInt64 = 11) -> Tensor {
    var total: Tensor?
    for (i, part) in parts.enumerated() {
        let term = (part * sample(part.shape, seed: seed + UInt64(i)).to(part.dtype)).sum()
        total = total.map { $0 + term } ?? term
    }
    return total!
}

/// Expects `body` to throw exactly `error`.
private func expectThrows(_ expected: TensorError, sourceLocation: SourceLocation = #_sourceLocation,
                          _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected), nothing was thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? TensorError == expected, sourceLocation: sourceLocation)
    }
}

// MARK: solving

@Suite("Linear algebra: solve, inv, det")
struct LinearAlgebraSolveTests {
    let f = ReferenceFixture.case("solve", in: reference)

    @Test func solveMatchesNumPyForMatricesVectorsAndBatches() throws {
        expectValues(try Linalg.solve(f["a"], f["b"]), like: f["x"], tolerance: 1e-10)
        expectValues(try Linalg.solve(f["a"], f["v"]), like: f["xv"], tolerance: 1e-10)
        expectValues(try Linalg.solve(f["a_batch"], f["b_batch"]), like: f["x_batch"], tolerance: 1e-10)
        // NumPy 2: a 1-D b is one vector for every matrix of the batch.
        expectValues(try Linalg.solve(f["a_batch"], f["v"]), like: f["xv_batch"], tolerance: 1e-10)
        // Batch axes broadcast: [3, 4, 4] with [2, 1, 4, 3], and one matrix with a batch of b.
        expectValues(try Linalg.solve(f["a_batch"], f["b_broadcast"]), like: f["x_broadcast"], tolerance: 1e-10)
        expectValues(try Linalg.solve(f["a"], f["b_batch"]), like: f["x_single_a"], tolerance: 1e-10)
    }

    @Test func solveAcceptsFloat32AndStridedInputs() throws {
        let x = try Linalg.solve(f["a"].to(.float32), f["b"].to(.float32))
        #expect(x.dtype == .float32)
        expectValues(x, like: f["x"], tolerance: 1e-4)
        // A transposed view is read as the transposed matrix.
        let at = f["a"].transposed()
        expectValues(try Linalg.solve(at, f["b"]), like: try Linalg.solve(at.contiguous(), f["b"]), tolerance: 1e-12)
    }

    @Test func solveGradientsForMatrixVectorAndBroadcastRightHandSides() {
        let a = wellConditioned([3, 3], seed: 1), b = sample([3, 2], seed: 2), v = sample([3], seed: 3)
        expectGradientsMatch([a, b]) { try! Linalg.solve($0[0], $0[1]) }
        expectGradientsMatch([a, v]) { try! Linalg.solve($0[0], $0[1]) }
        let batchA = wellConditioned([2, 3, 3], seed: 4), batchB = sample([2, 3, 2], seed: 5)
        expectGradientsMatch([batchA, batchB]) { try! Linalg.solve($0[0], $0[1]) }
        // One matrix for a batch of right-hand sides: a's gradient is summed over the batch.
        expectGradientsMatch([a, batchB]) { try! Linalg.solve($0[0], $0[1]) }
        expectGradientsMatch([batchA, v]) { try! Linalg.solve($0[0], $0[1]) }
    }

    @Test func singularSystemsThrow() {
        let singular = Tensor([[1.0, 2.0], [2.0, 4.0]])
        expectThrows(.singularMatrix(operation: "solve")) { _ = try Linalg.solve(singular, Tensor([1.0, 1.0])) }
        expectThrows(.singularMatrix(operation: "inv")) { _ = try Linalg.inv(singular) }
        // One singular matrix in a batch is enough.
        let batch = Tensor([[[2.0, 0.0], [0.0, 2.0]], [[1.0, 2.0], [2.0, 4.0]]])
        expectThrows(.singularMatrix(operation: "inv")) { _ = try Linalg.inv(batch) }
        #expect(throws: TensorError.singularMatrix(operation: "solve")) {
            try Linalg.solve(singular.to(.float32), Tensor([[1.0], [1.0]], dtype: .float32))
        }
    }

    @Test func nonFiniteInputsGiveNaNWithoutThrowing() throws {
        let a = Tensor([[Double.nan, 1.0], [1.0, 2.0]])
        #expect(try Linalg.solve(a, Tensor([1.0, 2.0])).scalars(as: Double.self).allSatisfy(\.isNaN))
        #expect(try Linalg.inv(a).scalars(as: Double.self).allSatisfy(\.isNaN))
        #expect(Linalg.det(a).item().isNaN)
        #expect(try Linalg.cholesky(a).scalars(as: Double.self).allSatisfy(\.isNaN))
    }

    @Test func triangularSolvesMatchNumPy() {
        let t = ReferenceFixture.case("solve_triangular", in: reference)
        let a = t["a"], b = t["b"], right = t["b_right"]
        expectValues(Linalg.solveTriangular(a, b, upper: false), like: t["lower_left"], tolerance: 1e-10)
        expectValues(Linalg.solveTriangular(a, b, upper: true), like: t["upper_left"], tolerance: 1e-10)
        expectValues(Linalg.solveTriangular(a, b, upper: false, unitDiagonal: true), like: t["unit_lower_left"],
                     tolerance: 1e-10)
        expectValues(Linalg.solveTriangular(a, right, upper: false, left: false), like: t["lower_right"], tolerance: 1e-10)
        expectValues(Linalg.solveTriangular(a, right, upper: true, left: false), like: t["upper_right"], tolerance: 1e-10)
        let single = Linalg.solveTriangular(a.to(.float32), b.to(.float32), upper: true)
        #expect(single.dtype == .float32)
        expectValues(single, like: t["upper_left"], tolerance: 1e-4)
    }

    @Test func triangularSolveGradientsStayInTheTriangle() {
        let a = wellConditioned([3, 3], seed: 6), b = sample([3, 2], seed: 7), right = sample([2, 3], seed: 8)
        for upper in [false, true] {
            for unit in [false, true] {
                expectGradientsMatch([a, b]) { Linalg.solveTriangular($0[0], $0[1], upper: upper, unitDiagonal: unit) }
                expectGradientsMatch([a, right]) {
                    Linalg.solveTriangular($0[0], $0[1], upper: upper, left: false, unitDiagonal: unit)
                }
            }
        }
        let leaf = a.detached().requiringGrad()
        Linalg.solveTriangular(leaf, b, upper: false).sum().backward()
        expectValues(leaf.grad!.triu(1), [Double](repeating: 0, count: 9))
    }

    @Test func inverseMatchesNumPyAndDifferentiates() throws {
        let i = ReferenceFixture.case("inv", in: reference)
        expectValues(try Linalg.inv(i["a"]), like: i["inv"], tolerance: 1e-10)
        expectValues(try Linalg.inv(i["a_batch"]), like: i["inv_batch"], tolerance: 1e-10)
        let single = try Linalg.inv(i["a_batch"].to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: i["inv_batch"], tolerance: 1e-4)
        expectGradientsMatch([wellConditioned([3, 3], seed: 9)]) { try! Linalg.inv($0[0]) }
        expectGradientsMatch([wellConditioned([2, 3, 3], seed: 10)]) { try! Linalg.inv($0[0]) }
    }

    @Test func determinantsMatchNumPyIncludingASingularMatrix() {
        let d = ReferenceFixture.case("det", in: reference)
        let det = Linalg.det(d["a"])
        #expect(det.shape == [3])
        expectValues(det, like: d["det"], tolerance: 1e-10)
        #expect(det.scalars(as: Double.self)[1] == 0)
        let (sign, logAbsDet) = Linalg.slogdet(d["a"])
        expectValues(sign, like: d["sign"], tolerance: 0)
        let logs = logAbsDet.scalars(as: Double.self)
        expectValues(Tensor([logs[0], logs[2]]), like: d["logabsdet_nonsingular"], tolerance: 1e-10)
        #expect(logs[1] == -.infinity)
        let two = Linalg.det(Tensor([[1.0, 2.0], [3.0, 4.0]]))
        #expect(two.shape == [])
        expectValues(two, [-2], tolerance: 1e-12)
        let single = Linalg.det(d["a"].to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: d["det"], tolerance: 1e-4)
        // The empty product: the determinant of a 0×0 matrix is 1.
        #expect(Linalg.det(Tensor.zeros([0, 0], dtype: .float64)).item() == 1)
    }

    @Test func determinantGradients() {
        let a = sample([3, 3], seed: 12) + Tensor.eye(3, dtype: .float64)
        expectGradientsMatch([a]) { Linalg.det($0[0]) }
        expectGradientsMatch([wellConditioned([2, 3, 3], seed: 13)]) { Linalg.det($0[0]) }
        expectGradientsMatch([a]) { Linalg.slogdet($0[0]).logAbsDet }
        expectGradientsMatch([-wellConditioned([2, 3, 3], seed: 14)]) { Linalg.slogdet($0[0]).logAbsDet }
        #expect(!Linalg.slogdet(a.requiringGrad()).sign.requiresGrad)
    }
}

// MARK: decompositions

@Suite("Linear algebra: decompositions")
struct LinearAlgebraDecompositionTests {
    @Test func choleskyMatchesNumPyForOneMatrixAndABatch() throws {
        let c = ReferenceFixture.case("cholesky", in: reference)
        let l = try Linalg.cholesky(c["a"])
        expectValues(l, like: c["l"], tolerance: 1e-10)
        expectValues(l.matmul(l.transposed()), like: c["a"], tolerance: 1e-10)
        expectValues(try Linalg.cholesky(c["a_batch"]), like: c["l_batch"], tolerance: 1e-10)
        let single = try Linalg.cholesky(c["a_batch"].to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: c["l_batch"], tolerance: 1e-4)
        // Only the lower triangle is read.
        expectValues(try Linalg.cholesky(c["a"].tril()), like: c["l"], tolerance: 1e-10)
    }

    @Test func choleskyOfANonPositiveDefiniteMatrixThrows() {
        expectThrows(.notPositiveDefinite(operation: "cholesky")) {
            _ = try Linalg.cholesky(Tensor([[1.0, 2.0], [2.0, 1.0]]))
        }
        #expect(throws: TensorError.notPositiveDefinite(operation: "cholesky")) {
            try Linalg.cholesky(Tensor([[[4.0, 0.0], [0.0, 1.0]], [[-1.0, 0.0], [0.0, 1.0]]], dtype: .float32))
        }
    }

    @Test func choleskyGradientThroughASymmetrisedInput() {
        expectGradientsMatch([sample([4, 4], seed: 20)]) { try! Linalg.cholesky(positiveDefinite($0[0])) }
        expectGradientsMatch([sample([2, 3, 3], seed: 21)]) { try! Linalg.cholesky(positiveDefinite($0[0])) }
        // The rule returns the symmetric gradient.
        let a = positiveDefinite(sample([3, 3], seed: 22)).detached().requiringGrad()
        weightedSum([try! Linalg.cholesky(a)]).backward()
        expectValues(a.grad!, like: a.grad!.transposed(), tolerance: 1e-12)
    }

    @Test func qrMatchesNumPyUpToSigns() {
        let q = ReferenceFixture.case("qr", in: reference)
        for (name, qName, rName) in [("tall", "q_tall", "r_tall"), ("wide", "q_wide", "r_wide"), ("batch", "q_batch", "r_batch")] {
            let a = q[name]
            let (qf, rf) = Linalg.qr(a)
            #expect(qf.shape == q[qName].shape && rf.shape == q[rName].shape)
            expectValues(alignColumns(qf, like: q[qName]), like: q[qName], tolerance: 1e-10)
            expectValues(alignRows(rf, like: q[rName]), like: q[rName], tolerance: 1e-10)
            expectValues(qf.matmul(rf), like: a, tolerance: 1e-10)
            let k = qf.shape.last!
            expectValues(qf.transposed().matmul(qf), like: Tensor.eye(k, dtype: .float64).expanded(to: rf.shape.dropLast() + [k]),
                         tolerance: 1e-10)
            expectValues(rf, like: rf.triu(), tolerance: 0)
        }
        let (q32, r32) = Linalg.qr(q["tall"].to(.float32))
        #expect(q32.dtype == .float32 && r32.dtype == .float32)
        expectValues(q32.matmul(r32), like: q["tall"], tolerance: 1e-5)
    }

    @Test func qrGradientsThroughEitherOutputOrBoth() {
        for shape in [[5, 3], [3, 3], [3, 5], [2, 4, 3]] {
            let a = sample(shape, seed: 23)
            expectGradientsMatch([a]) { Linalg.qr($0[0]).q }
            expectGradientsMatch([a]) { Linalg.qr($0[0]).r }
            expectGradientsMatch([a]) { let (q, r) = Linalg.qr($0[0]); return weightedSum([q, r]) }
        }
    }

    @Test func svdMatchesNumPyUpToSigns() throws {
        let s = ReferenceFixture.case("svd", in: reference)
        for (name, suffix, full) in [("tall", "tall", false), ("wide", "wide", false), ("tall", "full", true),
                                     ("batch", "batch", false)] {
            let (u, sv, vt) = try Linalg.svd(s[name], fullMatrices: full)
            expectValues(sv, like: s["s_" + suffix], tolerance: 1e-10)
            // The extra columns of a full u span the complement in a way LAPACK chooses: compare the
            // first k, whose signs are LAPACK's choice too.
            let k = sv.shape.last!, m = u.shape[u.rank - 2]
            let uk = u.matrixBlock(rows: 0..<m, columns: 0..<k)
            let numpyUk = s["u_" + suffix].matrixBlock(rows: 0..<m, columns: 0..<k)
            expectValues(alignColumns(uk, like: numpyUk), like: numpyUk, tolerance: 1e-10)
            expectValues(alignRows(vt, like: s["vt_" + suffix]), like: s["vt_" + suffix], tolerance: 1e-10)
            let vtk = vt.matrixBlock(rows: 0..<k, columns: 0..<vt.shape.last!)
            expectValues(uk.matmul(Tensor.diagonalMatrix(sv)).matmul(vtk), like: s[name], tolerance: 1e-10)
        }
        let (u, _, vt) = try Linalg.svd(s["tall"], fullMatrices: true)
        #expect(u.shape == [5, 5] && vt.shape == [3, 3])
        expectValues(u.transposed().matmul(u), like: Tensor.eye(5, dtype: .float64), tolerance: 1e-10)
        let wideVt = try Linalg.svd(s["wide"], fullMatrices: true).vt
        #expect(wideVt.shape == [5, 5])
        expectValues(wideVt.matmul(wideVt.transposed()), like: Tensor.eye(5, dtype: .float64), tolerance: 1e-10)
        expectValues(try Linalg.svdvals(s["batch"]), like: s["s_batch"], tolerance: 1e-10)
        let single = try Linalg.svd(s["wide"].to(.float32))
        #expect(single.u.dtype == .float32 && single.s.dtype == .float32 && single.vt.dtype == .float32)
        expectValues(single.s, like: s["s_wide"], tolerance: 1e-5)
    }

    @Test func svdGradientsForSignInvariantFunctions() {
        for shape in [[4, 3], [3, 3], [3, 5], [2, 3, 2]] {
            let a = sample(shape, seed: 24)
            expectGradientsMatch([a]) { try! Linalg.svd($0[0]).s }
            expectGradientsMatch([a]) { let u = try! Linalg.svd($0[0]).u; return u * u }
            expectGradientsMatch([a]) { let vt = try! Linalg.svd($0[0]).vt; return vt * vt }
            expectGradientsMatch([a]) { let r = try! Linalg.svd($0[0]); return r.u.matmul(r.vt) }
            expectGradientsMatch([a]) {
                let r = try! Linalg.svd($0[0])
                return weightedSum([r.u * r.u, r.s, r.vt * r.vt])
            }
            expectGradientsMatch([a]) { try! Linalg.svdvals($0[0]) }
        }
        // Square full matrices have no extra vectors, so every output carries a gradient.
        expectGradientsMatch([sample([3, 3], seed: 25)]) {
            let r = try! Linalg.svd($0[0], fullMatrices: true)
            return weightedSum([r.u * r.u, r.s, r.vt * r.vt])
        }
        // With fullMatrices and m ≠ n, the unique parts still differentiate.
        expectGradientsMatch([sample([4, 2], seed: 26)]) { try! Linalg.svd($0[0], fullMatrices: true).s }
    }

    @Test func singularValuesAloneDifferentiateEvenWhenRepeated() {
        let a = Tensor.eye(3, dtype: .float64).requiringGrad()
        try! Linalg.svd(a).s.sum().backward()
        expectValues(a.grad!, like: Tensor.eye(3, dtype: .float64), tolerance: 1e-12)
    }

    @Test func eighMatchesNumPyUpToSigns() throws {
        let e = ReferenceFixture.case("eigh", in: reference)
        let (w, v) = try Linalg.eigh(e["a"])
        expectValues(w, like: e["w"], tolerance: 1e-10)
        expectValues(alignColumns(v, like: e["v"]), like: e["v"], tolerance: 1e-10)
        expectValues(v.matmul(Tensor.diagonalMatrix(w)).matmul(v.transposed()), like: e["a"], tolerance: 1e-10)
        // Only the lower triangle is read.
        expectValues(try Linalg.eigh(e["lower_only"]).eigenvalues, like: e["w"], tolerance: 1e-10)
        let batch = try Linalg.eigh(e["a_batch"])
        expectValues(batch.eigenvalues, like: e["w_batch"], tolerance: 1e-10)
        expectValues(alignColumns(batch.eigenvectors, like: e["v_batch"]), like: e["v_batch"], tolerance: 1e-10)
        let single = try Linalg.eigh(e["a"].to(.float32))
        #expect(single.eigenvalues.dtype == .float32 && single.eigenvectors.dtype == .float32)
        expectValues(single.eigenvalues, like: e["w"], tolerance: 1e-5)
    }

    @Test func eighGradientsThroughASymmetrisedInput() {
        func symmetric(_ x: Tensor) -> Tensor { x + x.transposed() }
        for shape in [[4, 4], [2, 3, 3]] {
            let x = sample(shape, seed: 27)
            expectGradientsMatch([x]) { try! Linalg.eigh(symmetric($0[0])).eigenvalues }
            expectGradientsMatch([x]) { let v = try! Linalg.eigh(symmetric($0[0])).eigenvectors; return v * v }
            expectGradientsMatch([x]) {
                let (w, v) = try! Linalg.eigh(symmetric($0[0]))
                return weightedSum([w, v * v])
            }
        }
        // Repeated eigenvalues: the eigenvalues alone still have a gradient (d trace / dA = I).
        let a = Tensor.eye(3, dtype: .float64).requiringGrad()
        try! Linalg.eigh(a).eigenvalues.sum().backward()
        expectValues(a.grad!, like: Tensor.eye(3, dtype: .float64), tolerance: 1e-12)
    }

    @Test func leastSquaresMatchesNumPy() throws {
        let l = ReferenceFixture.case("lstsq", in: reference)
        expectValues(try Linalg.lstsq(l["over"], l["over_b"]), like: l["over_x"], tolerance: 1e-10)
        expectValues(try Linalg.lstsq(l["over"], l["over_v"]), like: l["over_xv"], tolerance: 1e-10)
        expectValues(try Linalg.lstsq(l["under"], l["under_b"]), like: l["under_x"], tolerance: 1e-10)
        expectValues(try Linalg.lstsq(l["deficient"], l["deficient_b"]), like: l["deficient_x"], tolerance: 1e-8)
        let single = try Linalg.lstsq(l["over"].to(.float32), l["over_b"].to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: l["over_x"], tolerance: 1e-4)
    }

    @Test func leastSquaresGradientsForFullRank() {
        let over = sample([5, 3], seed: 28), overB = sample([5, 2], seed: 29), overV = sample([5], seed: 30)
        expectGradientsMatch([over, overB]) { try! Linalg.lstsq($0[0], $0[1]) }
        expectGradientsMatch([over, overV]) { try! Linalg.lstsq($0[0], $0[1]) }
        let square = wellConditioned([3, 3], seed: 31)
        expectGradientsMatch([square, sample([3, 2], seed: 34)]) {
            try! Linalg.lstsq($0[0], $0[1])
        }
        let under = sample([2, 4], seed: 32), underB = sample([2, 3], seed: 33)
        expectGradientsMatch([under, underB]) { try! Linalg.lstsq($0[0], $0[1]) }
    }
}

// MARK: norms

@Suite("Linear algebra: norms")
struct LinearAlgebraNormTests {
    let v = ReferenceFixture.case("vector_norm", in: reference)

    @Test func vectorNormsMatchNumPyForEveryOrder() {
        let x = v["x"]
        for (name, ord) in [("2", 2.0), ("1", 1), ("3", 3), ("half", 0.5), ("inf", .infinity), ("neginf", -.infinity), ("0", 0)] {
            expectValues(Linalg.vectorNorm(x, ord: ord), like: v["all_" + name], tolerance: 1e-12)
            expectValues(Linalg.vectorNorm(x, ord: ord, axes: [1]), like: v["axis1_" + name], tolerance: 1e-12)
            expectValues(Linalg.vectorNorm(x, ord: ord, axes: [-2]), like: v["axis0_" + name], tolerance: 1e-12)
        }
        #expect(Linalg.vectorNorm(x, axes: [1], keepDims: true).shape == [3, 1])
        #expect(Linalg.vectorNorm(x, keepDims: true).shape == [1, 1])
        let single = Linalg.vectorNorm(x.to(.float32), ord: 3, axes: [1])
        #expect(single.dtype == .float32)
        expectValues(single, like: v["axis1_3"], tolerance: 1e-5)
    }

    @Test func vectorNormsDoNotOverflowOrUnderflow() {
        expectValues(Linalg.vectorNorm(Tensor([3e200, 4e200])), [5e200], tolerance: 1e-12)
        expectValues(Linalg.vectorNorm(Tensor([3e-200, 4e-200])), [5e-200], tolerance: 1e-12)
        expectValues(Linalg.vectorNorm(Tensor([3e30, 4e30], dtype: .float32)), [5e30], tolerance: 1e-6)
        #expect(Linalg.vectorNorm(Tensor([1.0, .infinity])).item() == .infinity)
        #expect(Linalg.vectorNorm(Tensor([1.0, .nan]), ord: 3).item().isNaN)
        #expect(Linalg.vectorNorm(Tensor.zeros([0], dtype: .float64)).item() == 0)
    }

    @Test func vectorNormGradients() {
        let x = v["x"]
        for ord in [2.0, 1, 3, 1.5, 0.5, .infinity, -.infinity] {
            expectGradientsMatch([x]) { Linalg.vectorNorm($0[0], ord: ord) }
            expectGradientsMatch([x]) { Linalg.vectorNorm($0[0], ord: ord, axes: [1], keepDims: true) }
        }
        // At the zero vector the gradient is 0, not NaN.
        for ord in [2.0, 3, 0.5] {
            let zero = Tensor.zeros([3], dtype: .float64).requiringGrad()
            Linalg.vectorNorm(zero, ord: ord).backward()
            expectValues(zero.grad!, [0, 0, 0])
        }
        #expect(!Linalg.vectorNorm(x.requiringGrad(), ord: 0).requiresGrad)
    }

    @Test func matrixNormsMatchNumPyAndDifferentiate() {
        let m = ReferenceFixture.case("matrix_norm", in: reference)
        let x = m["x"]
        let orders: [(String, MatrixNormOrder)] = [("frobenius", .frobenius), ("nuclear", .nuclear), ("spectral", .spectral),
                                                   ("one", .one), ("infinity", .infinity)]
        for (name, ord) in orders {
            expectValues(Linalg.matrixNorm(x, ord: ord), like: m[name], tolerance: 1e-10)
            #expect(Linalg.matrixNorm(x, ord: ord, keepDims: true).shape == [2, 1, 1])
            let single = Linalg.matrixNorm(x.to(.float32), ord: ord)
            #expect(single.dtype == .float32)
            expectValues(single, like: m[name], tolerance: 1e-5)
            expectGradientsMatch([x]) { Linalg.matrixNorm($0[0], ord: ord) }
        }
        #expect(Linalg.matrixNorm(Tensor([[1.0, .nan], [0.0, 1.0]]), ord: .spectral).item().isNaN)
    }
}

// MARK: higher-order gradients

/// Checks a gradient rule under `backward(createGraph: true)`: the Hessian-vector product from
/// differentiating `⟨∇L, w⟩` must match central differences of `∇L` along `w`, for
/// `L = Σ cᵢ·f(x)ᵢ` with fixed weights `c`.
private func expectSecondOrderMatches(_ x: Tensor, tolerance: Double = 1e-6,
                                      sourceLocation: SourceLocation = #_sourceLocation, _ f: (Tensor) -> Tensor) {
    let w = sample(x.shape, seed: 98)
    func gradient(at point: Tensor, createGraph: Bool) -> (leaf: Tensor, grad: Tensor) {
        let leaf = point.detached().clone().requiringGrad()
        let y = f(leaf)
        (y * sample(y.shape, seed: 97)).sum().backward(createGraph: createGraph)
        return (leaf, leaf.grad!)
    }
    let (leaf, g) = gradient(at: x, createGraph: true)
    #expect(g.requiresGrad, "the gradient was not recorded", sourceLocation: sourceLocation)
    leaf.zeroGrad()
    (g * w).sum().backward()
    let epsilon = 1e-5
    let plus = gradient(at: x + epsilon * w, createGraph: false).grad
    let minus = gradient(at: x - epsilon * w, createGraph: false).grad
    expectValues(leaf.grad!, like: (plus - minus) / (2 * epsilon), tolerance: tolerance, sourceLocation: sourceLocation)
}

@Suite("Linear algebra: second derivatives")
struct LinearAlgebraSecondOrderTests {
    @Test func gradientRulesDifferentiateAgain() {
        let a = wellConditioned([3, 3], seed: 40), b = sample([3, 2], seed: 41), x = sample([3, 3], seed: 42)
        expectSecondOrderMatches(a) { try! Linalg.solve($0, b) }
        expectSecondOrderMatches(b) { try! Linalg.solve(a, $0 * $0) }
        expectSecondOrderMatches(a) { try! Linalg.inv($0) }
        expectSecondOrderMatches(a) { Linalg.det($0) }
        expectSecondOrderMatches(a) { Linalg.slogdet($0).logAbsDet }
        expectSecondOrderMatches(a) { Linalg.solveTriangular($0, b, upper: true) }
        expectSecondOrderMatches(x) { try! Linalg.cholesky(positiveDefinite($0)) }
        expectSecondOrderMatches(x) { Linalg.qr($0).r }
        expectSecondOrderMatches(sample([4, 3], seed: 43)) { let (q, r) = Linalg.qr($0); return weightedSum([q, r]) }
        expectSecondOrderMatches(x) { let r = try! Linalg.svd($0); return weightedSum([r.u * r.u, r.s]) }
        expectSecondOrderMatches(x) {
            let r = try! Linalg.eigh($0 + $0.transposed())
            return weightedSum([r.eigenvalues, r.eigenvectors * r.eigenvectors])
        }
        let rhs = sample([5], seed: 46)
        expectSecondOrderMatches(sample([5, 3], seed: 44)) { try! Linalg.lstsq($0, rhs) }
        let wideRHS = sample([2, 2], seed: 48)
        expectSecondOrderMatches(sample([2, 4], seed: 47)) { try! Linalg.lstsq($0, wideRHS) }
        expectSecondOrderMatches(x) { Linalg.vectorNorm($0, ord: 3, axes: [1]) }
        expectSecondOrderMatches(x) { Linalg.matrixNorm($0, ord: .nuclear) }
        expectSecondOrderMatches(sample([2, 3, 4], seed: 45)) { $0.diagonal(offset: 1) * $0.tril().trace().unsqueezed(axis: -1) }
    }
}

// MARK: gradients in float32 and for partial inputs

@Suite("Linear algebra: gradient plumbing")
struct LinearAlgebraGradientPlumbingTests {
    /// Runs `f` backward on float32 and float64 copies of `x` and expects matching gradients.
    private func expectFloat32GradientMatches(_ x: Tensor, sourceLocation: SourceLocation = #_sourceLocation,
                                              _ f: (Tensor) -> Tensor) {
        var grads: [Tensor] = []
        for dtype in [DType.float32, .float64] {
            let leaf = x.detached().to(dtype).requiringGrad()
            let y = f(leaf)
            (y * sample(y.shape, seed: 50).to(dtype)).sum().backward()
            #expect(leaf.grad?.dtype == dtype, sourceLocation: sourceLocation)
            grads.append(leaf.grad!)
        }
        expectValues(grads[0], like: grads[1], tolerance: 1e-3, sourceLocation: sourceLocation)
    }

    @Test func float32InputsGetFloat32Gradients() {
        let a = wellConditioned([3, 3], seed: 51), x = sample([4, 3], seed: 52), b = sample([3, 2], seed: 53)
        expectFloat32GradientMatches(a) { try! Linalg.solve($0, b.to($0.dtype)) }
        expectFloat32GradientMatches(a) { try! Linalg.inv($0) }
        expectFloat32GradientMatches(a) { Linalg.det($0) }
        expectFloat32GradientMatches(a) { Linalg.slogdet($0).logAbsDet }
        expectFloat32GradientMatches(a) { Linalg.solveTriangular($0, b.to($0.dtype), upper: false) }
        expectFloat32GradientMatches(a) { try! Linalg.cholesky(positiveDefinite($0)) }
        expectFloat32GradientMatches(x) { let (q, r) = Linalg.qr($0); return weightedSum([q, r]) }
        expectFloat32GradientMatches(x) { let r = try! Linalg.svd($0); return weightedSum([r.u * r.u, r.s, r.vt * r.vt]) }
        expectFloat32GradientMatches(a) {
            let r = try! Linalg.eigh($0 + $0.transposed())
            return weightedSum([r.eigenvalues, r.eigenvectors * r.eigenvectors])
        }
        expectFloat32GradientMatches(x) { try! Linalg.lstsq($0, sample([4], seed: 54).to($0.dtype)) }
        expectFloat32GradientMatches(x) { Linalg.vectorNorm($0, ord: 3, axes: [0]) }
        for ord in MatrixNormOrder.allCases {
            expectFloat32GradientMatches(x) { Linalg.matrixNorm($0, ord: ord) }
        }
        expectFloat32GradientMatches(x) { Tensor.diagonalMatrix($0.diagonal()).triu().trace() }
    }

    @Test func onlyInputsThatRequireGradientsGetThem() throws {
        let a = wellConditioned([3, 3], seed: 55)
        let b = sample([3, 2], seed: 56).requiringGrad()
        try Linalg.solve(a, b).sum().backward()
        #expect(a.grad == nil)
        expectValues(b.grad!, like: try Linalg.solve(a.transposed(), Tensor.ones([3, 2], dtype: .float64)), tolerance: 1e-12)
        let c = sample([3, 2], seed: 57).requiringGrad()
        try Linalg.lstsq(a, c).sum().backward()
        #expect(a.grad == nil)
        #expect(c.grad?.shape == [3, 2])
    }

    @Test func unusedOutputsOfADecompositionNeedNoGradient() throws {
        // Only q is used: r's part of the packed gradient is zero and is skipped.
        let a = sample([4, 3], seed: 58).requiringGrad()
        Linalg.qr(a).q.sum().backward()
        #expect(a.grad!.scalars(as: Double.self).allSatisfy { $0.isFinite })
        // Without recording, no graph is built and the outputs are plain views.
        let plain = try Linalg.svd(sample([3, 3], seed: 59))
        #expect(!plain.u.requiresGrad && !plain.s.requiresGrad && !plain.vt.requiresGrad)
        #expect(plain.u.sharesStorage(with: plain.s))
    }
}
