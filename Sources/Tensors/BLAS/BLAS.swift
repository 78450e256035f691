import BLASKernelSelection
import COpenBLAS
import Synchronization

/// The BLAS library under the engine: which OpenBLAS kernel runs, on how many threads.
///
/// ## Kernel
/// OpenBLAS picks a kernel family (Haswell, SkylakeX, …) once, when it loads, from
/// `OPENBLAS_CORETYPE` or its own CPU table. The engine instead chooses from the CPU's own
/// features (CPUID and the registers the OS saves) the fastest family they can execute, and
/// asks OpenBLAS to switch before the engine's first BLAS call. `MLHUB_BLAS_CORETYPE` names a
/// family explicitly; it is honoured only when the CPU can run it. See ``kernelReport``.
///
/// ## Threads
/// The engine's own kernels run on the calling thread; only BLAS (matrix products and LAPACK)
/// uses OpenBLAS's thread pool, which by default has one thread per core, and only for products
/// large enough to gain from it (``threads(m:n:k:)``); its idle threads spin only briefly
/// before sleeping (``KernelReport/idleSpinExponent``), so that the engine's own work shared
/// between the cores (``Parallel``) finds them free. That suits one training job at a time (the
/// CLI, a benchmark). A server that runs many tasks at once sets ``threads`` to 1 and gets its
/// parallelism from running requests side by side instead, so that the cores are not
/// oversubscribed (OpenBLAS threads × Swift tasks).
public enum BLAS {
    /// What the kernel selection decided and why.
    public struct KernelReport: Sendable, Equatable {
        /// The kernel family OpenBLAS runs now (`openblas_get_corename`).
        public let activeKernel: String
        /// The family the engine asked for, or `nil` when it left OpenBLAS's choice alone.
        public let requestedKernel: String?
        /// `true` when OpenBLAS accepted the request.
        public let applied: Bool
        /// Why this family: the CPU features that decided it, or why nothing was changed.
        public let reason: String
        /// `OPENBLAS_CORETYPE` as the environment set it (`nil` when unset).
        public let environmentKernel: String?
        /// `MLHUB_BLAS_CORETYPE` as the environment set it (`nil` when unset).
        public let userOverride: String?
        /// The CPU features considered, e.g. `avx2 fma avx512f`.
        public let cpuFeatures: [String]
        /// log2 of the TSC cycles OpenBLAS's idle threads spin after a threaded call before they
        /// sleep: 18 as the engine sets it (OpenBLAS's default of 2^28, about 0.1 s, keeps the
        /// other core busy while the engine's own work wants it), `OPENBLAS_THREAD_TIMEOUT`
        /// when the environment sets it, `nil` when OpenBLAS's default stands.
        public let idleSpinExponent: Int?
        /// `true` when `OPENBLAS_THREAD_TIMEOUT` set ``idleSpinExponent``.
        public let idleSpinFromEnvironment: Bool
    }

    private static let selection: KernelReport = {
        let s = mlhub_blas_select_kernel()!.pointee
        func text(_ p: UnsafePointer<CChar>?) -> String? {
            guard let p else { return nil }
            let value = String(cString: p)
            return value.isEmpty ? nil : value
        }
        return KernelReport(
            activeKernel: String(cString: openblas_get_corename()),
            requestedKernel: text(s.requested_core),
            applied: s.applied != 0,
            reason: text(s.reason) ?? "",
            environmentKernel: text(s.environment_core),
            userOverride: text(s.user_override),
            cpuFeatures: (text(s.cpu_features) ?? "").split(separator: " ").map(String.init),
            idleSpinExponent: s.idle_spin_log2 > 0 ? Int(s.idle_spin_log2) : nil,
            idleSpinFromEnvironment: s.idle_spin_from_environment != 0)
    }()

    /// Runs the kernel selection if it has not run yet. Every BLAS entry point calls it.
    @inline(__always)
    static func prepare() { _ = selection }

    /// The kernel selection's decision (running it first if needed).
    public static var kernelReport: KernelReport { selection }

    /// The kernel family OpenBLAS runs now.
    public static var activeKernel: String {
        prepare()
        return String(cString: openblas_get_corename())
    }

    /// The file of the loaded OpenBLAS library, as the dynamic loader found it.
    public static var libraryPath: String? {
        mlhub_blas_library_path().map { String(cString: $0) }
    }

    /// OpenBLAS's build configuration string (version, options).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The most threads OpenBLAS may use for one call (default: one per core). Products too
    /// small or too thin to gain from threads run on one (see ``threads(m:n:k:)``).
    /// - Precondition: a new value is at least 1.
    public static var threads: Int {
        get {
            let configured = configuredThreads.load(ordering: .relaxed)
            return configured > 0 ? configured : processorCount
        }
        set {
            precondition(newValue >= 1, "BLAS.threads must be at least 1, got \(newValue)")
            prepare()
            configuredThreads.store(newValue, ordering: .relaxed)
            openblas_set_num_threads(Int32(newValue))
        }
    }

    /// OpenBLAS's processor count, read once (the call asks the system each time).
    private static let processorCount = Int(openblas_get_num_procs())

    /// 0 until ``threads`` is set: then OpenBLAS's own default (one thread per core) applies.
    private static let configuredThreads = Atomic<Int>(0)

    /// The threads a GEMM of `m×k · k×n` runs on. OpenBLAS splits every large-enough product
    /// across its pool, but for thin or small products (a convolution's 6×25 weight matrix)
    /// the hand-off costs more than it saves: measured on LeNet-5, 8.3 ms a step on one thread
    /// against 10–21 ms on two. Products with a side under 32 or fewer than 2M multiply-adds run
    /// on one thread (an LSTM step of 32×160·160×512 still gains from two); the rest on ``threads``.
    public static func threads(m: Int, n: Int, k: Int) -> Int {
        let most = threads
        guard most > 1 else { return 1 }
        let work = Double(m) * Double(n) * Double(k)
        return Swift.min(m, n, k) < 32 || work < 2e6 ? 1 : most
    }

    /// Sets OpenBLAS to one thread per call before several threads call it at once
    /// (``Parallel``), so that none of them changes the setting while another's call runs.
    package static func useOneThreadPerCall() {
        prepare()
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
    }

    /// The number of processors OpenBLAS detected.
    public static var processors: Int { processorCount }

    /// Row-major GEMM: `c = alpha·a·b` (or `c += alpha·a·b` when `accumulate`) with optional
    /// transposes, for Float or Double pointers.
    @inline(__always)
    package static func gemm(dtype: DType, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                     c: UnsafeMutableRawPointer, ldc: Int, accumulate: Bool = false, alpha: Double = 1) {
        prepare()
        let wanted = Int32(threads(m: m, n: n, k: k))
        if openblas_get_num_threads() != wanted { openblas_set_num_threads(wanted) }
        let beta = accumulate ? 1.0 : 0.0
        let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
        switch dtype {
        case .float32:
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Float(alpha),
                        a.assumingMemoryBound(to: Float.self), Int32(lda),
                        b.assumingMemoryBound(to: Float.self), Int32(ldb), Float(beta),
                        c.assumingMemoryBound(to: Float.self), Int32(ldc))
        case .float64:
            cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha,
                        a.assumingMemoryBound(to: Double.self), Int32(lda),
                        b.assumingMemoryBound(to: Double.self), Int32(ldb), beta,
                        c.assumingMemoryBound(to: Double.self), Int32(ldc))
        default:
            preconditionFailure("matrix products need float32 or float64 tensors, got \(dtype)")
        }
    }
}
