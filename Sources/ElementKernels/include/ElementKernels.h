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

/// One Adam/AdamW/AMSGrad step over n elements (PyTorch's update rule):
///   d = g + l2·p;  m = β1·m + (1−β1)·d;  v = β2·v + (1−β2)·d²;  vMax = max(vMax, v) if vMax
///   p = shrink·p − stepSize·m / (√(vMax or v) / rootCorrection2 + eps)
/// `vMax` may be NULL (no AMSGrad). `shrink` is 1 − lr·decay for AdamW, else 1; `l2` the
/// L2 decay for Adam, else 0.
void mlhub_f32_adam(float *p, const float *g, float *m, float *v, float *vMax, long n, float beta1, float beta2,
                    float eps, float stepSize, float rootCorrection2, float shrink, float l2);
void mlhub_f64_adam(double *p, const double *g, double *m, double *v, double *vMax, long n, double beta1,
                    double beta2, double eps, double stepSize, double rootCorrection2, double shrink, double l2);

/// sums[j] += Σ_r x[r·columns + j] (a bias's gradient from a row-major batch).
void mlhub_f32_add_rows(const float *x, float *sums, long rows, long columns);

/// One LSTM step's cell arithmetic over `rows` rows of `hidden` units, gates in PyTorch's order
/// i, f, g, o. From the pre-activations `pre` [rows, 4·hidden] and the previous `cell`
/// [rows, hidden]: `gates` = σ(i), σ(f), tanh(g), σ(o); `newCell` = σ(f)·c + σ(i)·tanh(g);
/// `squashed` = tanh(newCell); `newHidden` = σ(o)·squashed.
void mlhub_f32_lstm_cell_forward(const float *pre, float *gates, const float *cell, float *newCell, float *squashed,
                                 float *newHidden, long rows, long hidden);

/// The step's gradients, from the new hidden state's gradient `hiddenGradient` (plus
/// `outputGradient` where that is not NULL) and, in `cellGradient` on entry, the new cell
/// state's: writes ∂loss/∂pre-activations to `preactivationGradient` [rows, 4·hidden] and
/// leaves the previous cell state's gradient in `cellGradient`.
void mlhub_f32_lstm_cell_backward(const float *gates, const float *squashed, const float *cell,
                                  const float *hiddenGradient, const float *outputGradient, float *cellGradient,
                                  float *preactivationGradient, long rows, long hidden);

/// Layer normalisation of `rows` contiguous rows of `n` values:
///   y = (x − mean)·rstd·w + b,  mean and rstd = 1/√(biased variance + eps) per row (written out)
/// `w` and `b` may be NULL (no scale, no shift).
void mlhub_f32_layer_norm(const float *x, const float *w, const float *b, float *y, float *mean, float *rstd, long rows,
                          long n, float eps);
void mlhub_f64_layer_norm(const double *x, const double *w, const double *b, double *y, double *mean, double *rstd,
                          long rows, long n, double eps);

/// Its gradient from the output's gradient `g`, with the forward pass's `mean` and `rstd`:
///   dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = g·w and x̂ = (x − mean)·rstd;
///   dw += Σ_rows g·x̂;  db += Σ_rows g.
/// Any of `dx`, `dw`, `db` may be NULL (not wanted); `w` NULL means a scale of 1.
void mlhub_f32_layer_norm_backward(const float *g, const float *x, const float *w, const float *mean, const float *rstd,
                                   float *dx, float *dw, float *db, long rows, long n);
void mlhub_f64_layer_norm_backward(const double *g, const double *x, const double *w, const double *mean,
                                   const double *rstd, double *dx, double *dw, double *db, long rows, long n);

/// Softmax in place over `rows` contiguous rows of `n` scores, after adding `mask` (NULL for
/// none; row r's element j at `mask[r·maskRowStride + j·maskColumnStride]`). A row of −∞
/// becomes NaN. float32 uses a single-precision exponential (a few ulp).
void mlhub_f32_masked_softmax_rows(float *x, const float *mask, long maskRowStride, long maskColumnStride, long rows,
                                   long n);
void mlhub_f64_masked_softmax_rows(double *x, const double *mask, long maskRowStride, long maskColumnStride, long rows,
                                   long n);

/// Softmax's gradient over `rows` contiguous rows of `n`: with `p` the softmax rows and `g` the
/// gradient of the output, `out = p·(g − Σ_j p·g)` per row. `out` may be `g` itself.
void mlhub_f32_softmax_backward_rows(const float *p, const float *g, float *out, long rows, long n);
void mlhub_f64_softmax_backward_rows(const double *p, const double *g, double *out, long rows, long n);

#endif
