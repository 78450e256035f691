import Foundation
import Tensors

/// An array read from an IDX file, the format of MNIST and Fashion-MNIST.
///
/// The format: two zero bytes, an element-type byte, a byte giving the number of dimensions,
/// one big-endian 32-bit size per dimension, then the elements in row-major order, big-endian.
public struct IDXArray: Sendable {
    /// The element types an IDX file may declare.
    public enum ElementType: UInt8, Sendable {
        /// Unsigned bytes (`0x08`), as MNIST uses for pixels and labels.
        case uint8 = 0x08
        /// Signed bytes (`0x09`).
        case int8 = 0x09
        /// 16-bit integers (`0x0B`).
        case int16 = 0x0B
        /// 32-bit integers (`0x0C`).
        case int32 = 0x0C
        /// 32-bit floats (`0x0D`).
        case float32 = 0x0D
        /// 64-bit floats (`0x0E`).
        case float64 = 0x0E

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .uint8, .int8: 1
            case .int16: 2
            case .int32, .float32: 4
            case .float64: 8
            }
        }
    }

    /// The size of each dimension, from the header.
    public let shape: [Int]
    /// The declared element type.
    public let elementType: ElementType
    /// The elements' raw big-endian bytes, `shape.product × elementType.size` of them.
    public let payload: [UInt8]

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// Parses an IDX file held in memory (decompress `.gz` files first, see ``Gzip``).
    ///
    /// - Parameters:
    ///   - limit: the most elements to accept (default 2²⁸).
    ///   - firstRows: read only the first `firstRows` entries of dimension 0 (the samples); the
    ///     returned shape says how many were read. `nil` reads all.
    /// - Throws: ``DatasetError/badMagic(offset:found:)``,
    ///   ``DatasetError/unknownElementType(offset:code:)``,
    ///   ``DatasetError/truncated(field:offset:needed:available:)`` for a short header, size
    ///   list or data, and ``DatasetError/limitExceeded(what:value:limit:)``.
    public init(parsing data: Data, limit: Int = 1 << 28, firstRows: Int? = nil) throws(DatasetError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 4 else {
            throw .truncated(field: "IDX header", offset: 0, needed: 4, available: bytes.count)
        }
        guard bytes[0] == 0, bytes[1] == 0 else { throw .badMagic(offset: 0, found: Array(bytes[0..<2])) }
        guard let type = ElementType(rawValue: bytes[2]) else {
            throw .unknownElementType(offset: 2, code: bytes[2])
        }
        let rank = Int(bytes[3])
        guard bytes.count >= 4 + 4 * rank else {
            throw .truncated(field: "IDX dimension sizes", offset: 4, needed: 4 * rank, available: bytes.count - 4)
        }
        var shape: [Int] = []
        var elements = 1
        for d in 0..<rank {
            let at = 4 + 4 * d
            let size = Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            shape.append(size)
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow else { throw .limitExceeded(what: "elements", value: .max, limit: limit) }
            elements = product
        }
        if let firstRows, rank > 0 {
            guard firstRows >= 0 else {
                throw .invalidParameter(name: "firstRows", value: "\(firstRows)", expected: "a count ≥ 0")
            }
            if firstRows < shape[0] {
                elements = shape[0] == 0 ? 0 : elements / shape[0] * firstRows
                shape[0] = firstRows
            }
        }
        guard elements <= limit else { throw .limitExceeded(what: "elements", value: elements, limit: limit) }
        let start = 4 + 4 * rank
        let needed = elements * type.size
        guard bytes.count - start >= needed else {
            throw .truncated(field: "IDX data", offset: start, needed: needed, available: bytes.count - start)
        }
        self.shape = shape
        elementType = type
        payload = Array(bytes[start..<(start + needed)])
    }

    /// Reads an IDX file, decompressing it first when it is gzip-compressed (`.gz`).
    ///
    /// A whole compressed file is checked against its CRC-32; with `firstRows`, only as much is
    /// decompressed as those rows need (and the checksum, which covers the whole file, is not
    /// checked).
    ///
    /// - Parameters:
    ///   - limit: the most elements to accept (default 2²⁸); decompression stops past the bytes
    ///     they would take.
    ///   - firstRows: read only the first entries of dimension 0; `nil` reads all.
    /// - Throws: ``DatasetError/unreadableFile(path:reason:)``,
    ///   ``DatasetError/limitExceeded(what:value:limit:)`` for a file larger than `limit`
    ///   elements of 8 bytes could fill, the errors of ``Gzip``, and those of
    ///   ``init(parsing:limit:firstRows:)``.
    public init(contentsOf url: URL, limit: Int = 1 << 28, firstRows: Int? = nil) throws(DatasetError) {
        let largest = limit.multipliedReportingOverflow(by: 8)
        let raw = try FileReading.contents(of: url, maxBytes: largest.overflow ? Int.max : largest.partialValue + 4096)
        guard Gzip.isGzip(raw) else {
            try self.init(parsing: raw, limit: limit, firstRows: firstRows)
            return
        }
        // The header (at most 4 + 4·255 bytes) says how many bytes an element and a row take.
        let header = [UInt8](try Gzip.decompressPrefix(raw, byteCount: 4 + 4 * 255))
        let elementSize = header.count >= 3 ? ElementType(rawValue: header[2])?.size ?? 1 : 1
        let rank = header.count >= 4 ? Int(header[3]) : 0
        let headerSize = 4 + 4 * rank
        // Sizes saturate at 2⁶², far beyond any limit, so that no arithmetic can overflow.
        let cap = 1 << 62
        func product(_ a: Int, _ b: Int) -> Int {
            let (p, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow || p > cap ? cap : p
        }
        let byteLimit = Swift.min(headerSize + product(Swift.max(limit, 0), elementSize), cap)
        let contents: Data
        if let firstRows, firstRows >= 0, header.count >= headerSize {
            var rowBytes = elementSize
            for d in 1..<Swift.max(rank, 1) {
                let at = 4 + 4 * d
                let size = Int(header[at]) << 24 | Int(header[at + 1]) << 16 | Int(header[at + 2]) << 8 | Int(header[at + 3])
                rowBytes = product(rowBytes, size)
            }
            // One byte more than the limit allows lets the parser report the limit.
            contents = try Gzip.decompressPrefix(raw, byteCount: Swift.min(headerSize + product(firstRows, rowBytes), byteLimit + 1))
        } else {
            contents = try Gzip.decompress(raw, limit: byteLimit)
        }
        try self.init(parsing: contents, limit: limit, firstRows: firstRows)
    }

    /// The elements as `Double`s, in row-major order.
    public func values() -> [Double] {
        var result = [Double](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { decode(into: $0, scale: 1) }
        return result
    }

    /// The elements as a `float64` tensor of ``shape``, each multiplied by `scale` (e.g. 1/255
    /// to bring pixels into [0, 1]).
    public func tensor(scale: Double = 1) -> Tensor {
        let t = Tensor.zeros(shape, dtype: .float64)
        t.withUnsafeMutableElements(as: Double.self) { decode(into: $0, scale: scale) }
        return t
    }

    /// The elements as an `int64` tensor of ``shape`` (fractional parts of float elements are
    /// dropped).
    public func integerTensor() -> Tensor {
        let t = Tensor.zeros(shape, dtype: .int64)
        let v = values()
        t.withUnsafeMutableElements(as: Int.self) { out in
            for i in 0..<v.count { out[i] = Int(exactly: v[i].rounded(.towardZero)) ?? 0 }
        }
        return t
    }

    private func decode(into out: UnsafeMutableBufferPointer<Double>, scale: Double) {
        payload.withUnsafeBufferPointer { p in
            let n = out.count
            func bigEndian(_ i: Int, _ width: Int) -> UInt64 {
                var v: UInt64 = 0
                for k in 0..<width { v = v << 8 | UInt64(p[i * width + k]) }
                return v
            }
            switch elementType {
            case .uint8: for i in 0..<n { out[i] = Double(p[i]) * scale }
            case .int8: for i in 0..<n { out[i] = Double(Int8(bitPattern: p[i])) * scale }
            case .int16: for i in 0..<n { out[i] = Double(Int16(truncatingIfNeeded: bigEndian(i, 2))) * scale }
            case .int32: for i in 0..<n { out[i] = Double(Int32(truncatingIfNeeded: bigEndian(i, 4))) * scale }
            case .float32: for i in 0..<n { out[i] = Double(Float(bitPattern: UInt32(bigEndian(i, 4)))) * scale }
            case .float64: for i in 0..<n { out[i] = Double(bitPattern: bigEndian(i, 8)) * scale }
            }
        }
    }
}
