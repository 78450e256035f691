// See include/SmallGEMM.h.

#include "SmallGEMM.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

enum { PANEL = 32, ROWS = 8 };

typedef float panel_row __attribute__((ext_vector_type(16)));

long mlhub_sgemm_packed_count(long k, long n) { return k * ((n + PANEL - 1) / PANEL) * PANEL; }

void mlhub_sgemm_pack(const float *b, long ldb, int transposed, long k, long n, float *packed) {
    for (long j0 = 0; j0 < n; j0 += PANEL) {
        float *panel = packed + j0 * k;
        long width = n - j0 < PANEL ? n - j0 : PANEL;
        for (long kk = 0; kk < k; kk++) {
            float *row = panel + kk * PANEL;
            for (long j = 0; j < width; j++) row[j] = transposed ? b[(j0 + j) * ldb + kk] : b[kk * ldb + j0 + j];
            for (long j = width; j < PANEL; j++) row[j] = 0;
        }
    }
}

// Rows [i0, i0 + count) of A times one packed panel into a [count, 32] block of accumulators,
// then into C's columns [j0, j0 + width).
static inline void block(const float *a, long lda, const float *panel, long k, long i0, long count, float *c, long ldc,
                         long j0, long width, int accumulate) {
    panel_row low[ROWS], high[ROWS];
    for (int r = 0; r < ROWS; r++) low[r] = high[r] = 0;
    for (long kk = 0; kk < k; kk++) {
        panel_row b0, b1;
        memcpy(&b0, panel + kk * PANEL, sizeof b0);
        memcpy(&b1, panel + kk * PANEL + 16, sizeof b1);
        for (int r = 0; r < ROWS; r++) {
            if (r < count) {
                float x = a[(i0 + r) * lda + kk];
                low[r] += x * b0;
                high[r] += x * b1;
            }
        }
    }
    for (long r = 0; r < count; r++) {
        float values[PANEL];
        memcpy(values, &low[r], sizeof low[r]);
        memcpy(values + 16, &high[r], sizeof high[r]);
        float *out = c + (i0 + r) * ldc + j0;
        if (accumulate) {
            for (long j = 0; j < width; j++) out[j] += values[j];
        } else {
            for (long j = 0; j < width; j++) out[j] = values[j];
        }
    }
}

// Column panels [p0, p1) of the product.
CLONES static void panels(const float *a, long lda, const float *packed, long m, long n, long k, float *c, long ldc,
                          int accumulate, long p0, long p1) {
    for (long p = p0; p < p1; p++) {
        long j0 = p * PANEL, width = n - j0 < PANEL ? n - j0 : PANEL;
        const float *panel = packed + j0 * k;
        long i0 = 0;
        for (; i0 + ROWS <= m; i0 += ROWS) block(a, lda, panel, k, i0, ROWS, c, ldc, j0, width, accumulate);
        for (; i0 < m; i0++) block(a, lda, panel, k, i0, 1, c, ldc, j0, width, accumulate);
    }
}

// The helper thread: waits for a posted product (spinning for about 2^18 TSC cycles after the
// last one, then sleeping on a condition variable), runs its share, and reports it finished.
typedef struct {
    const float *a, *packed;
    long lda, m, n, k, ldc, p0, p1;
    float *c;
    int accumulate;
} job;

static struct {
    pthread_once_t once;
    int started;
    atomic_flag busy;
    _Atomic unsigned long posted, finished;
    _Atomic int sleeping;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    job work;
} helper = {PTHREAD_ONCE_INIT, 0, ATOMIC_FLAG_INIT, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}};

static unsigned long long ticks(void) {
#if defined(__x86_64__)
    return __rdtsc();
#else
    static _Atomic unsigned long long counter;
    return counter += 64;
#endif
}

static void relax(void) {
#if defined(__x86_64__)
    _mm_pause();
#endif
}

static void *helper_main(void *unused) {
    (void)unused;
    unsigned long seen = 0;
    for (;;) {
        unsigned long long since = ticks();
        while (atomic_load(&helper.posted) == seen) {
            if (ticks() - since < (1ull << 18)) {
                relax();
                continue;
            }
            pthread_mutex_lock(&helper.mutex);
            atomic_store(&helper.sleeping, 1);
            while (atomic_load(&helper.posted) == seen) pthread_cond_wait(&helper.wake, &helper.mutex);
            atomic_store(&helper.sleeping, 0);
            pthread_mutex_unlock(&helper.mutex);
        }
        seen = atomic_load(&helper.posted);
        job w = helper.work;
        panels(w.a, w.lda, w.packed, w.m, w.n, w.k, w.c, w.ldc, w.accumulate, w.p0, w.p1);
        atomic_store_explicit(&helper.finished, seen, memory_order_release);
    }
    return NULL;
}

static void start_helper(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    helper.started = pthread_create(&thread, &attributes, helper_main, NULL) == 0;
    pthread_attr_destroy(&attributes);
}

void mlhub_sgemm_packed(const float *a, long lda, const float *packed, long m, long n, long k, float *c, long ldc,
                        int accumulate, int threads) {
    long count = (n + PANEL - 1) / PANEL;
    // Below about 256K multiply-adds, or with a single panel, the hand-over does not pay.
    int share = threads >= 2 && count >= 2 && m * n * k >= (1L << 18);
    if (share) {
        pthread_once(&helper.once, start_helper);
        share = helper.started && !atomic_flag_test_and_set(&helper.busy);
    }
    if (!share) {
        panels(a, lda, packed, m, n, k, c, ldc, accumulate, 0, count);
        return;
    }
    long half = count / 2;
    helper.work = (job){a, packed, lda, m, n, k, ldc, half, count, c, accumulate};
    unsigned long ticket = atomic_load(&helper.posted) + 1;
    atomic_store(&helper.posted, ticket);
    if (atomic_load(&helper.sleeping)) {
        pthread_mutex_lock(&helper.mutex);
        pthread_cond_signal(&helper.wake);
        pthread_mutex_unlock(&helper.mutex);
    }
    panels(a, lda, packed, m, n, k, c, ldc, accumulate, 0, half);
    while (atomic_load_explicit(&helper.finished, memory_order_acquire) != ticket) relax();
    atomic_flag_clear(&helper.busy);
}
