import Foundation
import Tensors

/// A small multilayer perceptron trained without the tape: forward and backward passes written
/// by hand over contiguous `Float` buffers.
///
/// Interactive demos train networks such as 2-4-4-1 on batches of ten points tens of thousands
/// of times a second. At that size a training step through the tape is dominated by per-op
/// overhead (tensor allocations, graph nodes); this kernel does the same arithmetic in a few
/// microseconds. Its gradients are checked against the tape version (``makeSequential()``) in
/// the tests, so the two stay interchangeable: a network trained here exports as a
/// ``Sequential`` whose state dictionary loads into the same structure built from layers.
///
/// Structure: `sizes = [inputs, hidden…, outputs]`; each hidden layer is `Linear` followed by
/// its activation, then (in training, when ``dropout`` > 0) inverted dropout, and, where
/// ``residual`` says so (input and output widths equal), the layer's input added back:
/// `a = x + dropout(f(W·x + b))`. The output layer is linear; ``Loss`` turns its values into
/// a loss (sigmoid + binary cross-entropy, softmax + cross-entropy, or mean squared error).
///
/// Parameters live in one flat buffer, layer by layer: the weight `[out, in]` row-major
/// (PyTorch's `Linear` layout) followed by the bias `[out]`.
public final class FusedMLP {
    /// How the output becomes a loss.
    public enum Loss: String, Sendable, Equatable {
        /// One logit per row; targets 0 or 1; as PyTorch's `BCEWithLogitsLoss` (mean).
        case binaryCrossEntropyWithLogits
        /// One logit per class; targets are class indices stored as floats; as `CrossEntropyLoss` (mean).
        case crossEntropy
        /// One value per output; targets `[rows, outputs]`; as `MSELoss` (mean over every element).
        case meanSquaredError
    }

    /// A penalty on the weights (not the biases) added to the gradient.
    public enum WeightPenalty: Sendable, Equatable {
        case none
        /// `rate · Σ|w|`: adds `rate · sign(w)` to each weight's gradient.
        case l1(Double)
        /// `rate · ½ Σ w²`: adds `rate · w` to each weight's gradient.
        case l2(Double)
    }

    /// `[inputs, hidden…, outputs]`.
    public let sizes: [Int]
    /// One activation per hidden layer.
    public let activations: [Activation]
    /// One flag per hidden layer: whether its input is added to its output.
    public let residual: [Bool]
    public let loss: Loss
    /// The probability of dropping a hidden unit in training (0 for none).
    public var dropout: Double = 0 {
        didSet { precondition(dropout >= 0 && dropout < 1, "FusedMLP: dropout must be in [0, 1), got \(dropout)") }
    }
    /// The weight penalty added by ``computeGradients(inputs:targets:rows:generator:)``.
    public var penalty: WeightPenalty = .none

    /// The number of scalar parameters.
    public let parameterCount: Int
    /// The number of linear layers (hidden layers + the output layer).
    public var layerCount: Int { sizes.count - 1 }

    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterBuffer: UnsafeMutablePointer<Float>
    let gradientBuffer: UnsafeMutablePointer<Float>
    let workspace: Workspace

    /// - Precondition: at least two sizes, all positive; one activation and one residual flag
    ///   per hidden layer; residual only where a hidden layer's input and output widths match;
    ///   a single output for binary cross-entropy.
    public init(sizes: [Int], activations: [Activation], residual: [Bool]? = nil, loss: Loss) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "FusedMLP: sizes must be ≥ 2 positive widths, got \(sizes)")
        let hidden = sizes.count - 2
        let residual = residual ?? [Bool](repeating: false, count: hidden)
        precondition(activations.count == hidden && residual.count == hidden,
                     "FusedMLP: need one activation and one residual flag per hidden layer (\(hidden))")
        for (h, on) in residual.enumerated() where on {
            precondition(sizes[h] == sizes[h + 1], "FusedMLP: residual layer \(h) needs equal widths, got \(sizes[h]) → \(sizes[h + 1])")
        }
        precondition(loss != .binaryCrossEntropyWithLogits || sizes.last == 1, "FusedMLP: binary cross-entropy needs one output")
        self.sizes = sizes
        self.activations = activations
        self.residual = residual
        self.loss = loss
        var offset = 0, weights: [Int] = [], biases: [Int] = []
        for l in 0..<(sizes.count - 1) {
            weights.append(offset)
            offset += sizes[l] * sizes[l + 1]
            biases.append(offset)
            offset += sizes[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        parameterCount = offset
        parameterBuffer = .allocate(capacity: offset)
        parameterBuffer.initialize(repeating: 0, count: offset)
        gradientBuffer = .allocate(capacity: offset)
        gradientBuffer.initialize(repeating: 0, count: offset)
        workspace = Workspace(sizes: sizes)
    }

    deinit {
        parameterBuffer.deallocate()
        gradientBuffer.deallocate()
    }

    /// Initialises every weight and bias as PyTorch's `Linear` does: uniform in ±1/√fanIn.
    public func initialize(generator: inout RandomGenerator) {
        for l in 0..<layerCount {
            let bound = 1 / Float(sizes[l]).squareRoot()
            for k in weightOffsets[l]..<(biasOffsets[l] + sizes[l + 1]) {
                parameterBuffer[k] = (2 * generator.nextFloat() - 1) * bound
            }
        }
    }

    /// Every parameter, in the flat layout.
    public var parameters: [Float] {
        get { Array(UnsafeBufferPointer(start: parameterBuffer, count: parameterCount)) }
        set {
            precondition(newValue.count == parameterCount, "FusedMLP: expected \(parameterCount) parameters, got \(newValue.count)")
            newValue.withUnsafeBufferPointer { parameterBuffer.update(from: $0.baseAddress!, count: parameterCount) }
        }
    }

    /// The gradient of the last ``computeGradients(inputs:targets:rows:generator:)``, in the flat layout.
    public var gradients: [Float] { Array(UnsafeBufferPointer(start: gradientBuffer, count: parameterCount)) }

    /// Layer `layer`'s weight, `[out, in]` row-major.
    public func weights(layer: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: parameterBuffer + weightOffsets[layer], count: sizes[layer] * sizes[layer + 1]))
    }

    /// Layer `layer`'s bias.
    public func biases(layer: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: parameterBuffer + biasOffsets[layer], count: sizes[layer + 1]))
    }

    /// Where layer `layer`'s weight and bias start in the flat layout.
    public func offsets(layer: Int) -> (weight: Int, bias: Int) { (weightOffsets[layer], biasOffsets[layer]) }

    /// Gives `body` the parameters and the gradients, for an optimizer.
    public func withParametersAndGradients<R>(_ body: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, Int) throws -> R) rethrows -> R {
        try body(parameterBuffer, gradientBuffer, parameterCount)
    }

    /// `true` when every parameter is finite.
    public var parametersAreFinite: Bool {
        for k in 0..<parameterCount where !parameterBuffer[k].isFinite { return false }
        return true
    }

    // MARK: evaluation

    /// Runs the network on `rows` inputs (`[rows, sizes[0]]` row-major) in evaluation mode (no
    /// dropout), keeping every layer's values for ``withOutputs(_:)`` and ``withHiddenOutputs(layer:_:)``.
    public func forward(inputs: UnsafePointer<Float>, rows: Int) {
        var none = RandomGenerator(seed: 0)
        run(inputs: inputs, rows: rows, training: false, generator: &none)
    }

    /// The outputs of the last forward pass: `[rows, outputs]` row-major (logits for the
    /// cross-entropy losses).
    public func withOutputs<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: workspace.z[layerCount - 1], count: workspace.rows * sizes[layerCount]))
    }

    /// Hidden layer `layer`'s values of the last forward pass, `[rows, width]`: its output
    /// (after any residual addition), or with `unitsOnly` the activations `f(W·x + b)` alone.
    public func withHiddenOutputs<R>(layer: Int, unitsOnly: Bool = false, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(layer >= 0 && layer < layerCount - 1, "FusedMLP: hidden layer \(layer) out of range")
        let pointer = unitsOnly ? workspace.f[layer] : workspace.a[layer]
        return try body(UnsafeBufferPointer(start: pointer, count: workspace.rows * sizes[layer + 1]))
    }

    /// The mean loss on `rows` inputs and targets, in evaluation mode (no dropout, no penalty).
    public func loss(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int) -> Double {
        forward(inputs: inputs, rows: rows)
        return lossAndOutputGradient(targets: targets, rows: rows, writeGradient: false)
    }

    // MARK: training

    /// Forward and backward on one batch: fills the gradients (data loss plus the weight
    /// penalty) and returns the mean data loss (without the penalty). Dropout masks come from
    /// `generator`.
    @discardableResult
    public func computeGradients(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int,
                                 generator: inout RandomGenerator) -> Double {
        precondition(rows > 0, "FusedMLP: need at least one row")
        run(inputs: inputs, rows: rows, training: true, generator: &generator)
        let value = lossAndOutputGradient(targets: targets, rows: rows, writeGradient: true)
        backward(inputs: inputs, rows: rows)
        addPenalty()
        return value
    }

    private func run(inputs: UnsafePointer<Float>, rows: Int, training: Bool, generator: inout RandomGenerator) {
        let workspace = workspace
        workspace.reserve(rows: rows)
        // Local copies: no exclusivity checks on class properties inside the loops.
        let zs = workspace.z, fs = workspace.f, outs = workspace.a, masks = workspace.mask
        let sizes = sizes, layerCount = layerCount, parameters = parameterBuffer
        let dropout = dropout, keep = Float(1 - dropout), dropping = training && dropout > 0
        var previous = inputs
        for l in 0..<layerCount {
            let inWidth = sizes[l], outWidth = sizes[l + 1]
            let w = parameters + weightOffsets[l], b = parameters + biasOffsets[l]
            let z = zs[l]
            Self.affine(previous, w, b, z, rows: rows, inWidth: inWidth, outWidth: outWidth)
            guard l < layerCount - 1 else { break }
            let count = rows * outWidth
            let f = fs[l], a = outs[l], mask = masks[l]
            activations[l].apply(z, f, count: count)
            if dropping {
                let scale = 1 / keep
                for k in 0..<count {
                    mask[k] = generator.nextFloat() < keep ? scale : 0
                    a[k] = f[k] * mask[k]
                }
            } else {
                a.update(from: f, count: count)
            }
            if residual[l] {
                for k in 0..<count { a[k] += previous[k] }
            }
            previous = UnsafePointer(a)
        }
        workspace.rows = rows
        workspace.dropped = dropping
    }

    /// `z = x · Wᵀ + b` for `rows` rows.
    @inline(__always)
    private static func affine(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                               _ z: UnsafeMutablePointer<Float>, rows: Int, inWidth: Int, outWidth: Int) {
        for r in 0..<rows {
            let xr = x + r * inWidth, zr = z + r * outWidth
            for o in 0..<outWidth {
                let wo = w + o * inWidth
                var sum = b[o]
                for i in 0..<inWidth { sum += wo[i] * xr[i] }
                zr[o] = sum
            }
        }
    }

    /// The mean loss of the last forward pass and, when asked, its gradient with respect to the
    /// outputs in `workspace.delta`.
    private func lossAndOutputGradient(targets: UnsafePointer<Float>, rows: Int, writeGradient: Bool) -> Double {
        let outputs = sizes[layerCount], z = workspace.z[layerCount - 1], d = workspace.delta
        var total = 0.0
        switch loss {
        case .binaryCrossEntropyWithLogits:
            let scale = 1 / Float(rows)
            for r in 0..<rows {
                let x = z[r], y = targets[r]
                total += Double(Swift.max(x, 0) - x * y + Foundation.log1p(Foundation.exp(-Swift.abs(x))))
                if writeGradient { d[r] = (Activation.sigmoid(x) - y) * scale }
            }
            return total / Double(rows)
        case .crossEntropy:
            let scale = 1 / Float(rows)
            for r in 0..<rows {
                let zr = z + r * outputs, dr = d + r * outputs
                let label = Int(targets[r])
                precondition(label >= 0 && label < outputs, "FusedMLP: class \(targets[r]) out of range 0..<\(outputs)")
                var largest = zr[0]
                for k in 1..<outputs { largest = Swift.max(largest, zr[k]) }
                var sum: Float = 0
                for k in 0..<outputs { sum += Foundation.exp(zr[k] - largest) }
                total += Double(largest + Foundation.log(sum) - zr[label])
                if writeGradient {
                    for k in 0..<outputs { dr[k] = Foundation.exp(zr[k] - largest) / sum * scale }
                    dr[label] -= scale
                }
            }
            return total / Double(rows)
        case .meanSquaredError:
            let count = rows * outputs, scale = 2 / Float(count)
            for k in 0..<count {
                let e = z[k] - targets[k]
                total += Double(e * e)
                if writeGradient { d[k] = e * scale }
            }
            return total / Double(count)
        }
    }

    private func backward(inputs: UnsafePointer<Float>, rows: Int) {
        let gradients = gradientBuffer, parameters = parameterBuffer, sizes = sizes, layerCount = layerCount
        gradients.update(repeating: 0, count: parameterCount)
        let workspace = workspace
        let outs = workspace.a, zs = workspace.z, fs = workspace.f, masks = workspace.mask, dropped = workspace.dropped
        // `delta` holds ∂L/∂z of the current layer; `upstream` ∂L/∂a of the layer below;
        // `carry` ∂L/∂a of the current layer, passed down through its residual connection.
        let delta = workspace.delta
        var upstream = workspace.upstream, carry = workspace.carry
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let inWidth = sizes[l], outWidth = sizes[l + 1]
            let below = l == 0 ? inputs : UnsafePointer(outs[l - 1])
            let gw = gradients + weightOffsets[l], gb = gradients + biasOffsets[l]
            for r in 0..<rows {
                let dr = delta + r * outWidth, xr = below + r * inWidth
                for o in 0..<outWidth {
                    let g = dr[o]
                    gb[o] += g
                    let gwo = gw + o * inWidth
                    for i in 0..<inWidth { gwo[i] += g * xr[i] }
                }
            }
            guard l > 0 else { break }
            // ∂L/∂a of hidden layer l − 1: through W, plus the residual path of layer l.
            let w = parameters + weightOffsets[l]
            for r in 0..<rows {
                let dr = delta + r * outWidth, ur = upstream + r * inWidth
                for i in 0..<inWidth { ur[i] = 0 }
                for o in 0..<outWidth {
                    let g = dr[o], wo = w + o * inWidth
                    for i in 0..<inWidth { ur[i] += g * wo[i] }
                }
            }
            if l < layerCount - 1 && residual[l] {
                for k in 0..<(rows * inWidth) { upstream[k] += carry[k] }
            }
            // ∂L/∂z of hidden layer l − 1: through the dropout mask and the activation.
            let h = l - 1, count = rows * inWidth
            swap(&carry, &upstream)
            delta.update(from: carry, count: count)
            if dropped {
                let mask = masks[h]
                for k in 0..<count { delta[k] *= mask[k] }
            }
            activations[h].multiplyDerivative(delta, z: zs[h], a: fs[h], count: count)
        }
    }

    private func addPenalty() {
        switch penalty {
        case .none: return
        case .l1(let rate):
            let r = Float(rate)
            for l in 0..<layerCount {
                let w = parameterBuffer + weightOffsets[l], g = gradientBuffer + weightOffsets[l]
                for k in 0..<(sizes[l] * sizes[l + 1]) { g[k] += w[k] > 0 ? r : (w[k] < 0 ? -r : 0) }
            }
        case .l2(let rate):
            let r = Float(rate)
            for l in 0..<layerCount {
                let w = parameterBuffer + weightOffsets[l], g = gradientBuffer + weightOffsets[l]
                for k in 0..<(sizes[l] * sizes[l + 1]) { g[k] += r * w[k] }
            }
        }
    }

    /// The penalty's value for the current weights (`rate·Σ|w|` or `rate·½Σw²`).
    public var penaltyValue: Double {
        var sum = 0.0
        for l in 0..<layerCount {
            let w = parameterBuffer + weightOffsets[l]
            for k in 0..<(sizes[l] * sizes[l + 1]) {
                switch penalty {
                case .none: return 0
                case .l1(let rate): sum += rate * Double(Swift.abs(w[k]))
                case .l2(let rate): sum += rate * 0.5 * Double(w[k] * w[k])
                }
            }
        }
        return sum
    }
}

extension FusedMLP {
    /// Per-layer buffers sized for the largest batch seen so far.
    final class Workspace {
        let sizes: [Int]
        let widest: Int
        private(set) var capacity = 0
        var rows = 0
        var dropped = false
        /// Per linear layer: `z = W·x + b`.
        var z: [UnsafeMutablePointer<Float>] = []
        /// Per hidden layer: `f(z)`, the dropout mask, and the layer's output `a`.
        var f: [UnsafeMutablePointer<Float>] = []
        var mask: [UnsafeMutablePointer<Float>] = []
        var a: [UnsafeMutablePointer<Float>] = []
        var delta = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        var upstream = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        var carry = UnsafeMutablePointer<Float>.allocate(capacity: 1)

        init(sizes: [Int]) {
            self.sizes = sizes
            widest = sizes.max() ?? 1
        }

        func reserve(rows: Int) {
            guard rows > capacity else { return }
            release()
            capacity = Swift.max(rows, capacity * 2)
            let layers = sizes.count - 1
            func make(_ width: Int) -> UnsafeMutablePointer<Float> {
                let p = UnsafeMutablePointer<Float>.allocate(capacity: capacity * width)
                p.initialize(repeating: 0, count: capacity * width)
                return p
            }
            z = (0..<layers).map { make(sizes[$0 + 1]) }
            f = (0..<(layers - 1)).map { make(sizes[$0 + 1]) }
            mask = (0..<(layers - 1)).map { make(sizes[$0 + 1]) }
            a = (0..<(layers - 1)).map { make(sizes[$0 + 1]) }
            delta = make(widest)
            upstream = make(widest)
            carry = make(widest)
        }

        private func release() {
            for p in z + f + mask + a { p.deallocate() }
            delta.deallocate()
            upstream.deallocate()
            carry.deallocate()
        }

        deinit { release() }
    }
}
