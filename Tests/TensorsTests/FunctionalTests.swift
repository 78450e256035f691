import Testing
@testable import Tensors
import TestSupport

@Suite("Functional operations")
struct FunctionalTests {
    /// conv2d's gradient is written by hand (sample by sample); with `createGraph` it is composed
    /// from recorded operations instead. Both must agree, and the composed one must itself have
    /// the right gradient (checked against central differences along a direction).
    @Test func conv2dGradientsAgreeAndDifferentiateAgain() {
        let bias = sample([6], seed: 44).requiringGrad()
        func loss(_ x: Tensor, _ w: Tensor) -> Tensor {
            let y = Tensor.conv2d(x, weight: w, bias: bias, stride: (2, 1), padding: (1, 1), dilation: (1, 2), groups: 2)
            return (y * y).sum()
        }
        let x0 = sample([2, 4, 5, 6], seed: 41), w0 = sample([6, 2, 3, 3], seed: 42)
        /// Σ (∂loss/∂x)² + Σ (∂loss/∂w)² at `x`, from the hand-written gradient.
        func gradientSize(_ x: Tensor) -> Double {
            let xs = x.clone().requiringGrad(), ws = w0.clone().requiringGrad()
            loss(xs, ws).backward()
            return ((xs.grad! * xs.grad!).sum() + (ws.grad! * ws.grad!).sum()).item()
        }
        let fused = (x: x0.clone().requiringGrad(), w: w0.clone().requiringGrad())
        loss(fused.x, fused.w).backward()
        let fusedBias = bias.grad!
        bias.zeroGrad()
        let composed = (x: x0.clone().requiringGrad(), w: w0.clone().requiringGrad())
        loss(composed.x, composed.w).backward(createGraph: true)
        let (gx, gw) = (composed.x.grad!, composed.w.grad!)
        expectValues(gx, like: fused.x.grad!, tolerance: 1e-12)
        expectValues(gw, like: fused.w.grad!, tolerance: 1e-12)
        expectValues(bias.grad!, like: fusedBias, tolerance: 1e-12)
        #expect(gx.requiresGrad && gw.requiresGrad, "with createGraph the gradients are recorded")

        composed.x.zeroGrad()
        ((gx * gx).sum() + (gw * gw).sum()).backward()
        let direction = sample([2, 4, 5, 6], seed: 43), step = 1e-6
        let numeric = (gradientSize(x0 + direction * step) - gradientSize(x0 - direction * step)) / (2 * step)
        let analytic = (composed.x.grad! * direction).sum().item()
        #expect(Swift.abs(numeric - analytic) <= 1e-6 * Swift.max(1, Swift.abs(numeric)), "second order: \(analytic) vs \(numeric)")
    }

    /// A batch with enough work (here 1.4M multiply-adds) is shared between threads by samples,
    /// each share summing its own weight and bias gradients; it must give what the samples give
    /// one at a time.
    @Test(arguments: [DType.float64, .float32])
    func sharedConv2dBatchEqualsSampleBySample(_ dtype: DType) {
        let tolerance = dtype == .float64 ? 1e-12 : 1e-5
        let x = sample([24, 4, 40, 20], seed: 81).to(dtype), direction = sample([24, 8, 20, 20], seed: 84).to(dtype)
        let w = sample([8, 2, 3, 3], seed: 82).to(dtype).requiringGrad(), b = sample([8], seed: 83).to(dtype).requiringGrad()
        func conv(_ input: Tensor) -> Tensor {
            Tensor.conv2d(input, weight: w, bias: b, stride: (2, 1), padding: (1, 1), groups: 2)
        }
        let whole = x.clone().requiringGrad()
        let batched = conv(whole)
        (batched * direction).sum().backward()
        let (batchedW, batchedB) = (w.grad!, b.grad!)
        w.zeroGrad()
        b.zeroGrad()
        let pieces = (0..<24).map { x.narrowed(axis: 0, start: $0, length: 1).clone().requiringGrad() }
        let single = Tensor.concat(pieces.map(conv), axis: 0)
        (single * direction).sum().backward()
        expectValues(batched, like: single, tolerance: tolerance)
        expectValues(whole.grad!, like: Tensor.concat(pieces.map { $0.grad! }, axis: 0), tolerance: tolerance)
        expectValues(batchedW, like: w.grad!, tolerance: tolerance)
        expectValues(batchedB, like: b.grad!, tolerance: tolerance)
    }

    @Test func maxPoolGradientsIncludingSecondOrder() {
        // Overlapping windows (kernel 3, stride 2) send several gradients to one element; the
        // padded edge windows count only real elements.
        let x = sample([2, 3, 7, 6], seed: 91)
        expectGradientsMatch([x]) { $0[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)) }
        expectGradientsMatch([x]) { $0[0].maxPool2d(kernel: (2, 2), stride: (1, 1), dilation: (2, 1)) }
        // With createGraph the gradient is a recorded scatter, so it can be differentiated again.
        expectGradientsMatch([x]) { v in
            withGrad {
                v[0].zeroGrad()
                let pooled = v[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
                (pooled * pooled).sum().backward(createGraph: true)
                let g = v[0].grad!
                v[0].zeroGrad()
                return g * g
            }
        }
        let single = x.to(.float32).maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
        expectValues(single, like: x.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)), tolerance: 1e-7)
    }

    @Test func linearEqualsMatmulPlusBiasInBothDTypes() {
        let x = sample([5, 3], seed: 51), w = sample([4, 3], seed: 52), b = sample([4], seed: 53)
        expectValues(Tensor.linear(x, weight: w, bias: b), like: x.matmul(w.T) + b, tolerance: 1e-12)
        expectValues(Tensor.linear(x, weight: w), like: x.matmul(w.T), tolerance: 1e-12)
        let single = Tensor.linear(x.to(.float32), weight: w.to(.float32), bias: b.to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: x.matmul(w.T) + b, tolerance: 1e-5)
        // Leading axes are kept; a single vector works too.
        let batched = sample([2, 5, 3], seed: 54)
        #expect(Tensor.linear(batched, weight: w, bias: b).shape == [2, 5, 4])
        expectValues(Tensor.linear(x[1], weight: w, bias: b), like: (x.matmul(w.T) + b)[1], tolerance: 1e-12)
        // Strided inputs are read correctly.
        let t = sample([3, 5], seed: 55)
        expectValues(Tensor.linear(t.T, weight: w, bias: b), like: t.T.matmul(w.T) + b, tolerance: 1e-12)
    }

    @Test func linearGradientsIncludingSecondOrder() {
        let x = sample([5, 3], seed: 56), w = sample([4, 3], seed: 57), b = sample([4], seed: 58)
        expectGradientsMatch([x, w, b]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        expectGradientsMatch([sample([2, 2, 3], seed: 59), w]) { Tensor.linear($0[0], weight: $0[1]) }
        // Gradient of a gradient: the rule composes from recorded operations then.
        // (The checker evaluates finite differences without recording; withGrad turns it back on
        // for the inner backward pass.)
        expectGradientsMatch([x, w, b]) { v in
            withGrad {
                for t in v { t.zeroGrad() }
                let out = Tensor.linear(v[0], weight: v[1], bias: v[2]).tanh().sum()
                out.backward(createGraph: true)
                let g = v[1].grad!
                for t in v { t.zeroGrad() }
                return g * g
            }
        }
    }

    @Test func layerNormMatchesItsDefinition() {
        let x = sample([3, 2, 5, 4], seed: 71, low: -3, high: 3), w = sample([5, 4], seed: 72), b = sample([5, 4], seed: 73)
        let centered = x - x.mean(axes: [2, 3], keepDims: true)
        let normalized = centered / ((centered * centered).mean(axes: [2, 3], keepDims: true) + 1e-5).sqrt()
        expectValues(Tensor.layerNorm(x, normalizedShape: [5, 4], weight: w, bias: b), like: normalized * w + b, tolerance: 1e-12)
        expectValues(Tensor.layerNorm(x, normalizedShape: [5, 4], weight: w), like: normalized * w, tolerance: 1e-12)
        expectValues(Tensor.layerNorm(x, normalizedShape: [5, 4], bias: b), like: normalized + b, tolerance: 1e-12)
        expectValues(Tensor.layerNorm(x, normalizedShape: [5, 4]), like: normalized, tolerance: 1e-12)
        // Rows wider than the 16 partial sums, in float32, and a strided input.
        let wide = sample([4, 37], seed: 74, low: -2, high: 5), scale = sample([37], seed: 75)
        let reference = Tensor.layerNorm(wide, normalizedShape: [37], weight: scale)
        let single = Tensor.layerNorm(wide.to(.float32), normalizedShape: [37], weight: scale.to(.float32))
        #expect(single.dtype == .float32)
        expectValues(single, like: reference, tolerance: 2e-6)
        let t = sample([37, 4], seed: 76)
        expectValues(Tensor.layerNorm(t.T, normalizedShape: [37]), like: Tensor.layerNorm(t.T.contiguous(), normalizedShape: [37]),
                     tolerance: 0)
    }

    @Test func layerNormGradientsIncludingSecondOrder() {
        let x = sample([3, 2, 18], seed: 77, low: -2, high: 2), w = sample([18], seed: 78), b = sample([18], seed: 79)
        expectGradientsMatch([x, w, b]) { Tensor.layerNorm($0[0], normalizedShape: [18], weight: $0[1], bias: $0[2]) }
        expectGradientsMatch([x]) { Tensor.layerNorm($0[0], normalizedShape: [2, 18]) }
        expectGradientsMatch([x, w]) { Tensor.layerNorm($0[0], normalizedShape: [18], weight: $0[1]).tanh() }
        // Gradient of a gradient: composed from recorded operations then.
        expectGradientsMatch([x, w, b]) { v in
            withGrad {
                for t in v { t.zeroGrad() }
                let out = Tensor.layerNorm(v[0], normalizedShape: [18], weight: v[1], bias: v[2]).tanh().sum()
                out.backward(createGraph: true)
                let (gx, gw) = (v[0].grad!, v[1].grad!)
                for t in v { t.zeroGrad() }
                return (gx * gx).sum() + (gw * gw).sum()
            }
        }
        // float32 gradients agree with float64 ones.
        let (x64, w64) = (x.clone().requiringGrad(), w.clone().requiringGrad())
        let (x32, w32) = (x.to(.float32).requiringGrad(), w.to(.float32).requiringGrad())
        let direction = sample([3, 2, 18], seed: 80)
        (Tensor.layerNorm(x64, normalizedShape: [18], weight: w64) * direction).sum().backward()
        (Tensor.layerNorm(x32, normalizedShape: [18], weight: w32) * direction.to(.float32)).sum().backward()
        expectValues(x32.grad!, like: x64.grad!, tolerance: 1e-5)
        expectValues(w32.grad!, like: w64.grad!, tolerance: 1e-5)
    }

    @Test func binaryCrossEntropyWithLogitsMatchesItsDefinition() {
        let z = Tensor([-30.0, -2.0, -0.1, 0.0, 0.4, 3.0, 40.0]), y = Tensor([0.0, 1.0, 0.3, 1.0, 0.0, 1.0, 0.0])
        let reference = (z.softplus() - z * y)
        expectValues(Tensor.binaryCrossEntropyWithLogits(z, y, reduction: .none), like: reference, tolerance: 1e-12)
        expectValues(Tensor.binaryCrossEntropyWithLogits(z, y), like: reference.mean(), tolerance: 1e-12)
        expectValues(Tensor.binaryCrossEntropyWithLogits(z, y, reduction: .sum), like: reference.sum(), tolerance: 1e-12)
        // Large logits stay finite (a naive log(sigmoid) would give inf).
        #expect(Tensor.binaryCrossEntropyWithLogits(Tensor([1000.0]), Tensor([0.0])).item() == 1000)
        let f32 = Tensor.binaryCrossEntropyWithLogits(z.to(.float32), y.to(.float32))
        #expect(f32.dtype == .float32)
        expectValues(f32, like: reference.mean(), tolerance: 1e-6)
    }

    @Test func binaryCrossEntropyWithLogitsGradients() {
        let z = sample([3, 2], seed: 61, low: -3, high: 3), y = sample([3, 2], seed: 62, low: 0, high: 1)
        for reduction in [LossReduction.none, .mean, .sum] {
            expectGradientsMatch([z, y]) { Tensor.binaryCrossEntropyWithLogits($0[0], $0[1], reduction: reduction) }
        }
    }
}

@Suite("Vectorised float32 kernels")
struct ElementKernelTests {
    /// |float32 result − double reference| in units of the float32 spacing at the reference.
    private func ulps(_ value: Float, _ reference: Double) -> Double {
        if Float(reference).isInfinite { return value == Float(reference) ? 0 : .infinity }
        let spacing = Double(Float(reference).ulp)
        return Swift.abs(Double(value) - reference) / Swift.max(spacing, Double(Float.leastNonzeroMagnitude))
    }

    @Test func expTanhSigmoidAreWithinOneUlpOfTheDoubleFunctions() {
        var values: [Float] = []
        var x: Float = -90
        while x < 90 { values.append(x); x += 0.0137 }
        values += [0, -0, 1e-30, -1e-30, 1e-6, -1e-6, 5e-5, 1e-4, 0.3, 88.7, -103]
        let t = Tensor(values, shape: [values.count])
        let e = t.exp().scalars(as: Float.self), h = t.tanh().scalars(as: Float.self)
        let s = t.sigmoid().scalars(as: Float.self)
        for (i, v) in values.enumerated() {
            let d = Double(v)
            #expect(ulps(e[i], Double.exp(d)) <= 1, "exp(\(v)) = \(e[i])")
            #expect(ulps(h[i], Double.tanh(d)) <= 1, "tanh(\(v)) = \(h[i])")
            #expect(ulps(s[i], 1 / (1 + Double.exp(-d))) <= 1, "sigmoid(\(v)) = \(s[i])")
        }
    }

    @Test func specialValues() {
        let t = Tensor([Float.nan, .infinity, -.infinity, 100, -200])
        let e = t.exp().scalars(as: Float.self)
        #expect(e[0].isNaN && e[1] == .infinity && e[2] == 0 && e[3] == .infinity && e[4] == 0)
        let h = t.tanh().scalars(as: Float.self)
        #expect(h[0].isNaN && h[1] == 1 && h[2] == -1 && h[3] == 1 && h[4] == -1)
        let s = t.sigmoid().scalars(as: Float.self)
        #expect(s[0].isNaN && s[1] == 1 && s[2] == 0 && s[3] == 1 && s[4] == 0)
    }

    @Test func contiguousAndStridedPathsAgree() {
        let a = sample([6, 7], seed: 71).to(.float32), b = sample([7, 6], seed: 72).to(.float32)
        let strided = a.T
        expectValues(strided.tanh(), like: strided.contiguous().tanh(), tolerance: 0)
        expectValues(strided + b, like: strided.contiguous() + b, tolerance: 0)
        expectValues(strided / b, like: strided.contiguous() / b, tolerance: 0)
        expectValues(a.exp(), like: a.to(.float64).exp(), tolerance: 1e-6)
    }
}

@Suite("Scalar operands and in-place updates")
struct ScalarAndInPlaceTests {
    @Test func scalarOperandsInBothPositionsWithGradients() {
        let x = sample([4], seed: 81, low: 0.5, high: 2)
        expectValues(2.0 - x, like: Tensor.full([4], 2, dtype: .float64) - x)
        expectValues(3.0 / x, like: Tensor.full([4], 3, dtype: .float64) / x)
        expectValues(Tensor.pow(2.0, x), like: Tensor.pow(Tensor.full([4], 2, dtype: .float64), x))
        expectGradientsMatch([x]) { 2.0 - $0[0] }
        expectGradientsMatch([x]) { 3.0 / $0[0] }
        expectGradientsMatch([x]) { $0[0] / 4 + 1 }
        expectGradientsMatch([x]) { Tensor.pow($0[0], 3) }
        expectGradientsMatch([x]) { Tensor.pow(2.0, $0[0]) }
        let tape = (x.detached().requiringGrad() * 2).tape
        #expect(tape.entries.map(\.op) == ["parameter", "multiplyScalar"])
    }

    @Test func inPlaceUpdatesWriteThroughViewsAndRefuseRecordedTensors() async {
        let p = Tensor([1.0, 2.0, 3.0])
        p.add(Tensor([1.0, 1.0, 1.0]), scaledBy: -0.5)
        expectValues(p, [0.5, 1.5, 2.5])
        p.scale(by: 2)
        expectValues(p, [1, 3, 5])
        let m = Tensor.zeros([2, 3])
        m.T.assign(Tensor([[1, 2], [3, 4], [5, 6]]))
        expectValues(m, [1, 3, 5, 2, 4, 6])
        // The source may overlap the destination.
        let v = Tensor([1.0, 2.0, 3.0, 4.0])
        v.view(shape: [3], strides: [1], offset: 1).assign(v.view(shape: [3], strides: [1], offset: 0))
        expectValues(v, [1, 1, 2, 3])
        let w = Tensor([1.0]).requiringGrad()
        withNoGrad { w.add(Tensor([1.0]), scaledBy: 1) }
        expectValues(w, [2])
        await #expect(processExitsWith: .failure) { Tensor([1.0]).requiringGrad().scale(by: 2) }
    }
}

@Suite("Buffer pool")
struct BufferPoolTests {
    @Test func freedBlocksAreReusedBySize() {
        let pool = BufferPool()
        let a = pool.allocate(byteCount: 3000)
        pool.release(a, byteCount: 3000)
        #expect(pool.idleBytes == 4096)
        // Same size class (2 KiB < n ≤ 4 KiB): the same block comes back.
        #expect(pool.allocate(byteCount: 2500) == a)
        #expect(pool.idleBytes == 0)
        let big = pool.allocate(byteCount: 1 << 20)
        pool.release(big, byteCount: 1 << 20)
        #expect(pool.allocate(byteCount: (1 << 20) - 100) != big, "large blocks are kept by exact size (in 64-byte steps)")
        #expect(pool.allocate(byteCount: 1 << 20) == big)
        pool.release(a, byteCount: 2500)
        pool.drain()
        #expect(pool.idleBytes == 0)
    }
}

@Suite("Printing")
struct PrintingTests {
    @Test func layoutFollowsNumPy() {
        #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]).description
            == "Tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float64)")
        #expect(Tensor([0.5, -0.25], dtype: .float32).description == "Tensor([ 0.50, -0.25], shape=[2], dtype=float32)")
        #expect(Tensor([1e-5, 1.0, 12345.678]).description
            == "Tensor([1.0000e-05, 1.0000e+00, 1.2346e+04], shape=[3], dtype=float64)")
        #expect(Tensor([[1, 20], [300, 4]]).description == "Tensor([[  1,  20],\n        [300,   4]], shape=[2, 2], dtype=int64)")
        #expect(Tensor([true, false]).description == "Tensor([ true, false], shape=[2], dtype=bool)")
        #expect(Tensor(3.5).description == "Tensor(3.5, dtype=float32)")
        #expect(Tensor([Double.nan, .infinity, -1.5]).description == "Tensor([ nan,  inf, -1.5], shape=[3], dtype=float64)")
    }

    @Test func threeDimensionalBlocksAreSeparatedByABlankLine() {
        let text = Tensor.arange(8).reshaped([2, 2, 2]).description
        #expect(text == "Tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], shape=[2, 2, 2], dtype=int64)")
    }

    @Test func largeTensorsAreSummarisedAndLongRowsWrap() {
        let big = Tensor.arange(5000).to(.float32)
        #expect(big.description == "Tensor([   0.,    1.,    2., ..., 4997., 4998., 4999.], shape=[5000], dtype=float32)")
        let row = Tensor.linspace(0, 1, count: 30).description
        let lines = row.split(separator: "\n")
        #expect(lines.count == 4)
        // Rows wrap at 75 characters; the shape and dtype follow the last one.
        #expect(lines.dropLast().allSatisfy { $0.count <= 75 })
    }

    @Test func autodiffStateIsShown() {
        let w = Tensor([1.0]).requiringGrad()
        #expect(w.description.hasSuffix("requiresGrad=true)"))
        #expect((w * 2).description.hasSuffix("gradFn=multiplyScalar)"))
    }
}

