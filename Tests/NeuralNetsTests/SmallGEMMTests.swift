import SmallGEMM
import Testing
import Tensors
import TestSupport

@Suite("Small products on a packed operand")
struct SmallGEMMTests {
    /// `a·b` by the packed kernel against `matmul`, for sizes that are not whole blocks (rows
    /// not a multiple of 8, columns not a multiple of 32), both packings, with and without
    /// accumulation, on one thread and with the helper thread.
    @Test(arguments: [(13, 500, 37), (32, 512, 128), (1, 33, 5), (9, 64, 512)])
    func packedProductsMatchMatmul(_ size: (Int, Int, Int)) {
        let (m, n, k) = size
        let a = sample([m, k], seed: 1).to(.float32), b = sample([k, n], seed: 2).to(.float32)
        let start = sample([m, n], seed: 3).to(.float32)
        let expected = a.to(.float64).matmul(b.to(.float64))
        for transposed in [false, true] {
            // The same B handed over as [k, n], or as Wᵀ from W = [n, k].
            let source = (transposed ? b.T : b).contiguous()
            let packed = Tensor.zeros([mlhub_sgemm_packed_count(k, n)], dtype: .float32)
            source.withUnsafeElements(as: Float.self) { s in
                packed.withUnsafeMutableElements(as: Float.self) { p in
                    mlhub_sgemm_pack(s.baseAddress!, transposed ? k : n, transposed ? 1 : 0, k, n, p.baseAddress!)
                }
            }
            for threads in [Int32(1), 2] {
                for accumulate in [false, true] {
                    let c = start.clone()
                    a.withUnsafeElements(as: Float.self) { ap in
                        packed.withUnsafeElements(as: Float.self) { pp in
                            c.withUnsafeMutableElements(as: Float.self) { cp in
                                mlhub_sgemm_packed(ap.baseAddress!, k, pp.baseAddress!, m, n, k, cp.baseAddress!, n,
                                                   accumulate ? 1 : 0, threads)
                            }
                        }
                    }
                    expectValues(c, like: accumulate ? expected + start.to(.float64) : expected, tolerance: 2e-5)
                }
            }
        }
    }
}
