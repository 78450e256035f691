import Foundation
import Tensors

/// A mono sound: amplitude samples in [−1, 1] at a fixed sample rate.
public struct AudioClip: Sendable, Equatable {
    /// The samples, one per 1/``sampleRate`` seconds, in [−1, 1] (``wav()`` clips others).
    public var samples: [Double]
    /// Samples per second (Hz), positive.
    public var sampleRate: Int

    /// A clip from samples at `sampleRate` Hz.
    public init(samples: [Double], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    /// The length in seconds.
    public var duration: Double { Double(samples.count) / Double(sampleRate) }

    /// The samples as a `float64` tensor `[samples]`.
    public var tensor: Tensor { Tensor(samples, shape: [samples.count]) }

    /// The root-mean-square amplitude.
    public var rms: Double {
        samples.isEmpty ? 0 : (samples.reduce(0) { $0 + $1 * $1 } / Double(samples.count)).squareRoot()
    }

    /// The clip as a WAV file (16-bit PCM, mono), for an `<audio>` element or a download.
    public func wav() -> Data {
        var data = Data()
        func append32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        let payload = UInt32(truncatingIfNeeded: samples.count * 2)
        let rate = UInt32(clamping: sampleRate)
        data.append(contentsOf: Array("RIFF".utf8))
        append32(36 + payload)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append32(16)                      // size of the format chunk
        append16(1)                       // PCM
        append16(1)                       // one channel
        append32(rate)
        append32(rate &* 2)               // bytes per second
        append16(2)                       // bytes per frame
        append16(16)                      // bits per sample
        data.append(contentsOf: Array("data".utf8))
        append32(payload)
        for s in samples {
            let clipped = s.isNaN ? 0 : Swift.min(Swift.max(s, -1), 1)
            append16(UInt16(bitPattern: Int16((clipped * 32767).rounded())))
        }
        return data
    }
}

/// Seeded sound generators for lessons on signals, spectra and audio classification.
extension Dataset {
    /// A sine tone `amplitude·sin(2π·frequency·t)`, plus Gaussian noise with standard deviation
    /// `noise`, clipped to [−1, 1].
    ///
    /// - Parameters:
    ///   - frequency: in hertz, below half the sample rate (the Nyquist limit).
    ///   - duration: in seconds.
    ///   - sampleRate: samples per second.
    ///   - amplitude: peak amplitude in [0, 1].
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for out-of-range values,
    ///   ``DatasetError/limitExceeded(what:value:limit:)`` for more than
    ///   ``generatorElementLimit`` samples.
    public static func tone(frequency: Double = 440, duration: Double = 1, sampleRate: Int = 16_000,
                            amplitude: Double = 0.5, noise: Double = 0, seed: UInt64 = 0) throws(DatasetError) -> AudioClip {
        try chirp(from: frequency, to: frequency, duration: duration, sampleRate: sampleRate, amplitude: amplitude,
                  noise: noise, seed: seed)
    }

    /// A linear chirp whose frequency sweeps from `from` to `to` hertz over the clip:
    /// `amplitude·sin(2π·(f₀·t + (f₁ − f₀)·t²/(2·duration)))`, plus Gaussian noise, clipped to
    /// [−1, 1]. The instantaneous frequency at time `t` is `f₀ + (f₁ − f₀)·t/duration`.
    ///
    /// - Throws: as ``tone(frequency:duration:sampleRate:amplitude:noise:seed:)``; both
    ///   frequencies must lie below half the sample rate.
    public static func chirp(from start: Double = 200, to end: Double = 2000, duration: Double = 1,
                             sampleRate: Int = 16_000, amplitude: Double = 0.5, noise: Double = 0,
                             seed: UInt64 = 0) throws(DatasetError) -> AudioClip {
        let n = try audioLength(duration: duration, sampleRate: sampleRate)
        for (name, f) in [("from", start), ("to", end)] {
            guard f.isFinite && f >= 0 && f < Double(sampleRate) / 2 else {
                throw .invalidParameter(name: name, value: "\(f) Hz", expected: "a frequency in [0, \(sampleRate / 2)) Hz (half the sample rate)")
            }
        }
        try Check.fraction(amplitude, "amplitude")
        try Check.nonNegative(noise, "noise")
        var g = RandomGenerator(seed: seed)
        let rate = Double(sampleRate)
        let sweep = (end - start) / (2 * duration)
        let samples = (0..<n).map { i -> Double in
            let t = Double(i) / rate
            // The phase in cycles; only its fractional part matters, which keeps sin accurate.
            let cycles = start * t + sweep * t * t
            let value = amplitude * sin(2 * Double.pi * (cycles - cycles.rounded(.down))) + g.normal(std: noise)
            return Swift.min(Swift.max(value, -1), 1)
        }
        return AudioClip(samples: samples, sampleRate: sampleRate)
    }

    /// White noise: independent samples uniform in [−amplitude, amplitude] (RMS
    /// `amplitude/√3`).
    /// - Throws: as ``tone(frequency:duration:sampleRate:amplitude:noise:seed:)``.
    public static func whiteNoise(duration: Double = 1, sampleRate: Int = 16_000, amplitude: Double = 0.5,
                                  seed: UInt64 = 0) throws(DatasetError) -> AudioClip {
        let n = try audioLength(duration: duration, sampleRate: sampleRate)
        try Check.fraction(amplitude, "amplitude")
        var g = RandomGenerator(seed: seed)
        return AudioClip(samples: (0..<n).map { _ in g.uniform(-amplitude...amplitude) }, sampleRate: sampleRate)
    }

    /// Short clips in three classes — a tone, a chirp, white noise — for audio classification.
    ///
    /// Tones have a random frequency in [200, 2000) Hz; chirps sweep between two random
    /// frequencies in that band (up or down); amplitudes are random in [0.3, 0.8). Every clip
    /// gets Gaussian background noise with standard deviation `noise`. Classes are balanced and
    /// shuffled.
    ///
    /// - Returns: features `[count, duration·sampleRate]` `float64` (the samples), target
    ///   `[count]` `int64`: 0 tone, 1 chirp, 2 noise.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for a sample rate below
    ///   4,000 Hz or other bad values; ``DatasetError/limitExceeded(what:value:limit:)`` past
    ///   ``generatorElementLimit`` numbers in all.
    public static func audioClips(count: Int = 150, duration: Double = 0.25, sampleRate: Int = 8000,
                                  noise: Double = 0.02, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count", atLeast: 3)
        guard sampleRate >= 4000 else {
            throw .invalidParameter(name: "sampleRate", value: "\(sampleRate)", expected: "at least 4000 Hz (frequencies reach 2000 Hz)")
        }
        let n = try audioLength(duration: duration, sampleRate: sampleRate)
        try Check.size(count, n)
        try Check.nonNegative(noise, "noise")
        var g = RandomGenerator(seed: seed)
        var clips: [[Double]] = [], labels: [Int] = []
        for (label, k) in evenSplit(count, into: 3).enumerated() {
            for _ in 0..<k {
                let amplitude = g.uniform(0.3...0.8), clipSeed = g.next()
                let clip: AudioClip
                switch label {
                case 0:
                    clip = try tone(frequency: g.uniform(200...1999), duration: duration, sampleRate: sampleRate,
                                    amplitude: amplitude, noise: noise, seed: clipSeed)
                case 1:
                    clip = try chirp(from: g.uniform(200...1999), to: g.uniform(200...1999), duration: duration,
                                     sampleRate: sampleRate, amplitude: amplitude, noise: noise, seed: clipSeed)
                default:
                    let white = try whiteNoise(duration: duration, sampleRate: sampleRate, amplitude: amplitude, seed: clipSeed)
                    clip = AudioClip(samples: white.samples.map { Swift.min(Swift.max($0 + g.normal(std: noise), -1), 1) },
                                     sampleRate: sampleRate)
                }
                clips.append(clip.samples)
                labels.append(label)
            }
        }
        return labelledDataset(points: clips, labels: labels, featureNames: (0..<n).map { "sample\($0)" },
                               targetNames: ["tone", "chirp", "noise"],
                               source: "audioClips(count: \(count), duration: \(duration), sampleRate: \(sampleRate), noise: \(noise), seed: \(seed))",
                               shuffleWith: &g)
    }

    /// The number of samples of a clip, after checking the duration and rate.
    private static func audioLength(duration: Double, sampleRate: Int) throws(DatasetError) -> Int {
        try Check.range(sampleRate, "sampleRate", 1...384_000)
        try Check.positive(duration, "duration")
        let samples = (duration * Double(sampleRate)).rounded()
        guard samples <= Double(generatorElementLimit) else {
            throw .limitExceeded(what: "audio samples", value: samples < Double(Int.max) ? Int(samples) : .max,
                                 limit: generatorElementLimit)
        }
        guard samples >= 1 else {
            throw .invalidParameter(name: "duration", value: "\(duration) s", expected: "at least one sample at \(sampleRate) Hz")
        }
        return Int(samples)
    }
}
