#ifndef MLHUB_SMALL_GEMM_H
#define MLHUB_SMALL_GEMM_H

/// float32 products of a few rows by a matrix that stays the same across many calls: an
/// LSTM's per-step `h · W_hhᵀ` (32×128 · 128×512 in the benchmark) and its gradient.
///
/// A BLAS call packs both operands every time and, for a product this small, spends much of
/// its time doing so or handing work to its threads. Here the fixed operand is packed once
/// (`mlhub_sgemm_pack`), and each product runs a register-blocked kernel (8 rows by 32 columns
/// of accumulators) over it. With `threads` ≥ 2 the column panels are split with one helper
/// thread that spins briefly between products (about 0.1 ms) and then sleeps, so back-to-back
/// steps hand over in well under a microsecond. One caller uses the helper at a time; another
/// caller meanwhile runs its product alone.

/// Floats needed to pack a `k × n` operand (`n` rounded up to whole 32-column panels).
long mlhub_sgemm_packed_count(long k, long n);

/// Packs the right operand `B` (`k × n`) of `C = A·B`: from a row-major `[k, n]` matrix
/// (`transposed` 0, row stride `ldb`), or from a row-major `[n, k]` matrix `W` with `B = Wᵀ`
/// (`transposed` 1, row stride `ldb`). `packed` holds `mlhub_sgemm_packed_count(k, n)` floats.
void mlhub_sgemm_pack(const float *b, long ldb, int transposed, long k, long n, float *packed);

/// `C = A·B` (or `C += A·B` when `accumulate`): `A` row-major `[m, k]` (row stride `lda`), `B`
/// packed, `C` row-major `[m, n]` (row stride `ldc`). `threads` ≥ 2 allows the helper thread.
void mlhub_sgemm_packed(const float *a, long lda, const float *packed, long m, long n, long k, float *c, long ldc,
                        int accumulate, int threads);

#endif
