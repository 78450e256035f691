import Foundation
import Testing
import Tensors
@testable import Datasets

@Suite("DatasetsTextCorpus")
struct TextCorpusTests {
    @Test func corpusHasFourTopics() {
        let corpus = Dataset.textCorpus()
        #expect(corpus.topics == ["machine learning", "cooking", "weather", "travel"])
        #expect(corpus.count == 205)
        #expect(corpus.labels.count == 205)
        var counts = [0, 0, 0, 0]
        for label in corpus.labels { counts[label] += 1 }
        #expect(counts == [55, 50, 50, 50])
        #expect(Set(corpus.documents).count == corpus.count, "every sentence is distinct")
        #expect(corpus.documents.allSatisfy { $0.hasSuffix(".") && $0.first!.isUppercase })
    }

    @Test func tokenizesWords() {
        #expect(TextCorpus.tokenize("Don't stop, the 3 cats!") == ["don't", "stop", "the", "3", "cats"])
        #expect(TextCorpus.tokenize("  ") == [])
    }

    @Test func bagOfWordsCountsTokens() throws {
        let corpus = try TextCorpus(documents: ["the cat sat", "the dog", "a cat and the cat"], labels: [0, 1, 0],
                                topics: ["cats", "dogs"])
        #expect(corpus.vocabulary() == ["cat", "the", "a", "and", "dog", "sat"])  // 3, 3, then 1 each
        #expect(corpus.vocabulary(minCount: 2) == ["cat", "the"])
        let counts = corpus.bagOfWords(vocabulary: ["cat", "the", "zebra"])
        #expect(counts.shape == [3, 3])
        #expect(counts.scalars(as: Double.self) == [1, 1, 0, 0, 1, 0, 2, 1, 0])
        let data = Dataset.textCorpus().bagOfWordsDataset(minCount: 2)
        #expect(data.count == 205 && data.targetNames.count == 4)
        #expect(data.featureNames.first == "the")
        expectError(.invalidParameter(name: "label", value: "2", expected: "an index into the 2 topics")) {
            try TextCorpus(documents: ["a"], labels: [2], topics: ["x", "y"])
        }
    }

    @Test func shufflingKeepsLabelsWithSentences() {
        let corpus = Dataset.textCorpus()
        let shuffled = corpus.shuffled(seed: 3)
        #expect(shuffled.documents != corpus.documents)
        #expect(shuffled.documents.sorted() == corpus.documents.sorted())
        let topicOf = Dictionary(uniqueKeysWithValues: zip(corpus.documents, corpus.labels))
        #expect(zip(shuffled.documents, shuffled.labels).allSatisfy { topicOf[$0] == $1 })
        #expect(shuffled == corpus.shuffled(seed: 3))
    }
}

@Suite("DatasetsAudio")
struct AudioTests {
    /// Sign changes per second / 2 estimates a sine's frequency.
    func zeroCrossingFrequency(_ samples: ArraySlice<Double>, sampleRate: Int) -> Double {
        var crossings = 0
        for (a, b) in zip(samples, samples.dropFirst()) where (a < 0) != (b < 0) { crossings += 1 }
        return Double(crossings) / 2 / (Double(samples.count) / Double(sampleRate))
    }

    /// The magnitude of the discrete Fourier component at `frequency`.
    func power(_ samples: [Double], at frequency: Double, sampleRate: Int) -> Double {
        var re = 0.0, im = 0.0
        for (i, s) in samples.enumerated() {
            let angle = 2 * Double.pi * frequency * Double(i) / Double(sampleRate)
            re += s * cos(angle)
            im -= s * sin(angle)
        }
        return (re * re + im * im).squareRoot() / Double(samples.count)
    }

    @Test func toneHasItsFrequencyAndAmplitude() throws {
        let tone = try Dataset.tone(frequency: 440, duration: 0.5, sampleRate: 8000, amplitude: 0.6)
        #expect(tone.samples.count == 4000 && tone.duration == 0.5)
        #expect(Swift.abs(zeroCrossingFrequency(tone.samples[...], sampleRate: 8000) - 440) < 3)
        #expect(Swift.abs(tone.samples.map(Swift.abs).max()! - 0.6) < 1e-3)
        #expect(Swift.abs(tone.rms - 0.6 / 2.squareRoot()) < 1e-3)
        // A pure sine's spectrum: half the amplitude at its frequency, almost nothing elsewhere.
        #expect(Swift.abs(power(tone.samples, at: 440, sampleRate: 8000) - 0.3) < 0.01)
        #expect(power(tone.samples, at: 1000, sampleRate: 8000) < 0.01)
        let noisy = try Dataset.tone(frequency: 440, duration: 0.5, sampleRate: 8000, amplitude: 0.3, noise: 0.1, seed: 1)
        let residual = zip(noisy.samples, tone.samples).map { $0 - $1 * 0.5 }
        #expect(Swift.abs(meanAndStd(residual).std - 0.1) < 0.01)
    }

    @Test func chirpSweepsItsBand() throws {
        let chirp = try Dataset.chirp(from: 200, to: 1800, duration: 1, sampleRate: 16_000)
        // The instantaneous frequency at t is 200 + 1600 t; average over the first and last tenth.
        #expect(Swift.abs(zeroCrossingFrequency(chirp.samples[0..<1600], sampleRate: 16_000) - 280) < 10)
        #expect(Swift.abs(zeroCrossingFrequency(chirp.samples[14_400...], sampleRate: 16_000) - 1720) < 10)
        expectError(.invalidParameter(name: "to", value: "5000.0 Hz", expected: "a frequency in [0, 4000) Hz (half the sample rate)")) {
            try Dataset.chirp(from: 100, to: 5000, sampleRate: 8000)
        }
    }

    @Test func whiteNoiseHasItsLevel() throws {
        let noise = try Dataset.whiteNoise(duration: 1, sampleRate: 16_000, amplitude: 0.6, seed: 2)
        #expect(noise.samples.allSatisfy { Swift.abs($0) <= 0.6 })
        #expect(Swift.abs(noise.rms - 0.6 / 3.squareRoot()) < 0.005)
        #expect(Swift.abs(meanAndStd(noise.samples).mean) < 0.01)
        #expect(noise == (try Dataset.whiteNoise(duration: 1, sampleRate: 16_000, amplitude: 0.6, seed: 2)))
    }

    @Test func clipsForClassification() throws {
        let data = try Dataset.audioClips(count: 30, duration: 0.1, sampleRate: 8000, seed: 3)
        #expect(data.features.shape == [30, 800])
        #expect(data.targetNames == ["tone", "chirp", "noise"])
        #expect(classCounts(data.target, classes: 3) == [10, 10, 10])
        #expect(data.features.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= 1 })
        let again = try Dataset.audioClips(count: 30, duration: 0.1, sampleRate: 8000, seed: 3)
        #expect(again.features.scalars(as: Double.self) == data.features.scalars(as: Double.self))
    }

    @Test func wavFilesHaveAValidHeader() throws {
        let clip = AudioClip(samples: [0, 1, -1, 0.5], sampleRate: 8000)
        let wav = [UInt8](clip.wav())
        #expect(wav.count == 44 + 8)
        #expect(String(decoding: wav[0..<4], as: UTF8.self) == "RIFF")
        #expect(String(decoding: wav[8..<16], as: UTF8.self) == "WAVEfmt ")
        #expect(wav[4] == 44 && wav[24] == 0x40 && wav[25] == 0x1F)  // chunk size 44, rate 8000 = 0x1F40
        #expect(Array(wav[44...]) == [0, 0, 0xFF, 0x7F, 0x01, 0x80, 0x00, 0x40])  // 0, 32767, −32767, 16384
    }

    @Test func limitsAndParameters() {
        expectError(.limitExceeded(what: "audio samples", value: 48_000_000, limit: Dataset.generatorElementLimit)) {
            try Dataset.tone(duration: 1000, sampleRate: 48_000)
        }
        expectError(.invalidParameter(name: "amplitude", value: "2.0", expected: "a fraction in [0, 1]")) {
            try Dataset.tone(amplitude: 2)
        }
    }
}
