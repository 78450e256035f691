import Foundation

/// Reading gzip files (RFC 1952): a small header, a DEFLATE stream, and a trailer with the CRC-32
/// and length of the original data.
public enum Gzip {
    /// `true` when `data` starts with the gzip signature `1F 8B`.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed contents of `data`; several concatenated gzip members are joined.
    ///
    /// - Parameter limit: the most decompressed bytes to accept (default 256 MiB).
    /// - Throws: ``DatasetError/corruptCompressedData(offset:reason:)`` for a bad header or
    ///   stream, ``DatasetError/truncated(field:offset:needed:available:)`` when the file ends
    ///   early, ``DatasetError/checksumMismatch(expected:computed:)`` when the CRC-32 or length
    ///   in the trailer disagrees, and ``DatasetError/limitExceeded(what:value:limit:)`` past
    ///   `limit`.
    public static func decompress(_ data: Data, limit: Int = 256 << 20) throws(DatasetError) -> Data {
        try decompress(data, limit: limit, prefixOnly: false)
    }

    /// The first `byteCount` decompressed bytes of `data` (fewer if the file is shorter); the
    /// rest is not decoded, and the checksum is not verified.
    /// - Throws: as ``decompress(_:limit:)``, and
    ///   ``DatasetError/invalidParameter(name:value:expected:)`` for a negative count.
    public static func decompressPrefix(_ data: Data, byteCount: Int) throws(DatasetError) -> Data {
        guard byteCount >= 0 else {
            throw .invalidParameter(name: "byteCount", value: "\(byteCount)", expected: "a count ≥ 0")
        }
        return try decompress(data, limit: byteCount, prefixOnly: true)
    }

    private static func decompress(_ data: Data, limit: Int, prefixOnly: Bool) throws(DatasetError) -> Data {
        let bytes = [UInt8](data)
        var result = Data()
        var offset = 0
        repeat {
            let start = try headerEnd(bytes, at: offset)
            // The trailer's length field (original size mod 2³²) of a single-member file sizes
            // the output buffer in one go.
            let hint = bytes.count >= 4 ? Int(readLE32(bytes, bytes.count - 4)) : 0
            let remaining = limit - result.count
            let (output, end) = try bytes.withUnsafeBufferPointer { buffer throws(DatasetError) in
                try Inflate.decompress(buffer, from: start, outputLimit: remaining, stopAtLimit: prefixOnly,
                                       sizeHint: offset == 0 ? hint : 0)
            }
            result.append(contentsOf: output)
            if prefixOnly { return result }
            guard bytes.count - end >= 8 else {
                throw .truncated(field: "gzip trailer", offset: end, needed: 8, available: bytes.count - end)
            }
            let expectedCRC = readLE32(bytes, end)
            let computedCRC = CRC32.checksum(output)
            guard expectedCRC == computedCRC else {
                throw .checksumMismatch(expected: expectedCRC, computed: computedCRC)
            }
            let expectedLength = readLE32(bytes, end + 4)
            let actualLength = UInt32(truncatingIfNeeded: output.count)
            guard expectedLength == actualLength else {
                throw .checksumMismatch(expected: expectedLength, computed: actualLength)
            }
            offset = end + 8
            // Some writers pad a file with zero bytes after the last member.
        } while offset < bytes.count && bytes[offset...].contains(where: { $0 != 0 })
        return result
    }

    /// Checks the member header at `offset` and returns where its DEFLATE data begins.
    private static func headerEnd(_ bytes: [UInt8], at offset: Int) throws(DatasetError) -> Int {
        let available = bytes.count - offset
        guard available >= 10 else {
            throw .truncated(field: "gzip header", offset: offset, needed: 10, available: available)
        }
        guard bytes[offset] == 0x1F, bytes[offset + 1] == 0x8B else {
            throw .corruptCompressedData(offset: offset, reason: "not a gzip file (expected the signature 1F 8B)")
        }
        guard bytes[offset + 2] == 8 else {
            throw .corruptCompressedData(offset: offset + 2, reason: "unknown compression method \(bytes[offset + 2]) (gzip uses 8, DEFLATE)")
        }
        let flags = bytes[offset + 3]
        guard flags & 0xE0 == 0 else {
            throw .corruptCompressedData(offset: offset + 3, reason: "reserved header flags are set")
        }
        var p = offset + 10
        if flags & 0x04 != 0 {  // FEXTRA: a length-prefixed extra field
            guard bytes.count - p >= 2 else {
                throw .truncated(field: "gzip extra field", offset: p, needed: 2, available: bytes.count - p)
            }
            let length = Int(bytes[p]) | Int(bytes[p + 1]) << 8
            guard bytes.count - p - 2 >= length else {
                throw .truncated(field: "gzip extra field", offset: p + 2, needed: length, available: bytes.count - p - 2)
            }
            p += 2 + length
        }
        for (flag, field) in [(UInt8(0x08), "gzip file name"), (0x10, "gzip comment")] where flags & flag != 0 {
            guard let zero = bytes[p...].firstIndex(of: 0) else {
                throw .truncated(field: field, offset: p, needed: bytes.count - p + 1, available: bytes.count - p)
            }
            p = zero + 1
        }
        if flags & 0x02 != 0 {  // FHCRC: a CRC-16 of the header, which we skip
            guard bytes.count - p >= 2 else {
                throw .truncated(field: "gzip header checksum", offset: p, needed: 2, available: bytes.count - p)
            }
            p += 2
        }
        return p
    }

    private static func readLE32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// The CRC-32 of gzip and PNG (reflected polynomial 0xEDB88320), one table lookup per byte.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                for byte in b {
                    crc = t[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
                }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
