// Vectorisable float32 loops; see include/ElementKernels.h.

#include "ElementKernels.h"

#include <stdint.h>
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

// e^x for x in about [-708, 709] (callers clamp): x = n·ln2 + r with |r| ≤ ln2/2, ln2 split in
// a high part with 21 trailing zero bits (so n·hi is exact) and a low correction; e^r by a
// degree-9 Taylor polynomial; 2^n assembled in the exponent bits.
static inline double exp_core(double x) {
    const double shift = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer
    double shifted = x * 1.4426950408889634 + shift;
    double n = shifted - shift;
    double r = (x - n * 0.6931471803691238) - n * 1.9082149292705877e-10;
    double p = 1.0 / 362880;
    p = p * r + 1.0 / 40320;
    p = p * r + 1.0 / 5040;
    p = p * r + 1.0 / 720;
    p = p * r + 1.0 / 120;
    p = p * r + 1.0 / 24;
    p = p * r + 1.0 / 6;
    p = p * r + 0.5;
    p = p * r + 1;
    p = p * r + 1;
    int64_t k, s;
    memcpy(&k, &shifted, sizeof k);
    memcpy(&s, &shift, sizeof s);
    uint64_t bits = (uint64_t)(k - s + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

CLONES void mlhub_f32_exp(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) {
        double d = x[i];
        // Outside [-104, 89] the float result is 0 or +inf; NaN passes through the arithmetic.
        d = d < -104 ? -104 : (d > 89 ? 89 : d);
        y[i] = (float)exp_core(d);
    }
}

static inline float tanh_value(float x) {
    double d = x;
    double a = d < 0 ? -d : d;
    double e = exp_core(2 * (a > 20 ? 20 : a));
    double large = 1 - 2 / (e + 1);
    // Near 0 the subtraction loses relative accuracy; the series does not.
    double small = a - a * a * a / 3;
    double t = a < 1e-4 ? small : large;
    return (float)(d < 0 ? -t : t);
}

static inline float sigmoid_value(float x) {
    double d = -(double)x;
    double e = exp_core(d < -708 ? -708 : (d > 709 ? 709 : d));
    return (float)(1 / (1 + e));
}

// Single-precision versions for hot loops that can give up the last bits (the LSTM cell, which
// runs five per unit per time step): a few units in the last place instead of correctly rounded,
// and four times the speed (twice the lanes and a shorter polynomial).

// (e^r − 1) / r = 1 + r/2 + r²/6 + … for |r| ≤ ln2/2, by the degree-7 Taylor polynomial of e^r
// (truncation below 6e-9 relative). Times r it is e^r − 1 with its relative accuracy near 0.
static inline float expm1f_over_r(float r) {
    float p = 1.0f / 5040;
    p = p * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    return p * r + 1;
}

// e^x for x in [-87, 88] (callers clamp): x = n·ln2 + r, |r| ≤ ln2/2, ln2 split into a high
// part with 8 trailing zero bits and a low correction; e^r = 1 + r·(e^r − 1)/r; 2^n assembled
// in the exponent bits.
static inline float expf_core(float x) {
    const float shift = 12582912.0f;  // 1.5·2^23: adding it rounds to an integer
    float shifted = x * 1.44269504088896341f + shift;
    float n = shifted - shift;
    float r = (x - n * 0.693145751953125f) - n * 1.42860682030941723e-6f;
    float p = expm1f_over_r(r) * r + 1;
    int32_t k, s;
    memcpy(&k, &shifted, sizeof k);
    memcpy(&s, &shift, sizeof s);
    uint32_t bits = (uint32_t)(k - s + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

static inline float sigmoid_fast(float x) {
    float d = -x;
    return 1 / (1 + expf_core(d < -87 ? -87 : (d > 88 ? 88 : d)));
}

// tanh|x| = m / (m + 2) with m = e^{2|x|} − 1. For 2|x| ≤ ln2/2 m comes from the series itself
// (no cancellation near 0), above from e^{2|x|} − 1 ≥ 0.41.
static inline float tanh_fast(float x) {
    float a = x < 0 ? -x : x;
    float y = 2 * (a > 10 ? 10 : a);
    float m = y <= 0.34657359f ? expm1f_over_r(y) * y : expf_core(y) - 1;
    float t = m / (m + 2);
    return x < 0 ? -t : t;
}

CLONES void mlhub_f32_tanh(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) y[i] = tanh_value(x[i]);
}

CLONES void mlhub_f32_sigmoid(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) y[i] = sigmoid_value(x[i]);
}

CLONES void mlhub_f32_add(const float *restrict a, const float *restrict b, float *restrict out, long n) {
    for (long i = 0; i < n; i++) out[i] = a[i] + b[i];
}

CLONES void mlhub_f32_subtract(const float *restrict a, const float *restrict b, float *restrict out, long n) {
    for (long i = 0; i < n; i++) out[i] = a[i] - b[i];
}

CLONES void mlhub_f32_multiply(const float *restrict a, const float *restrict b, float *restrict out, long n) {
    for (long i = 0; i < n; i++) out[i] = a[i] * b[i];
}

CLONES void mlhub_f32_divide(const float *restrict a, const float *restrict b, float *restrict out, long n) {
    for (long i = 0; i < n; i++) out[i] = a[i] / b[i];
}

#define ADAM_KERNEL(NAME, T, SQRT)                                                                 \
    CLONES void NAME(T *restrict p, const T *restrict g, T *restrict m, T *restrict v,            \
                     T *restrict vMax, long n, T beta1, T beta2, T eps, T stepSize,                 \
                     T rootCorrection2, T shrink, T l2) {                                           \
        if (vMax) {                                                                                 \
            for (long i = 0; i < n; i++) {                                                          \
                T d = g[i] + l2 * p[i];                                                             \
                m[i] = beta1 * m[i] + (1 - beta1) * d;                                              \
                v[i] = beta2 * v[i] + (1 - beta2) * d * d;                                          \
                vMax[i] = vMax[i] > v[i] ? vMax[i] : v[i];                                          \
                p[i] = p[i] * shrink - stepSize * m[i] / (SQRT(vMax[i]) / rootCorrection2 + eps);   \
            }                                                                                       \
        } else {                                                                                    \
            for (long i = 0; i < n; i++) {                                                          \
                T d = g[i] + l2 * p[i];                                                             \
                m[i] = beta1 * m[i] + (1 - beta1) * d;                                              \
                v[i] = beta2 * v[i] + (1 - beta2) * d * d;                                          \
                p[i] = p[i] * shrink - stepSize * m[i] / (SQRT(v[i]) / rootCorrection2 + eps);      \
            }                                                                                       \
        }                                                                                           \
    }

// __builtin_elementwise_sqrt never sets errno (sqrtf and __builtin_sqrtf may, which kept the
// loop scalar with a call per element), so the loop vectorises.
ADAM_KERNEL(mlhub_f32_adam, float, __builtin_elementwise_sqrt)
ADAM_KERNEL(mlhub_f64_adam, double, __builtin_elementwise_sqrt)

CLONES void mlhub_f32_add_rows(const float *restrict x, float *restrict sums, long rows, long columns) {
    for (long r = 0; r < rows; r++) {
        const float *row = x + r * columns;
        for (long j = 0; j < columns; j++) sums[j] += row[j];
    }
}

CLONES void mlhub_f32_lstm_cell_forward(const float *restrict pre, float *restrict gates, const float *restrict cell,
                                        float *restrict newCell, float *restrict squashed, float *restrict newHidden,
                                        long rows, long hidden) {
    for (long b = 0; b < rows; b++) {
        const float *p = pre + b * 4 * hidden, *c = cell + b * hidden;
        float *a = gates + b * 4 * hidden;
        float *cNew = newCell + b * hidden, *t = squashed + b * hidden, *h = newHidden + b * hidden;
        for (long j = 0; j < hidden; j++) {
            float i = sigmoid_fast(p[j]), f = sigmoid_fast(p[hidden + j]);
            float g = tanh_fast(p[2 * hidden + j]), o = sigmoid_fast(p[3 * hidden + j]);
            a[j] = i;
            a[hidden + j] = f;
            a[2 * hidden + j] = g;
            a[3 * hidden + j] = o;
            float next = f * c[j] + i * g;
            float squash = tanh_fast(next);
            cNew[j] = next;
            t[j] = squash;
            h[j] = o * squash;
        }
    }
}

static inline void lstm_gradient_row(const float *restrict a, const float *restrict t, const float *restrict c,
                                     const float *restrict dh, const float *restrict extra, float *restrict dc,
                                     float *restrict d, long hidden) {
    for (long j = 0; j < hidden; j++) {
        float i = a[j], f = a[hidden + j], g = a[2 * hidden + j], o = a[3 * hidden + j], squash = t[j];
        float gh = extra ? dh[j] + extra[j] : dh[j];
        float total = dc[j] + gh * o * (1 - squash * squash);
        d[j] = total * g * i * (1 - i);
        d[hidden + j] = total * c[j] * f * (1 - f);
        d[2 * hidden + j] = total * i * (1 - g * g);
        d[3 * hidden + j] = gh * squash * o * (1 - o);
        dc[j] = total * f;
    }
}

CLONES void mlhub_f32_lstm_cell_backward(const float *restrict gates, const float *restrict squashed,
                                         const float *restrict cell, const float *restrict hiddenGradient,
                                         const float *restrict outputGradient, float *restrict cellGradient,
                                         float *restrict preactivationGradient, long rows, long hidden) {
    for (long b = 0; b < rows; b++) {
        const float *a = gates + b * 4 * hidden, *t = squashed + b * hidden, *c = cell + b * hidden;
        const float *dh = hiddenGradient + b * hidden;
        float *dc = cellGradient + b * hidden, *d = preactivationGradient + b * 4 * hidden;
        // Two copies of the loop, so that neither tests `outputGradient` per element.
        if (outputGradient) {
            lstm_gradient_row(a, t, c, dh, outputGradient + b * hidden, dc, d, hidden);
        } else {
            lstm_gradient_row(a, t, c, dh, NULL, dc, d, hidden);
        }
    }
}

// Sums over contiguous rows run in 16 partial lanes, so that they vectorise without
// reassociating a single accumulator: `result = Σ_{i < n} term`, with `term` written in the
// index variable named `i`.
#define LANE_SUM(T, n, i, term, result)                                                            \
    do {                                                                                           \
        T lanes_[16] = {0};                                                                        \
        long whole_ = (n) / 16 * 16;                                                               \
        for (long base_ = 0; base_ < whole_; base_ += 16)                                          \
            for (int k_ = 0; k_ < 16; k_++) {                                                      \
                long i = base_ + k_;                                                               \
                lanes_[k_] += (term);                                                              \
            }                                                                                      \
        T total_ = 0;                                                                              \
        for (int k_ = 0; k_ < 16; k_++) total_ += lanes_[k_];                                      \
        for (long i = whole_; i < (n); i++) total_ += (term);                                      \
        (result) = total_;                                                                         \
    } while (0)

// Layer normalisation over contiguous rows: the mean first, then the centred squares.
#define LAYER_NORM_KERNELS(PREFIX, T, SQRT)                                                        \
    CLONES void PREFIX##_layer_norm(const T *restrict x, const T *restrict w, const T *restrict b, \
                                    T *restrict y, T *restrict mean, T *restrict rstd, long rows,   \
                                    long n, T eps) {                                                \
        for (long r = 0; r < rows; r++) {                                                           \
            const T *row = x + r * n;                                                               \
            T *out = y + r * n;                                                                     \
            T sum, squares;                                                                         \
            LANE_SUM(T, n, j, row[j], sum);                                                            \
            T m = sum / n;                                                                          \
            LANE_SUM(T, n, j, (row[j] - m) * (row[j] - m), squares);                                   \
            T s = 1 / SQRT(squares / n + eps);                                                      \
            mean[r] = m;                                                                            \
            rstd[r] = s;                                                                            \
            for (long j = 0; j < n; j++) out[j] = (row[j] - m) * s * (w ? w[j] : 1) + (b ? b[j] : 0); \
        }                                                                                           \
    }                                                                                               \
                                                                                                    \
    CLONES void PREFIX##_layer_norm_backward(const T *restrict g, const T *restrict x,              \
                                             const T *restrict w, const T *restrict mean,           \
                                             const T *restrict rstd, T *restrict dx, T *restrict dw, \
                                             T *restrict db, long rows, long n) {                   \
        for (long r = 0; r < rows; r++) {                                                           \
            const T *gr = g + r * n, *xr = x + r * n;                                               \
            T m = mean[r], s = rstd[r];                                                             \
            if (dx) {                                                                               \
                T a, c;                                                                             \
                T *out = dx + r * n;                                                                \
                if (w) {                                                                            \
                    LANE_SUM(T, n, j, gr[j] * w[j], a);                                                \
                    LANE_SUM(T, n, j, gr[j] * w[j] * (xr[j] - m), c);                                  \
                } else {                                                                            \
                    LANE_SUM(T, n, j, gr[j], a);                                                       \
                    LANE_SUM(T, n, j, gr[j] * (xr[j] - m), c);                                         \
                }                                                                                   \
                a /= n;                                                                             \
                c *= s / n;                                                                         \
                for (long j = 0; j < n; j++) {                                                      \
                    T xhat = (xr[j] - m) * s;                                                       \
                    out[j] = s * (gr[j] * (w ? w[j] : 1) - a - xhat * c);                           \
                }                                                                                   \
            }                                                                                       \
            if (dw)                                                                                 \
                for (long j = 0; j < n; j++) dw[j] += gr[j] * (xr[j] - m) * s;                      \
            if (db)                                                                                 \
                for (long j = 0; j < n; j++) db[j] += gr[j];                                        \
        }                                                                                           \
    }

LAYER_NORM_KERNELS(mlhub_f32, float, __builtin_elementwise_sqrt)
LAYER_NORM_KERNELS(mlhub_f64, double, __builtin_elementwise_sqrt)

// Softmax over contiguous rows for attention scores: an optional additive mask read with
// strides first, then e^(x − max) and the division by the row's sum. A row that is −∞
// everywhere (every key hidden) becomes NaN, as in PyTorch. float32 uses the single-precision
// exponential (a few ulp); float64 the double one.
static inline float softmax_exp_f32(float d) { return d < -87 ? 0 : expf_core(d); }
static inline double softmax_exp_f64(double d) { return d < -708 ? 0 : exp_core(d); }

#define SOFTMAX_KERNELS(PREFIX, T, EXP)                                                            \
    CLONES void PREFIX##_masked_softmax_rows(T *restrict x, const T *restrict mask, long maskRowStride, \
                                             long maskColumnStride, long rows, long n) {            \
        for (long r = 0; r < rows; r++) {                                                           \
            T *row = x + r * n;                                                                     \
            if (mask) {                                                                             \
                const T *m = mask + r * maskRowStride;                                              \
                for (long j = 0; j < n; j++) row[j] += m[j * maskColumnStride];                     \
            }                                                                                       \
            T max = -INFINITY;                                                                      \
            for (long j = 0; j < n; j++) max = row[j] > max ? row[j] : max;                         \
            for (long j = 0; j < n; j++) row[j] = EXP(row[j] - max);                                \
            T sum;                                                                                  \
            LANE_SUM(T, n, j, row[j], sum);                                                            \
            T inverse = 1 / sum;                                                                    \
            for (long j = 0; j < n; j++) row[j] *= inverse;                                         \
        }                                                                                           \
    }                                                                                               \
                                                                                                    \
    CLONES void PREFIX##_softmax_backward_rows(const T *restrict p, const T *g, T *out, long rows, long n) { \
        for (long r = 0; r < rows; r++) {                                                           \
            const T *pr = p + r * n, *gr = g + r * n;                                               \
            T *o = out + r * n;                                                                     \
            T dot;                                                                                  \
            LANE_SUM(T, n, j, pr[j] * gr[j], dot);                                                  \
            for (long j = 0; j < n; j++) o[j] = pr[j] * (gr[j] - dot);                              \
        }                                                                                           \
    }

SOFTMAX_KERNELS(mlhub_f32, float, softmax_exp_f32)
SOFTMAX_KERNELS(mlhub_f64, double, softmax_exp_f64)
