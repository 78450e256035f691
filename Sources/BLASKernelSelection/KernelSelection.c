// Chooses OpenBLAS's kernel family from the CPU's own features.
// See include/BLASKernelSelection.h for why and how.

#define _GNU_SOURCE
#include "BLASKernelSelection.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char requested_core[32];
static char reason[320];
static char environment_core[64];
static char user_override[64];
static char cpu_features[256];
static mlhub_blas_kernel_selection result = {
    0, requested_core, reason, environment_core, user_override, cpu_features, 0, 0};

typedef struct {
    int sse42, avx, avx2, fma, avx512f, avx512dq, avx512cd, avx512bw, avx512vl, avx512bf16;
} cpu_flags;

#if defined(__x86_64__)
#include <cpuid.h>

static unsigned long long read_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

static cpu_flags detect(void) {
    cpu_flags f;
    memset(&f, 0, sizeof f);
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
    int osxsave = (c >> 27) & 1;
    // The OS must save YMM state (XCR0 bits 1-2) and, for AVX-512, opmask and ZMM (bits 5-7).
    unsigned long long xcr0 = osxsave ? read_xcr0() : 0;
    int ymm = (xcr0 & 0x6) == 0x6;
    int zmm = ymm && (xcr0 & 0xE0) == 0xE0;
    f.sse42 = (c >> 20) & 1;
    f.avx = ((c >> 28) & 1) && ymm;
    f.fma = ((c >> 12) & 1) && ymm;
    if (__get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        f.avx2 = ((b >> 5) & 1) && ymm;
        f.avx512f = ((b >> 16) & 1) && zmm;
        f.avx512dq = ((b >> 17) & 1) && zmm;
        f.avx512cd = ((b >> 28) & 1) && zmm;
        f.avx512bw = ((b >> 30) & 1) && zmm;
        f.avx512vl = ((b >> 31) & 1) && zmm;
        __cpuid_count(7, 1, a, b, c, d);
        f.avx512bf16 = ((a >> 5) & 1) && zmm;
    }
    return f;
}
#else
static cpu_flags detect(void) {
    cpu_flags f;
    memset(&f, 0, sizeof f);
    return f;
}
#endif

static int can_run(const char *core, const cpu_flags *f) {
    int skylakex = f->avx512f && f->avx512dq && f->avx512cd && f->avx512bw && f->avx512vl;
    if (!strcasecmp(core, "Cooperlake")) return skylakex && f->avx512bf16;
    if (!strcasecmp(core, "SkylakeX")) return skylakex;
    if (!strcasecmp(core, "Haswell") || !strcasecmp(core, "Zen")) return f->avx2 && f->fma;
    if (!strcasecmp(core, "Sandybridge")) return f->avx;
    if (!strcasecmp(core, "Nehalem")) return f->sse42;
    return 0;
}

/// OpenBLAS's x86-64 kernel families, fastest first. Cooperlake is SkylakeX plus BF16 kernels.
static const char *const ladder[] = {"Cooperlake", "SkylakeX", "Haswell", "Sandybridge", "Nehalem"};
static const char *const ladder_reason[] = {
    "the CPU and OS support AVX-512 (F, DQ, CD, BW, VL) and AVX512-BF16",
    "the CPU and OS support AVX-512 (F, DQ, CD, BW, VL)",
    "the CPU and OS support AVX2 and FMA but not full AVX-512",
    "the CPU and OS support AVX but not AVX2 with FMA",
    "the CPU supports SSE4.2 but not AVX",
};

int mlhub_cpu_can_run_core(const char *core) {
    cpu_flags f = detect();
    return core && can_run(core, &f);
}

static void describe_features(const cpu_flags *f) {
    const char *names[] = {"sse4.2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd",
                           "avx512bw", "avx512vl", "avx512_bf16"};
    const int present[] = {f->sse42, f->avx, f->avx2, f->fma, f->avx512f, f->avx512dq,
                           f->avx512cd, f->avx512bw, f->avx512vl, f->avx512bf16};
    for (size_t i = 0; i < sizeof present / sizeof *present; i++) {
        if (!present[i]) continue;
        size_t used = strlen(cpu_features);
        snprintf(cpu_features + used, sizeof cpu_features - used, "%s%s", used ? " " : "", names[i]);
    }
}

static void append_reason(const char *text) {
    size_t used = strlen(reason);
    snprintf(reason + used, sizeof reason - used, "%s", text);
}

static void run_selection(void) {
    cpu_flags f = detect();
    describe_features(&f);
    const char *env = getenv("OPENBLAS_CORETYPE");
    if (env) snprintf(environment_core, sizeof environment_core, "%s", env);
    const char *user = getenv("MLHUB_BLAS_CORETYPE");
    if (user) snprintf(user_override, sizeof user_override, "%s", user);

    const char *choice = NULL;
    if (user && *user) {
        if (can_run(user, &f)) {
            choice = user;
            snprintf(reason, sizeof reason, "MLHUB_BLAS_CORETYPE asks for %s and this CPU can run it", user);
        } else {
            snprintf(reason, sizeof reason,
                     "MLHUB_BLAS_CORETYPE=%s was ignored (unknown, or this CPU cannot run it); ", user);
        }
    }
    if (!choice) {
        for (size_t i = 0; i < sizeof ladder / sizeof *ladder; i++) {
            if (can_run(ladder[i], &f)) {
                choice = ladder[i];
                append_reason(ladder_reason[i]);
                break;
            }
        }
    }
    if (!choice) {
        append_reason("no known x86-64 kernel family matches this CPU, so OpenBLAS's own choice stands");
        return;
    }
    snprintf(requested_core, sizeof requested_core, "%s", choice);

    void (*dynamic_quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*dynamic_init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    char *(*corename)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    if (!dynamic_quit || !dynamic_init || !corename) {
        append_reason("; but this OpenBLAS was built for one CPU (no DYNAMIC_ARCH), so its kernel stays");
        requested_core[0] = 0;
        return;
    }
    // OpenBLAS's own selection reads OPENBLAS_CORETYPE; the variable is restored afterwards so
    // that child processes see the environment as it was given.
    setenv("OPENBLAS_CORETYPE", choice, 1);
    dynamic_quit();
    dynamic_init();
    if (env) setenv("OPENBLAS_CORETYPE", environment_core, 1);
    else unsetenv("OPENBLAS_CORETYPE");
    result.applied = strcasecmp(corename(), choice) == 0;
    if (!result.applied) {
        size_t used = strlen(reason);
        snprintf(reason + used, sizeof reason - used, "; OpenBLAS did not accept %s and runs %s",
                 choice, corename());
    }
}

// OpenBLAS's idle workers spin (calling sched_yield) for 2^THREAD_TIMEOUT TSC cycles after each
// threaded call before they sleep: 2^28, about 0.1 s, in Debian's build. A training step that
// mixes threaded products with the engine's own work on both cores (the samples of a
// convolution, the heads of attention) then finds the second core taken by a spinning worker.
// 2^18 cycles (about 0.1 ms) still covers the gaps between an LSTM's per-step products, and
// frees the core soon after. The value is read from the environment when the pool starts, so
// the pool is restarted with it (OpenBLAS's exported `openblas_read_env`,
// `blas_thread_shutdown_` and `blas_thread_init`).
#define MLHUB_IDLE_SPIN_LOG2 18

// The exponent OpenBLAS's pool uses for `value` from the environment: it clamps to [4, 30];
// 0 (unset, or not a number) keeps its compiled default.
static int effective_spin(int value) { return value <= 0 ? 0 : value < 4 ? 4 : value > 30 ? 30 : value; }

static void shorten_idle_spin(void) {
    int (*timeout)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_thread_timeout");
    const char *env = getenv("OPENBLAS_THREAD_TIMEOUT");
    if (env && *env) {
        result.idle_spin_log2 = timeout ? effective_spin(timeout()) : 0;
        result.idle_spin_from_environment = 1;
        return;
    }
    void (*read_env)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "openblas_read_env");
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    int (*init)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_init");
    if (!timeout || !read_env || !shutdown || !init) return;
    char value[8];
    snprintf(value, sizeof value, "%d", MLHUB_IDLE_SPIN_LOG2);
    setenv("OPENBLAS_THREAD_TIMEOUT", value, 1);
    read_env();
    shutdown();
    init();
    unsetenv("OPENBLAS_THREAD_TIMEOUT");
    result.idle_spin_log2 = effective_spin(timeout());
}

static void run_selection_and_spin(void) {
    run_selection();
    shorten_idle_spin();
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

const mlhub_blas_kernel_selection *mlhub_blas_select_kernel(void) {
    pthread_once(&once, run_selection_and_spin);
    return &result;
}

const char *mlhub_blas_library_path(void) {
    void *symbol = dlsym(RTLD_DEFAULT, "openblas_get_corename");
    Dl_info info;
    if (!symbol || !dladdr(symbol, &info)) return NULL;
    return info.dli_fname;
}
