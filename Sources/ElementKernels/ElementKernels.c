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

CLONES void mlhub_f32_tanh(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) {
        double d = x[i];
        double a = d < 0 ? -d : d;
        double e = exp_core(2 * (a > 20 ? 20 : a));
        double large = 1 - 2 / (e + 1);
        // Near 0 the subtraction loses relative accuracy; the series does not.
        double small = a - a * a * a / 3;
        double t = a < 1e-4 ? small : large;
        y[i] = (float)(d < 0 ? -t : t);
    }
}

CLONES void mlhub_f32_sigmoid(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) {
        double d = -(double)x[i];
        double e = exp_core(d < -708 ? -708 : (d > 709 ? 709 : d));
        y[i] = (float)(1 / (1 + e));
    }
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
