import COpenBLAS

/// `Float` and `Double` with the LAPACK and BLAS routines that ``Linalg`` calls.
///
/// Thin typed wrappers over LAPACKE in row-major layout (and CBLAS `trsm`), so that every
/// kernel is written once, generically, and specialised for both element types. Each wrapper
/// returns LAPACK's `info`: 0 on success, `-i` when argument `i` was rejected (an engine bug,
/// see ``LAPACKInfo``), or a routine-specific positive value describing a failure in the data.
/// Leading dimensions are row strides, in elements.
protocol LAPACKScalar: FloatingPointElement {
    /// Solves `a·x = b` by LU with partial pivoting; `b` is overwritten by `x`.
    /// `info > 0`: `U[info−1, info−1]` is exactly zero (singular).
    static func gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                     pivots: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int32) -> Int32
    /// LU factorisation `a = P·L·U` in place; `pivots` are 1-based row interchanges.
    /// `info > 0`: a zero on the diagonal of U.
    static func getrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                      pivots: UnsafeMutablePointer<Int32>) -> Int32
    /// The inverse from the LU factors of ``getrf(m:n:a:lda:pivots:)``, in place.
    static func getri(n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, pivots: UnsafePointer<Int32>) -> Int32
    /// Cholesky factor in place, from and into the lower triangle (the upper one is not touched).
    /// `info > 0`: the leading minor of that order is not positive definite.
    static func potrfLower(n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32) -> Int32
    /// Householder QR in place: R above the diagonal, the reflectors below, scales in `tau`.
    static func geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                      tau: UnsafeMutablePointer<Self>) -> Int32
    /// Forms the first `n` columns of Q from `k` reflectors of ``geqrf(m:n:a:lda:tau:)``, in place.
    static func orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                      tau: UnsafePointer<Self>) -> Int32
    /// Singular value decomposition by divide and conquer. `jobz` is `A` (full U and Vᵀ),
    /// `S` (reduced) or `N` (values only). `a` is destroyed. `info > 0`: no convergence.
    static func gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                      s: UnsafeMutablePointer<Self>, u: UnsafeMutablePointer<Self>?, ldu: Int32,
                      vt: UnsafeMutablePointer<Self>?, ldvt: Int32) -> Int32
    /// Eigenvalues (ascending, into `w`) and eigenvectors (the columns of `a`, in place) of the
    /// symmetric matrix held in the lower triangle of `a`. `info > 0`: no convergence.
    static func syevdLower(n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, w: UnsafeMutablePointer<Self>) -> Int32
    /// Minimum-norm least squares by SVD: the first `n` rows of `b` (which has max(m, n) rows)
    /// receive the solution. Singular values below `rcond·s_max` count as zero.
    /// `info > 0`: the SVD did not converge.
    static func gelsd(m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
                      b: UnsafeMutablePointer<Self>, ldb: Int32, s: UnsafeMutablePointer<Self>, rcond: Self,
                      rank: UnsafeMutablePointer<Int32>) -> Int32
    /// Triangular solve (BLAS `trsm`, never fails): `b ← a⁻¹·b` when `left`, `b·a⁻¹` otherwise,
    /// reading only the `upper` or lower triangle of `a`, with ones assumed on its diagonal when
    /// `unitDiagonal`. `b` is `m × n`.
    static func trsm(left: Bool, upper: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
                     a: UnsafePointer<Self>, lda: Int32, b: UnsafeMutablePointer<Self>, ldb: Int32)
}

private let rowMajor = Int32(LAPACK_ROW_MAJOR)
private let lower = CChar(UInt8(ascii: "L"))
private let vectors = CChar(UInt8(ascii: "V"))

private func blasFlags(left: Bool, upper: Bool, unitDiagonal: Bool)
    -> (CBLAS_SIDE, CBLAS_UPLO, CBLAS_DIAG) {
    (left ? CblasLeft : CblasRight, upper ? CblasUpper : CblasLower, unitDiagonal ? CblasUnit : CblasNonUnit)
}

extension Float: LAPACKScalar {
    static func gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                     pivots: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Float>, ldb: Int32) -> Int32 {
        LAPACKE_sgesv(rowMajor, n, nrhs, a, lda, pivots, b, ldb)
    }
    static func getrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                      pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_sgetrf(rowMajor, m, n, a, lda, pivots)
    }
    static func getri(n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, pivots: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_sgetri(rowMajor, n, a, lda, pivots)
    }
    static func potrfLower(n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32) -> Int32 {
        LAPACKE_spotrf(rowMajor, lower, n, a, lda)
    }
    static func geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                      tau: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgeqrf(rowMajor, m, n, a, lda, tau)
    }
    static func orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                      tau: UnsafePointer<Float>) -> Int32 {
        LAPACKE_sorgqr(rowMajor, m, n, k, a, lda, tau)
    }
    static func gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                      s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>?, ldu: Int32,
                      vt: UnsafeMutablePointer<Float>?, ldvt: Int32) -> Int32 {
        LAPACKE_sgesdd(rowMajor, CChar(jobz), m, n, a, lda, s, u, ldu, vt, ldvt)
    }
    static func syevdLower(n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, w: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_ssyevd(rowMajor, vectors, lower, n, a, lda, w)
    }
    static func gelsd(m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
                      b: UnsafeMutablePointer<Float>, ldb: Int32, s: UnsafeMutablePointer<Float>, rcond: Float,
                      rank: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_sgelsd(rowMajor, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }
    static func trsm(left: Bool, upper: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
                     a: UnsafePointer<Float>, lda: Int32, b: UnsafeMutablePointer<Float>, ldb: Int32) {
        let (side, uplo, diag) = blasFlags(left: left, upper: upper, unitDiagonal: unitDiagonal)
        cblas_strsm(CblasRowMajor, side, uplo, CblasNoTrans, diag, m, n, 1, a, lda, b, ldb)
    }
}

extension Double: LAPACKScalar {
    static func gesv(n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                     pivots: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int32) -> Int32 {
        LAPACKE_dgesv(rowMajor, n, nrhs, a, lda, pivots, b, ldb)
    }
    static func getrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                      pivots: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_dgetrf(rowMajor, m, n, a, lda, pivots)
    }
    static func getri(n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, pivots: UnsafePointer<Int32>) -> Int32 {
        LAPACKE_dgetri(rowMajor, n, a, lda, pivots)
    }
    static func potrfLower(n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32) -> Int32 {
        LAPACKE_dpotrf(rowMajor, lower, n, a, lda)
    }
    static func geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                      tau: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgeqrf(rowMajor, m, n, a, lda, tau)
    }
    static func orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                      tau: UnsafePointer<Double>) -> Int32 {
        LAPACKE_dorgqr(rowMajor, m, n, k, a, lda, tau)
    }
    static func gesdd(jobz: UInt8, m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                      s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>?, ldu: Int32,
                      vt: UnsafeMutablePointer<Double>?, ldvt: Int32) -> Int32 {
        LAPACKE_dgesdd(rowMajor, CChar(jobz), m, n, a, lda, s, u, ldu, vt, ldvt)
    }
    static func syevdLower(n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, w: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dsyevd(rowMajor, vectors, lower, n, a, lda, w)
    }
    static func gelsd(m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
                      b: UnsafeMutablePointer<Double>, ldb: Int32, s: UnsafeMutablePointer<Double>, rcond: Double,
                      rank: UnsafeMutablePointer<Int32>) -> Int32 {
        LAPACKE_dgelsd(rowMajor, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }
    static func trsm(left: Bool, upper: Bool, unitDiagonal: Bool, m: Int32, n: Int32,
                     a: UnsafePointer<Double>, lda: Int32, b: UnsafeMutablePointer<Double>, ldb: Int32) {
        let (side, uplo, diag) = blasFlags(left: left, upper: upper, unitDiagonal: unitDiagonal)
        cblas_dtrsm(CblasRowMajor, side, uplo, CblasNoTrans, diag, m, n, 1, a, lda, b, ldb)
    }
}

/// Interpreting LAPACK's `info`.
enum LAPACKInfo {
    /// Traps when LAPACK rejected an argument (`info < 0`): the engine passed something wrong.
    /// Values never reach LAPACK with NaN in them, so LAPACKE's NaN check cannot trigger this.
    @inline(__always)
    static func checkArguments(_ info: Int32, _ routine: StaticString) {
        precondition(info >= 0, "\(routine): LAPACK rejected argument \(-info) (an engine bug)")
    }
}
