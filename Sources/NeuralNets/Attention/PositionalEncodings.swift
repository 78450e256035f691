import Foundation
import Tensors

/// The fixed sinusoidal position encoding of Vaswani et al. (2017), added to the input:
/// `pe[p, 2i] = sin(p / base^(2i/d))`, `pe[p, 2i+1] = cos(p / base^(2i/d))`.
///
/// The table `[maxLength, dModel]` is a buffer named `pe` (saved in the state dictionary, not
/// trained). Input `[S, N, dModel]`, or `[N, S, dModel]` with `batchFirst`, or `[S, dModel]`.
public final class SinusoidalPositionalEncoding: Module, UnaryLayer {
    public let dModel: Int
    public let batchFirst: Bool
    /// `[maxLength, dModel]`.
    @Buffer public var table: Tensor
    public let dropout: Dropout

    /// - Precondition: `dModel` and `maxLength` are positive.
    public init(dModel: Int, maxLength: Int = 5000, base: Double = 10000, dropout: Double = 0, batchFirst: Bool = false,
                dtype: DType = .float32) {
        self.dModel = dModel
        self.batchFirst = batchFirst
        table = Self.table(length: maxLength, dModel: dModel, base: base, dtype: dtype)
        self.dropout = Dropout(p: dropout)
    }

    public override var ownBuffers: [(String, Tensor)] { [("pe", table)] }

    /// The encodings of positions `0..<length`, `[length, dModel]`.
    /// - Precondition: `length` and `dModel` are positive.
    public static func table(length: Int, dModel: Int, base: Double = 10000, dtype: DType = .float32) -> Tensor {
        precondition(length > 0 && dModel > 0, "SinusoidalPositionalEncoding: length \(length) and dModel \(dModel) must be positive")
        var values = [Double](repeating: 0, count: length * dModel)
        for p in 0..<length {
            for i in stride(from: 0, to: dModel, by: 2) {
                let angle = Double(p) / Foundation.pow(base, Double(i) / Double(dModel))
                values[p * dModel + i] = Foundation.sin(angle)
                if i + 1 < dModel { values[p * dModel + i + 1] = Foundation.cos(angle) }
            }
        }
        return Tensor(values, shape: [length, dModel]).to(dtype)
    }

    /// `x + pe[offset ..< offset + S]` (then dropout in training mode).
    /// - Precondition: the positions fit in the table; `x` ends in `dModel`.
    public func callAsFunction(_ x: Tensor, offset: Int) -> Tensor {
        dropout(x + positionRows(table, x, offset: offset, batchFirst: batchFirst, name: "SinusoidalPositionalEncoding"))
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, offset: 0) }
}

/// A learned absolute position embedding (as in BERT and GPT-2), added to the input: a
/// parameter `weight` `[maxLength, dModel]`, initialised from N(0, std²).
///
/// Input `[S, N, dModel]`, or `[N, S, dModel]` with `batchFirst`, or `[S, dModel]`.
public final class LearnedPositionalEmbedding: Module, UnaryLayer {
    public let weight: Tensor
    public let batchFirst: Bool

    /// - Precondition: sizes are positive.
    public init(maxLength: Int, dModel: Int, std: Double = 0.02, batchFirst: Bool = false, dtype: DType = .float32) {
        precondition(maxLength > 0 && dModel > 0, "LearnedPositionalEmbedding: sizes must be positive, got \(maxLength) × \(dModel)")
        weight = Tensor.normal([maxLength, dModel], std: std, dtype: dtype).requiringGrad()
        self.batchFirst = batchFirst
    }

    /// `x + weight[offset ..< offset + S]`.
    public func callAsFunction(_ x: Tensor, offset: Int) -> Tensor {
        x + positionRows(weight, x, offset: offset, batchFirst: batchFirst, name: "LearnedPositionalEmbedding")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, offset: 0) }
}

/// Rows `offset ..< offset + S` of a `[maxLength, d]` table, shaped to broadcast against `x`.
private func positionRows(_ table: Tensor, _ x: Tensor, offset: Int, batchFirst: Bool, name: String) -> Tensor {
    precondition(x.rank == 2 || x.rank == 3, "\(name): input must be [S, N, d], [N, S, d] or [S, d], got \(x.shape)")
    precondition(x.shape.last == table.shape[1], "\(name): input \(x.shape) does not end in \(table.shape[1])")
    let length = x.rank == 3 && batchFirst ? x.shape[1] : x.shape[0]
    precondition(offset >= 0 && offset + length <= table.shape[0],
                 "\(name): positions \(offset)..<\(offset + length) exceed the table's \(table.shape[0])")
    let rows = table.narrowed(axis: 0, start: offset, length: length).to(x.dtype)
    if x.rank == 2 { return rows }
    return batchFirst ? rows.unsqueezed(axis: 0) : rows.unsqueezed(axis: 1)
}

/// Rotary position embedding, RoPE (Su et al. 2021, RoFormer): rotates each pair of features of
/// a query or key by an angle proportional to its position, `p·θ_i` with `θ_i = base^(−2i/d)`,
/// so that the dot product of a query and a key depends on their relative position.
///
/// Applied to queries and keys `[..., S, headDim]` (after the heads are split). Pairs are
/// `(2i, 2i+1)` as in the paper by default; `interleaved: false` pairs `(i, i + d/2)`, the
/// GPT-NeoX/LLaMA layout.
public struct RotaryPositionalEncoding: Sendable {
    public let headDim: Int
    public let base: Double
    public let interleaved: Bool

    /// - Precondition: `headDim` is even and positive.
    public init(headDim: Int, base: Double = 10000, interleaved: Bool = true) {
        precondition(headDim > 0 && headDim % 2 == 0, "RotaryPositionalEncoding: headDim must be even and positive, got \(headDim)")
        self.headDim = headDim
        self.base = base
        self.interleaved = interleaved
    }

    /// The angle of feature pair `i` at position `p`: `p · base^(−2i/headDim)`.
    public func angle(position p: Int, pair i: Int) -> Double {
        Double(p) * Foundation.pow(base, -2 * Double(i) / Double(headDim))
    }

    /// `x` rotated: `x ⊙ cos + rotate(x) ⊙ sin` for positions `offset ..< offset + S`, where
    /// `S` is the second-to-last axis.
    /// - Precondition: `x` is `[..., S, headDim]` in a float dtype.
    public func callAsFunction(_ x: Tensor, offset: Int = 0) -> Tensor {
        precondition(x.rank >= 2 && x.shape.last == headDim,
                     "RotaryPositionalEncoding: input must be [..., S, \(headDim)], got \(x.shape)")
        precondition(x.dtype.isFloatingPoint, "RotaryPositionalEncoding: input must be float32 or float64")
        let length = x.shape[x.rank - 2], half = headDim / 2
        var cosines = [Double](repeating: 0, count: length * headDim), sines = cosines
        for s in 0..<length {
            for i in 0..<half {
                let a = angle(position: offset + s, pair: i)
                for feature in interleaved ? [2 * i, 2 * i + 1] : [i, i + half] {
                    cosines[s * headDim + feature] = Foundation.cos(a)
                    sines[s * headDim + feature] = Foundation.sin(a)
                }
            }
        }
        let cos = Tensor(cosines, shape: [length, headDim]).to(x.dtype)
        let sin = Tensor(sines, shape: [length, headDim]).to(x.dtype)
        return x * cos + rotatedHalf(x) * sin
    }

    /// Each pair `(a, b)` replaced by `(−b, a)`.
    private func rotatedHalf(_ x: Tensor) -> Tensor {
        if interleaved {
            let pairs = x.reshaped(Array(x.shape.dropLast()) + [headDim / 2, 2]).unbind(axis: -1)
            return Tensor.stack([-pairs[1], pairs[0]], axis: -1).reshaped(x.shape)
        }
        let halves = x.split(parts: 2, axis: -1)
        return Tensor.concat([-halves[1], halves[0]], axis: -1)
    }
}

/// Attention with linear biases, ALiBi (Press et al. 2022): no position embedding; instead each
/// head `h` adds `−m_h · distance` to its attention scores, with head slopes `m_h` forming the
/// geometric sequence of the paper.
public struct ALiBi: Sendable {
    public let numHeads: Int
    /// One slope per head.
    public let slopes: [Double]

    /// - Precondition: `numHeads > 0`.
    public init(numHeads: Int) {
        self.numHeads = numHeads
        slopes = Self.slopes(numHeads: numHeads)
    }

    /// The paper's slopes: for `n` a power of two, `2^(−8/n), 2^(−16/n), …, 2^(−8)`; otherwise
    /// those of the largest power of two below `n`, followed by every other slope of twice that
    /// power (the reference implementation's rule).
    public static func slopes(numHeads n: Int) -> [Double] {
        precondition(n > 0, "ALiBi: numHeads must be positive, got \(n)")
        func powerOfTwo(_ n: Int) -> [Double] {
            let start = Foundation.pow(2, -8 / Double(n))
            return (1...n).map { Foundation.pow(start, Double($0)) }
        }
        if n & (n - 1) == 0 { return powerOfTwo(n) }
        let closest = 1 << (Int.bitWidth - 1 - n.leadingZeroBitCount)
        let extra = slopes(numHeads: 2 * closest).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        return powerOfTwo(closest) + extra.prefix(n - closest)
    }

    /// The additive bias `[numHeads, queries, keys]`: `−m_h · |q_i − j|`, where query `i` sits at
    /// position `q_i = i + keys − queries` (the queries are the last positions, as when decoding
    /// with cached keys). With `causal`, keys after each query are −∞, so the result is also the
    /// causal mask and reproduces the paper exactly; without it the bias is the symmetric
    /// (bidirectional) variant. Add it to the scores: pass it as the mask of
    /// ``scaledDotProductAttention(_:_:_:mask:isCausal:scale:dropout:)`` with `[N, numHeads, L, S]`
    /// inputs.
    public func bias(queries: Int, keys: Int, causal: Bool = false, dtype: DType = .float32) -> Tensor {
        precondition(queries >= 0 && keys >= 0, "ALiBi.bias: lengths must be non-negative")
        var values = [Double](repeating: 0, count: numHeads * queries * keys)
        for h in 0..<numHeads {
            for i in 0..<queries {
                let position = i + keys - queries
                for j in 0..<keys {
                    let distance = Double(position - j)
                    values[(h * queries + i) * keys + j] = causal && distance < 0 ? -.infinity : -slopes[h] * Swift.abs(distance)
                }
            }
        }
        return Tensor(values, shape: [numHeads, queries, keys]).to(dtype)
    }
}
