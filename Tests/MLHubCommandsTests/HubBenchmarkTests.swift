import Foundation
import Testing
@testable import Benchmarks

@Suite("hub load benchmark")
struct HubBenchmarkTests {
    @Test func theHubBenchmarkReportsRequestsPerSecondP99P50AndErrors() throws {
        let hub = try #require(BenchmarkSuite.select("hub").first)
        #expect(BenchmarkSuite.select("hub").count == 1)
        #expect(hub.results.map(\.name) == ["hub.lesson_page.rps", "hub.lesson_page.p99_ms", "hub.lesson_page.p50_ms", "hub.lesson_page.errors"])
        #expect(hub.results.map(\.unit) == ["requests/s", "ms", "ms", "requests"])
    }

    /// Feeds `response` to a scanner in pieces of `size` bytes.
    private func scan(_ response: String, pieces size: Int) -> [ResponseScanner.Outcome] {
        var scanner = ResponseScanner()
        let bytes = Array(response.utf8)
        return stride(from: 0, to: bytes.count, by: size).map { start in
            bytes[start..<min(bytes.count, start + size)].withUnsafeBytes { scanner.consume($0) }
        }
    }

    @Test func theScannerFindsTheEndOfAResponseHoweverItArrives() {
        let body = String(repeating: "x", count: 1_000)
        let fixed = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\ncontent-length: 1000\r\n\r\n" + body
        let chunked = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: Chunked\r\n\r\n3e8;x=y\r\n\(body)\r\n0\r\nTrailer: a\r\n\r\n"
        let closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        for size in [1, 7, 100, 10_000] {
            let fixedOutcomes = scan(fixed, pieces: size)
            #expect(fixedOutcomes.last == .complete(status: 200, keepAlive: true), "\(size)")
            #expect(fixedOutcomes.dropLast().allSatisfy { $0 == .needMore }, "\(size)")
            #expect(scan(chunked, pieces: size).last == .complete(status: 404, keepAlive: true), "\(size)")
            #expect(scan(closing, pieces: size).last == .complete(status: 200, keepAlive: false), "\(size)")
        }
        #expect(scan("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", pieces: 100).last == .complete(status: 200, keepAlive: false))
        #expect(scan("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy", pieces: 100).last == .malformed, "bytes after the response")
        #expect(scan("HTTP/1.1 200 OK\r\n\r\n", pieces: 100).last == .malformed, "no length")
        #expect(scan("SSH-2.0\r\n\r\n", pieces: 100).last == .malformed)
    }
}
