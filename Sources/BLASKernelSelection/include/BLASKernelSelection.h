#ifndef MLHUB_BLAS_KERNEL_SELECTION_H
#define MLHUB_BLAS_KERNEL_SELECTION_H

/// What the kernel selection decided; `mlhub doctor` and `BLAS.kernel` report it.
///
/// OpenBLAS built with DYNAMIC_ARCH (Debian's is) picks its kernel family once, in its own ELF
/// constructor, from OPENBLAS_CORETYPE or its own CPU table. That runs before any code of the
/// program that links it, so setting the variable from `main` is too late, and an old OpenBLAS
/// may not know a new CPU (it then falls back to slow generic kernels). The selection below reads
/// the CPU's features itself (CPUID, and XGETBV for what the OS saves), picks the fastest family
/// those features can execute, and asks OpenBLAS to run its own selection again with that name
/// (its exported `gotoblas_dynamic_quit` and `gotoblas_dynamic_init`), before the first BLAS call.
typedef struct {
    /// 1 when OpenBLAS was asked to switch and now reports the requested family.
    int applied;
    /// The family asked of OpenBLAS ("SkylakeX", "Haswell", ...), or "" when none was asked.
    const char *requested_core;
    /// One sentence: which CPU features decided the choice, or why nothing was changed.
    const char *reason;
    /// OPENBLAS_CORETYPE as the environment set it before the selection, or "" when unset.
    const char *environment_core;
    /// MLHUB_BLAS_CORETYPE as the environment set it (an explicit choice), or "" when unset.
    const char *user_override;
    /// The CPU features that decide the choice, space separated ("avx2 fma avx512f ...").
    const char *cpu_features;
    /// log2 of the TSC cycles OpenBLAS's idle workers spin after each threaded call before they
    /// sleep, as OpenBLAS reports it: 18 when the selection set it (OpenBLAS's own default, 2^28
    /// or about 0.1 s, keeps a core busy long after the work), OPENBLAS_THREAD_TIMEOUT's value
    /// when that is set, 0 when it could not be set (OpenBLAS's default stands).
    int idle_spin_log2;
    /// 1 when OPENBLAS_THREAD_TIMEOUT was set in the environment (the selection leaves it alone).
    int idle_spin_from_environment;
} mlhub_blas_kernel_selection;

/// Runs the selection once (later calls return the same result; safe from any thread), and
/// shortens the idle workers' spin (see `idle_spin_log2`). Call it before the first BLAS call.
const mlhub_blas_kernel_selection *mlhub_blas_select_kernel(void);

/// 1 when this CPU and OS can execute OpenBLAS kernel family `core` (case-insensitive).
int mlhub_cpu_can_run_core(const char *core);

/// The path of the loaded shared library that defines OpenBLAS's `openblas_get_corename`,
/// or NULL when it cannot be found.
const char *mlhub_blas_library_path(void);

#endif
