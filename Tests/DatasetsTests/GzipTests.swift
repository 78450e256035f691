import Foundation
import Testing
import Tensors
@testable import Datasets

/// MLHub's DEFLATE decoder against files written by Python's zlib
/// (`Fixtures/generate_gzip_fixtures.py`).
@Suite("DatasetsGzip")
struct GzipTests {
    static let cases = ["empty", "text_default", "text_best", "text_fixed_huffman", "skewed_huffman_only", "runs_rle",
                        "random_bytes", "stored_level0", "one_byte", "header_fields", "two_members"]

    static func fixture(_ name: String, _ ext: String) throws -> Data {
        try Data(contentsOf: fixturesDirectory.appendingPathComponent("gzip/\(name).\(ext)"))
    }

    @Test(arguments: cases)
    func decompressesWhatZlibWrote(_ name: String) throws {
        let compressed = try Self.fixture(name, "gz")
        #expect(Gzip.isGzip(compressed))
        #expect(try Gzip.decompress(compressed) == Self.fixture(name, "raw"))
    }

    @Test func prefixDecodingStopsEarly() throws {
        let raw = try Self.fixture("text_best", "raw")
        let prefix = try Gzip.decompressPrefix(try Self.fixture("text_best", "gz"), byteCount: 1000)
        #expect(prefix == raw.prefix(1000))
        #expect(try Gzip.decompressPrefix(try Self.fixture("one_byte", "gz"), byteCount: 10) == Data("x".utf8))
    }

    @Test func crcMatchesTheStandardCheckValue() {
        // The CRC-32 of "123456789" is 0xCBF43926 (the catalogue's check value).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func damagedFilesGiveTypedErrors() throws {
        let good = [UInt8](try Self.fixture("text_default", "gz"))
        // Cut inside the trailer, inside the stream, and inside the header.
        expectError(.truncated(field: "gzip trailer", offset: good.count - 8, needed: 8, available: 4)) {
            try Gzip.decompress(Data(good.dropLast(4)))
        }
        expectError(.truncated(field: "compressed stream", offset: 60, needed: 1, available: 0)) {
            try Gzip.decompress(Data(good.prefix(60)))
        }
        expectError(.truncated(field: "gzip header", offset: 0, needed: 10, available: 5)) {
            try Gzip.decompress(Data(good.prefix(5)))
        }
        // A wrong signature, method and checksum.
        var bad = good
        bad[0] = 0x50
        expectError(.corruptCompressedData(offset: 0, reason: "not a gzip file (expected the signature 1F 8B)")) {
            try Gzip.decompress(Data(bad))
        }
        bad = good
        bad[2] = 7
        expectError(.corruptCompressedData(offset: 2, reason: "unknown compression method 7 (gzip uses 8, DEFLATE)")) {
            try Gzip.decompress(Data(bad))
        }
        bad = good
        bad[bad.count - 8] ^= 0xFF
        #expect(throws: DatasetError.self) { try Gzip.decompress(Data(bad)) }
        do {
            _ = try Gzip.decompress(Data(bad))
        } catch {
            guard case .checksumMismatch = error else { Issue.record("expected a checksum mismatch, got \(error)"); return }
        }
    }

    @Test func reservedBlockTypeAndBadStoredLength() {
        // Header, then a final block of type 3 (bits 1, 11).
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        expectError(.corruptCompressedData(offset: 11, reason: "block type 3 is reserved")) {
            try Gzip.decompress(Data(header + [0b0000_0111, 0, 0, 0, 0, 0, 0, 0, 0]))
        }
        // A stored block whose length complement is wrong.
        expectError(.corruptCompressedData(offset: 11, reason: "a stored block's length and its complement disagree")) {
            try Gzip.decompress(Data(header + [0b0000_0001, 5, 0, 0, 0] + [UInt8](repeating: 0, count: 13)))
        }
    }

    @Test func outputIsLimited() throws {
        let compressed = try Self.fixture("runs_rle", "gz")
        expectError(.limitExceeded(what: "decompressed bytes", value: 5001, limit: 5000)) {
            try Gzip.decompress(compressed, limit: 5000)
        }
    }

    @Test func matchesBeforeTheStartAreRejected() throws {
        // A fixed-Huffman block whose first symbol is a length/distance pair: nothing to copy.
        // Symbol 257 (length 3) is the 7-bit code 0000001, distance code 0 is 00000.
        var bits: [Int] = [1, 1, 0]                // BFINAL, BTYPE = 01 (LSB first)
        bits += [0, 0, 0, 0, 0, 0, 1]              // code 0000001, most significant bit first
        bits += [0, 0, 0, 0, 0]                    // distance 1
        var bytes = [UInt8](repeating: 0, count: 4)
        for (i, b) in bits.enumerated() where b == 1 { bytes[i / 8] |= 1 << (i % 8) }
        do {
            _ = try bytes.withUnsafeBufferPointer { try Inflate.decompress($0, outputLimit: 100) }
            Issue.record("expected an error")
        } catch let error as DatasetError {
            guard case .corruptCompressedData(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("before the start"))
        }
    }

    @Test func corruptedStreamsNeverTrap() throws {
        // Flip bytes all over valid files: each attempt must decode or throw, never crash.
        var g = RandomGenerator(seed: 99)
        for name in ["text_best", "skewed_huffman_only", "text_fixed_huffman"] {
            let good = [UInt8](try Self.fixture(name, "gz"))
            for _ in 0..<150 {
                var bad = good
                for _ in 0..<(1 + g.nextInt(below: 3)) {
                    bad[10 + g.nextInt(below: bad.count - 10)] ^= UInt8(1 + g.nextInt(below: 255))
                }
                _ = try? Gzip.decompress(Data(bad), limit: 1 << 20)
            }
            // Random bytes after a valid header.
            for _ in 0..<50 {
                let noise = (0..<200).map { _ in UInt8(g.nextInt(below: 256)) }
                _ = try? Gzip.decompress(Data(good.prefix(10) + noise), limit: 1 << 20)
            }
        }
    }
}
