import Foundation
import Testing
import Tensors
@testable import Datasets

/// The IDX reader on hand-made files.
@Suite("DatasetsIDX")
struct IDXTests {
    /// An IDX header: magic, type, rank, big-endian sizes.
    func header(_ type: UInt8, _ shape: [Int]) -> [UInt8] {
        [0, 0, type, UInt8(shape.count)] + shape.flatMap { d in (0..<4).map { UInt8((d >> (8 * (3 - $0))) & 0xFF) } }
    }

    @Test func readsUnsignedBytes() throws {
        let file = IDXArray(parsingOrFail: header(0x08, [2, 3]) + [0, 1, 2, 253, 254, 255])
        #expect(file.shape == [2, 3])
        #expect(file.elementType == .uint8)
        #expect(file.values() == [0, 1, 2, 253, 254, 255])
        let t = file.tensor(scale: 1.0 / 255)
        #expect(t.shape == [2, 3] && t.dtype == .float64)
        #expect(t.scalars(as: Double.self)[5] == 1)
        #expect(file.integerTensor().scalars(as: Int.self) == [0, 1, 2, 253, 254, 255])
    }

    @Test func readsBigEndianTypes() throws {
        // int8 −1 and 5; int16 −2 (FF FE) and 258 (01 02); int32 −3; float32 1.5 (3F C0 00 00);
        // float64 −2.25 (C0 02 00 00 00 00 00 00).
        #expect(IDXArray(parsingOrFail: header(0x09, [2]) + [0xFF, 5]).values() == [-1, 5])
        #expect(IDXArray(parsingOrFail: header(0x0B, [2]) + [0xFF, 0xFE, 0x01, 0x02]).values() == [-2, 258])
        #expect(IDXArray(parsingOrFail: header(0x0C, [1]) + [0xFF, 0xFF, 0xFF, 0xFD]).values() == [-3])
        #expect(IDXArray(parsingOrFail: header(0x0D, [1]) + [0x3F, 0xC0, 0, 0]).values() == [1.5])
        #expect(IDXArray(parsingOrFail: header(0x0E, [1]) + [0xC0, 0x02, 0, 0, 0, 0, 0, 0]).values() == [-2.25])
    }

    @Test func firstRowsReadsAPrefix() throws {
        let file = try IDXArray(parsing: Data(header(0x08, [3, 2]) + [1, 2, 3, 4, 5, 6]), firstRows: 2)
        #expect(file.shape == [2, 2])
        #expect(file.values() == [1, 2, 3, 4])
        // A prefix needs only its own bytes.
        #expect(try IDXArray(parsing: Data(header(0x08, [3, 2]) + [1, 2]), firstRows: 1).values() == [1, 2])
    }

    @Test func malformedFilesGiveTypedErrors() {
        expectError(.truncated(field: "IDX header", offset: 0, needed: 4, available: 3)) {
            try IDXArray(parsing: Data([0, 0, 8]))
        }
        expectError(.badMagic(offset: 0, found: [0x1F, 0x8B])) {
            try IDXArray(parsing: Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0]))
        }
        expectError(.unknownElementType(offset: 2, code: 0x0A)) { try IDXArray(parsing: Data([0, 0, 0x0A, 1, 0, 0, 0, 1, 0])) }
        // Rank 3 announced, but only one size follows.
        expectError(.truncated(field: "IDX dimension sizes", offset: 4, needed: 12, available: 4)) {
            try IDXArray(parsing: Data([0, 0, 8, 3, 0, 0, 0, 2]))
        }
        // 2×3 int16 needs 12 bytes of data.
        expectError(.truncated(field: "IDX data", offset: 12, needed: 12, available: 5)) {
            try IDXArray(parsing: Data(header(0x0B, [2, 3]) + [1, 2, 3, 4, 5]))
        }
        expectError(.limitExceeded(what: "elements", value: 60_000 * 784, limit: 1_000_000)) {
            try IDXArray(parsing: Data(header(0x08, [60_000, 28, 28])), limit: 1_000_000)
        }
    }
}

extension IDXArray {
    /// Parses bytes that the test knows to be valid.
    init(parsingOrFail bytes: [UInt8]) {
        do {
            try self.init(parsing: Data(bytes))
        } catch {
            Issue.record("\(error)")
            self = try! IDXArray(parsing: Data([0, 0, 8, 1, 0, 0, 0, 0]))
        }
    }
}

@Suite("DatasetsIDXFiles")
struct IDXFileTests {
    @Test func readsCompressedAndPlainFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let test = Dataset.fashionMNISTDirectory.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        let labels = try IDXArray(contentsOf: test)
        #expect(labels.shape == [10_000] && labels.elementType == .uint8)
        let firstFive = try IDXArray(contentsOf: test, firstRows: 5)
        #expect(firstFive.payload == Array(labels.payload.prefix(5)))
        let images = try IDXArray(contentsOf: Dataset.fashionMNISTDirectory.appendingPathComponent("t10k-images-idx3-ubyte.gz"),
                                  firstRows: 3)
        #expect(images.shape == [3, 28, 28])
        expectError(.limitExceeded(what: "decompressed bytes", value: 1009, limit: 1008)) {
            try IDXArray(contentsOf: test, limit: 1000)
        }
        let plain = dir.appendingPathComponent("plain-idx1-ubyte")
        try Data([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]).write(to: plain)
        #expect(try IDXArray(contentsOf: plain).values() == [7, 9])
        expectError(.unreadableFile(path: dir.appendingPathComponent("none").path, reason: "no such file or no permission")) {
            try IDXArray(contentsOf: dir.appendingPathComponent("none"))
        }
    }
}
