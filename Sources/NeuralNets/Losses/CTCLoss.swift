import Foundation
import Tensors

/// Connectionist temporal classification loss (Graves et al. 2006), with PyTorch's
/// `F.ctc_loss` semantics: the negative log-probability of a target sequence summed over every
/// alignment of it to the input frames (blanks between and around labels, repeats merged).
///
/// - Log-probabilities: `[T, N, C]` (frames, batch, classes; `logSoftmax` over C), or `[T, C]`
///   for one unbatched sequence.
/// - Targets: padded `[N, S]` or all targets concatenated `[Σ targetLengths]`, `int64` labels in
///   `0..<C` other than `blank`.
/// - Input and target lengths: one per sample; frames past a sample's input length are ignored.
/// - Reduction: `.mean` divides each sample's loss by its target length (at least 1) and then
///   averages over the batch, as PyTorch does; `.sum` adds them; `.none` returns `[N]`.
/// - `zeroInfinity`: impossible alignments (too few frames) give loss 0 and zero gradient
///   instead of +∞.
///
/// The forward–backward recursions run in log space in `Double`. The gradient with respect to
/// the log-probabilities is the exact one, `−γ_t(c)` (the posterior of class c at frame t);
/// PyTorch returns `exp(log p) − γ` instead, the gradient through a log-softmax folded in. The
/// two agree once propagated through `logSoftmax`, which is how the loss is meant to be used.
/// Second derivatives are not available.
public struct CTCLoss: Sendable {
    public var blank: Int
    public var reduction: LossReduction
    public var zeroInfinity: Bool

    public init(blank: Int = 0, reduction: LossReduction = .mean, zeroInfinity: Bool = false) {
        self.blank = blank
        self.reduction = reduction
        self.zeroInfinity = zeroInfinity
    }

    /// The loss, with lengths as `int64` tensors `[N]` (or 0-d/`[1]` unbatched).
    public func callAsFunction(_ logProbabilities: Tensor, _ targets: Tensor, inputLengths: Tensor,
                               targetLengths: Tensor) -> Tensor {
        precondition(!inputLengths.dtype.isFloatingPoint && !targetLengths.dtype.isFloatingPoint,
                     "CTCLoss: lengths must be integer tensors, got \(inputLengths.dtype) and \(targetLengths.dtype)")
        return callAsFunction(logProbabilities, targets, inputLengths: inputLengths.scalars(as: Int.self),
                              targetLengths: targetLengths.scalars(as: Int.self))
    }

    /// The loss, with lengths as arrays (one per sample).
    public func callAsFunction(_ logProbabilities: Tensor, _ targets: Tensor, inputLengths: [Int],
                               targetLengths: [Int]) -> Tensor {
        let lp = logProbabilities
        precondition(lp.rank == 3 || lp.rank == 2, "CTCLoss: log-probabilities must be [T, N, C] or [T, C], got \(lp.shape)")
        precondition(lp.dtype.isFloatingPoint, "CTCLoss: log-probabilities must be float32 or float64, got \(lp.dtype)")
        precondition(targets.dtype == .int64, "CTCLoss: targets must be int64 labels, got \(targets.dtype)")
        let batched = lp.rank == 3
        let frames = lp.shape[0], batch = batched ? lp.shape[1] : 1, classes = lp.shape[lp.rank - 1]
        precondition(blank >= 0 && blank < classes, "CTCLoss: blank \(blank) is not a class in 0..<\(classes)")
        precondition(inputLengths.count == batch && targetLengths.count == batch,
                     "CTCLoss: need \(batch) input and target lengths, got \(inputLengths.count) and \(targetLengths.count)")
        for (n, length) in inputLengths.enumerated() {
            precondition(length >= 0 && length <= frames, "CTCLoss: input length \(length) of sample \(n) is not in 0...\(frames)")
        }

        // Each sample's labels.
        let labels = targets.scalars(as: Int.self)
        var sequences: [[Int]] = []
        if targets.rank == 2 {
            precondition(targets.shape[0] == batch, "CTCLoss: padded targets must be [\(batch), S], got \(targets.shape)")
            let width = targets.shape[1]
            for (n, length) in targetLengths.enumerated() {
                precondition(length >= 0 && length <= width, "CTCLoss: target length \(length) of sample \(n) exceeds the padded width \(width)")
                sequences.append(Array(labels[(n * width)..<(n * width + length)]))
            }
        } else {
            precondition(targets.rank == 1, "CTCLoss: targets must be [N, S] (padded) or 1-D (concatenated), got \(targets.shape)")
            precondition(targetLengths.allSatisfy { $0 >= 0 } && targetLengths.reduce(0, +) <= labels.count,
                         "CTCLoss: target lengths \(targetLengths) add up to more than the \(labels.count) concatenated targets")
            var start = 0
            for length in targetLengths {
                sequences.append(Array(labels[start..<(start + length)]))
                start += length
            }
        }
        for (n, sequence) in sequences.enumerated() {
            precondition(sequence.allSatisfy { $0 >= 0 && $0 < classes && $0 != blank },
                         "CTCLoss: targets of sample \(n) must be classes in 0..<\(classes) other than blank \(blank), got \(sequence)")
        }

        let needGradient = lp.requiresGrad && GradMode.isEnabled
        let values = lp.scalars(as: Double.self)
        var losses = [Double](repeating: 0, count: batch)
        var gradient = needGradient ? [Double](repeating: 0, count: values.count) : []
        for n in 0..<batch {
            let sample = CTCSample(values: values, frames: inputLengths[n], sample: n, batch: batch, classes: classes,
                                   labels: sequences[n], blank: blank)
            var loss = sample.negativeLogLikelihood
            let impossible = loss == .infinity
            if impossible && zeroInfinity { loss = 0 }
            losses[n] = loss
            if needGradient && !impossible { sample.addGradient(into: &gradient) }
        }

        let dtype = lp.dtype
        let perSampleShape = [batch]
        var perSample = Tensor(losses, shape: perSampleShape).to(dtype)
        if needGradient {
            // The value stays the computed loss (S − S is exactly 0) while the gradient with
            // respect to lp is the array computed above.
            let weights = Tensor(gradient, shape: lp.shape).to(dtype)
            let linear = (lp * weights).reshaped([frames, batch, classes]).sum(axes: [0, 2])
            perSample = perSample + (linear - linear.detached())
        }
        switch reduction {
        case .none:
            return batched ? perSample : perSample.reshaped([])
        case .sum:
            return perSample.sum()
        case .mean:
            let divisors = Tensor(targetLengths.map { Double(Swift.max($0, 1)) }, shape: perSampleShape).to(dtype)
            return (perSample / divisors).mean()
        }
    }
}

/// The forward–backward recursions of one sample over the extended label sequence
/// `blank, l₁, blank, l₂, …, blank` (length 2S + 1), in log space.
private struct CTCSample {
    let values: [Double]
    let frames: Int, sample: Int, batch: Int, classes: Int, blank: Int
    let extended: [Int]
    /// `alpha[t·L + s]`: log-probability of the prefixes ending in extended position s at frame t.
    let alpha: [Double]
    let negativeLogLikelihood: Double

    init(values: [Double], frames: Int, sample: Int, batch: Int, classes: Int, labels: [Int], blank: Int) {
        self.values = values
        self.frames = frames
        self.sample = sample
        self.batch = batch
        self.classes = classes
        self.blank = blank
        var extended = [blank]
        for label in labels { extended += [label, blank] }
        self.extended = extended
        let width = extended.count
        var alpha = [Double](repeating: -.infinity, count: frames * width)
        if frames == 0 {
            self.alpha = alpha
            negativeLogLikelihood = labels.isEmpty ? 0 : .infinity
            return
        }
        func lp(_ t: Int, _ c: Int) -> Double { values[(t * batch + sample) * classes + c] }
        alpha[0] = lp(0, blank)
        if width > 1 { alpha[1] = lp(0, extended[1]) }
        for t in 1..<frames {
            let previous = (t - 1) * width, current = t * width
            for s in 0..<width {
                var a = alpha[previous + s]
                if s >= 1 { a = logAddExp(a, alpha[previous + s - 1]) }
                if s >= 2 && extended[s] != blank && extended[s] != extended[s - 2] {
                    a = logAddExp(a, alpha[previous + s - 2])
                }
                alpha[current + s] = a == -.infinity ? a : a + lp(t, extended[s])
            }
        }
        self.alpha = alpha
        let last = (frames - 1) * width
        let total = width > 1 ? logAddExp(alpha[last + width - 1], alpha[last + width - 2]) : alpha[last]
        negativeLogLikelihood = -total
    }

    /// Adds `∂loss/∂lp[t, sample, c] = −γ_t(c)` for this sample's frames into `gradient`
    /// (laid out as the log-probabilities). Only for a finite loss.
    func addGradient(into gradient: inout [Double]) {
        guard frames > 0 else { return }
        let width = extended.count
        func lp(_ t: Int, _ c: Int) -> Double { values[(t * batch + sample) * classes + c] }
        // beta[s] at the current frame, including that frame's emission (as PyTorch defines it).
        var beta = [Double](repeating: -.infinity, count: width)
        var next = beta
        var posterior = [Double](repeating: -.infinity, count: classes)
        for t in stride(from: frames - 1, through: 0, by: -1) {
            if t == frames - 1 {
                beta[width - 1] = lp(t, extended[width - 1])
                if width > 1 { beta[width - 2] = lp(t, extended[width - 2]) }
            } else {
                for s in 0..<width {
                    var b = next[s]
                    if s + 1 < width { b = logAddExp(b, next[s + 1]) }
                    if s + 2 < width && extended[s] != blank && extended[s] != extended[s + 2] {
                        b = logAddExp(b, next[s + 2])
                    }
                    beta[s] = b == -.infinity ? b : b + lp(t, extended[s])
                }
            }
            // γ_t(c) = Σ_{s: l'_s = c} exp(α_t(s) + β_t(s) − lp_t(c) + nll).
            for c in posterior.indices { posterior[c] = -.infinity }
            for s in 0..<width {
                let c = extended[s]
                posterior[c] = logAddExp(posterior[c], alpha[t * width + s] + beta[s])
            }
            let row = (t * batch + sample) * classes
            for c in 0..<classes where posterior[c] > -.infinity {
                gradient[row + c] -= Foundation.exp(posterior[c] - lp(t, c) + negativeLogLikelihood)
            }
            swap(&beta, &next)
        }
    }
}

/// log(eᵃ + eᵇ) without overflow, with −∞ as the log of zero.
private func logAddExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    let m = Swift.max(a, b)
    return m + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
}
