import Foundation
import Tensors

/// Why a safetensors file could not be read or written.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    case truncated(String)
    case headerTooLarge(bytes: Int, limit: Int)
    case malformedHeader(String)
    case unsupportedDType(name: String, dtype: String)
    case badOffsets(name: String, String)
    case fileError(String)

    public var description: String {
        switch self {
        case .truncated(let why): "safetensors file is truncated: \(why)"
        case let .headerTooLarge(bytes, limit): "safetensors header of \(bytes) bytes exceeds the limit of \(limit)"
        case .malformedHeader(let why): "safetensors header is malformed: \(why)"
        case let .unsupportedDType(name, dtype): "\(name): dtype \(dtype) is not supported (F64, F32, F16, BF16, I64, I32, U8, BOOL are)"
        case let .badOffsets(name, why): "\(name): \(why)"
        case .fileError(let why): why
        }
    }
}

/// The safetensors format (Hugging Face), which PyTorch and Hugging Face read and write: an
/// 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
/// range, and the raw little-endian data. Models trained here load in PyTorch, and the reverse.
public enum Safetensors {
    /// Largest header accepted when reading (a header lists names and shapes, never data).
    public static let defaultHeaderLimit = 64 << 20

    /// Writes `dict` (float32, float64, int64 and bool tensors) with optional string metadata.
    public static func data(_ dict: StateDict, metadata: [String: String] = [:]) throws(SafetensorsError) -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var payload = Data()
        for (name, tensor) in dict.entries.sorted(by: { $0.name < $1.name }) {
            let contiguous = tensor.detached().contiguous()
            let begin = payload.count
            appendBytes(of: contiguous, to: &payload)
            header[name] = ["dtype": code(for: tensor.dtype), "shape": tensor.shape, "data_offsets": [begin, payload.count]]
        }
        let json: Data
        do {
            json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        } catch {
            throw .malformedHeader("could not encode the header: \(error)")
        }
        // Pad the header with spaces so that the data starts on an 8-byte boundary.
        var headerBytes = json
        headerBytes.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8))
        var out = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(headerBytes)
        out.append(payload)
        return out
    }

    /// Writes `dict` to `url`.
    public static func save(_ dict: StateDict, to url: URL, metadata: [String: String] = [:]) throws(SafetensorsError) {
        let bytes = try data(dict, metadata: metadata)
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw .fileError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads every tensor of a safetensors file, validating sizes and offsets.
    /// - Returns: the tensors (F16 and BF16 become float32, I32 and U8 become int64) and the metadata.
    public static func read(_ data: Data, headerLimit: Int = defaultHeaderLimit) throws(SafetensorsError) -> (tensors: StateDict, metadata: [String: String]) {
        guard data.count >= 8 else { throw .truncated("\(data.count) bytes, the header length alone takes 8") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(headerLimit) else { throw .headerTooLarge(bytes: Int(clamping: headerLength), limit: headerLimit) }
        let start = 8 + Int(headerLength)
        guard data.count >= start else { throw .truncated("the header claims \(headerLength) bytes, the file has \(data.count - 8)") }
        let headerData = data.subdata(in: data.startIndex + 8 ..< data.startIndex + start)
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw .malformedHeader("not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let strings = meta as? [String: String] else { throw .malformedHeader("__metadata__ must map strings to strings") }
            metadata = strings
        }
        let bufferLength = data.count - start
        var dict = StateDict()
        for name in header.keys.sorted() where name != "__metadata__" {
            guard let entry = header[name] as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw .malformedHeader("entry \(name) lacks dtype, shape or data_offsets")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw .badOffsets(name: name, "negative size in shape \(shape)") }
            guard let layout = Layout(code: dtype) else { throw .unsupportedDType(name: name, dtype: dtype) }
            var count = 1
            for d in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, product <= bufferLength else { throw .badOffsets(name: name, "shape \(shape) is larger than the file") }
                count = product
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= bufferLength else {
                throw .badOffsets(name: name, "data_offsets \(offsets) fall outside the \(bufferLength)-byte data")
            }
            guard end - begin == count * layout.size else {
                throw .badOffsets(name: name, "\(end - begin) bytes for shape \(shape) of \(dtype), expected \(count * layout.size)")
            }
            let bytes = data.subdata(in: data.startIndex + start + begin ..< data.startIndex + start + end)
            dict[name] = layout.tensor(from: bytes, shape: shape)
        }
        return (dict, metadata)
    }

    /// Reads a safetensors file.
    public static func load(from url: URL, headerLimit: Int = defaultHeaderLimit) throws(SafetensorsError) -> (tensors: StateDict, metadata: [String: String]) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .fileError("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try read(bytes, headerLimit: headerLimit)
    }

    private static func code(for dtype: DType) -> String {
        switch dtype {
        case .float32: "F32"
        case .float64: "F64"
        case .int64: "I64"
        case .bool: "BOOL"
        }
    }

    private static func appendBytes(of t: Tensor, to data: inout Data) {
        switch t.dtype {
        case .float32: t.withUnsafeElements(as: Float.self) { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        case .float64: t.withUnsafeElements(as: Double.self) { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        case .int64: t.withUnsafeElements(as: Int.self) { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        case .bool: data.append(contentsOf: t.scalars(as: Bool.self).map { $0 ? UInt8(1) : 0 })
        }
    }

    /// How a stored dtype maps to a tensor.
    private enum Layout {
        case f64, f32, f16, bf16, i64, i32, u8, bool

        init?(code: String) {
            switch code {
            case "F64": self = .f64
            case "F32": self = .f32
            case "F16": self = .f16
            case "BF16": self = .bf16
            case "I64": self = .i64
            case "I32": self = .i32
            case "U8": self = .u8
            case "BOOL": self = .bool
            default: return nil
            }
        }

        var size: Int {
            switch self {
            case .f64, .i64: 8
            case .f32, .i32: 4
            case .f16, .bf16: 2
            case .u8, .bool: 1
            }
        }

        func tensor(from bytes: Data, shape: [Int]) -> Tensor {
            bytes.withUnsafeBytes { raw -> Tensor in
                func values<T>(_: T.Type) -> [T] { (0..<(raw.count / MemoryLayout<T>.size)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) } }
                switch self {
                case .f64: return Tensor(values(Double.self), shape: shape)
                case .f32: return Tensor(values(Float.self), shape: shape)
                case .f16: return Tensor(values(UInt16.self).map { Float(Float16(bitPattern: $0)) }, shape: shape)
                case .bf16: return Tensor(values(UInt16.self).map { Float(bitPattern: UInt32($0) << 16) }, shape: shape)
                case .i64: return Tensor(values(Int64.self).map { Int($0) }, shape: shape)
                case .i32: return Tensor(values(Int32.self).map { Int($0) }, shape: shape)
                case .u8: return Tensor(values(UInt8.self).map { Int($0) }, shape: shape)
                case .bool: return Tensor(values(UInt8.self).map { $0 != 0 }, shape: shape)
                }
            }
        }
    }
}

extension Module {
    /// Saves the state dictionary as a safetensors file that PyTorch's `load_file` reads.
    public func save(to url: URL, metadata: [String: String] = [:]) throws(SafetensorsError) {
        try Safetensors.save(stateDict(), to: url, metadata: metadata)
    }

    /// Loads parameters and buffers from a safetensors file (one PyTorch wrote, for the same
    /// structure, loads unchanged).
    public func load(from url: URL, strict: Bool = true) throws {
        try loadStateDict(Safetensors.load(from: url).tensors, strict: strict)
    }
}
