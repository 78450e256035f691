import Tensors

/// Every benchmark `mlhub bench` knows, in the order it runs them.
///
/// Names are stable: scripts compare them across runs and against the reference scripts in
/// the shared anchors (NumPy, PyTorch) measured on the same machine.
public enum BenchmarkSuite {
    public static let all: [Benchmark] = [
        gemm(256), gemm(1024), gemm(2048),
        Benchmark(name: "gemm.f64.1024", unit: "GFLOP/s",
                  summary: "float64 1024×1024 matrix product through BLAS") { gemmRate(1024, dtype: .float64) },
        Benchmark(name: "add.f32.1M", unit: "ms",
                  summary: "adding two float32 tensors of 1,000,000 elements (new output each call)") {
            let a = Tensor.randn([1_000_000]), b = Tensor.randn([1_000_000])
            return Timing.secondsPerCall { _ = a + b } * 1e3
        },
        Benchmark(name: "tiny_mlp.train_step", unit: "steps/s",
                  summary: "one SGD step of a 2-16-16-1 tanh MLP, BCE loss, batch 32, with autodiff") {
            let net = TinyMLP()
            return 1 / Timing.secondsPerCall { net.trainStep() }
        },
        Benchmark(name: "tiny_mlp.forward", unit: "steps/s",
                  summary: "the same network's forward pass without recording") {
            let net = TinyMLP()
            return 1 / Timing.secondsPerCall { _ = net.inference() }
        },
        Benchmark(name: "op_overhead.add4", unit: "ns",
                  summary: "adding two 4-element float32 tensors with autodiff off") {
            let a = Tensor.randn([4]), b = Tensor.randn([4])
            return withNoGrad { Timing.secondsPerCall { _ = a + b } } * 1e9
        },
        Benchmark(name: "op_overhead.mul_sum_backward4", unit: "ns",
                  summary: "(a·b).sum().backward() on 4-element float32 leaves") {
            let a = Tensor.randn([4]).requiringGrad(), b = Tensor.randn([4]).requiringGrad()
            return Timing.secondsPerCall {
                a.zeroGrad()
                b.zeroGrad()
                (a * b).sum().backward()
            } * 1e9
        },
        Benchmark(name: "op_overhead.matmul_32x2_2x16", unit: "ns",
                  summary: "a [32, 2]·[2, 16] float32 product with autodiff off") {
            let a = Tensor.randn([32, 2]), b = Tensor.randn([2, 16])
            return withNoGrad { Timing.secondsPerCall { _ = a.matmul(b) } } * 1e9
        },
    ] + NetworkBenchmarks.all + HubBenchmarks.all + DemoBenchmarks.all + DemoLoadBenchmark.all

    /// The benchmarks whose names match `filter`: an exact name, or a prefix such as `gemm` or
    /// `op_overhead.` (every benchmark when `nil`).
    public static func select(_ filter: String?) -> [Benchmark] {
        guard let filter, !filter.isEmpty else { return all }
        if let exact = all.first(where: { $0.name == filter }) { return [exact] }
        return all.filter { $0.name.hasPrefix(filter) }
    }

    private static func gemm(_ n: Int) -> Benchmark {
        Benchmark(name: "gemm.f32.\(n)", unit: "GFLOP/s",
                  summary: "float32 \(n)×\(n) matrix product through BLAS") { gemmRate(n, dtype: .float32) }
    }

    private static func gemmRate(_ n: Int, dtype: DType) -> Double {
        let a = Tensor.randn([n, n], dtype: dtype), b = Tensor.randn([n, n], dtype: dtype)
        let seconds = withNoGrad { Timing.secondsPerCall { _ = a.matmul(b) } }
        return 2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
    }
}
