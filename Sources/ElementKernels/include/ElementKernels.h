#ifndef MLHUB_ELEMENT_KERNELS_H
#define MLHUB_ELEMENT_KERNELS_H

/// Contiguous float32 loops, compiled once per instruction set (AVX-512, AVX2 with FMA, and a
/// baseline) with `target_clones`; the dynamic loader picks the best clone the CPU supports
/// when the program starts. Swift code calls these for contiguous float32 operands and keeps
/// its own loops for every other layout and dtype.
///
/// Transcendentals are evaluated in double precision inside (range reduction and a degree-9
/// polynomial, relative error below 1e-11), so the float32 results are correctly rounded in
/// all but rare ties.

void mlhub_f32_exp(const float *x, float *y, long n);
void mlhub_f32_tanh(const float *x, float *y, long n);
void mlhub_f32_sigmoid(const float *x, float *y, long n);

/// out[i] = a[i] ∘ b[i]
void mlhub_f32_add(const float *a, const float *b, float *out, long n);
void mlhub_f32_subtract(const float *a, const float *b, float *out, long n);
void mlhub_f32_multiply(const float *a, const float *b, float *out, long n);
void mlhub_f32_divide(const float *a, const float *b, float *out, long n);

#endif
