import Foundation
import Testing

/// Snapshot files live next to the tests, in `Tests/ChartsTests/Snapshots/<name>.svg`.
///
/// To re-record them after an intended change of output, run
///
///     RECORD_SNAPSHOTS=1 swift test --filter ChartSnapshot
///
/// which writes the files instead of comparing; then review the diff (and the screenshots the
/// browser test writes) before committing.
enum Snapshots {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Snapshots", isDirectory: true)

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    }

    static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name + ".svg")
    }

    /// Compares `svg` with the committed snapshot byte for byte (or records it).
    static func assertMatches(_ svg: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: url(name))
            return
        }
        if let problem = mismatch(svg, named: name) {
            Issue.record("""
                \(problem)
                If the change is intended, re-record with RECORD_SNAPSHOTS=1 swift test --filter ChartSnapshot
                """, sourceLocation: sourceLocation)
        }
    }

    /// Why `svg` does not match the stored snapshot, or nil when it does, byte for byte.
    static func mismatch(_ svg: String, named name: String) -> String? {
        let file = url(name)
        guard let stored = FileManager.default.contents(atPath: file.path) else {
            return "No snapshot at \(file.path)."
        }
        guard stored != Data(svg.utf8) else { return nil }
        return "Snapshot \(name).svg differs from the rendered chart " + firstDifference(String(decoding: stored, as: UTF8.self), svg)
    }

    /// "at line N: stored … / rendered …", for a readable failure.
    static func firstDifference(_ stored: String, _ rendered: String) -> String {
        let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let b = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end of file>"
            let right = index < b.count ? String(b[index]) : "<end of file>"
            if left != right {
                return "at line \(index + 1):\n  stored:   \(left.prefix(200))\n  rendered: \(right.prefix(200))"
            }
        }
        return "(same lines, different bytes)"
    }
}

/// A small seeded generator (SplitMix64) so the sample data is the same on every run.
struct SampleRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300)
        let v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
