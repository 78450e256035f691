import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a storage block records about its memory.
struct StorageHeader {
    /// The first byte of the elements: inside the object for small blocks, else a pooled block.
    var data: UnsafeMutableRawPointer
    var byteCount: Int
    /// `true` when `data` came from ``BufferPool`` and must go back to it.
    var pooled: Bool
}

/// A flat, untyped block of memory that one or more tensors view.
///
/// Small blocks live in the object itself (one allocation per tensor); larger ones come from
/// ``BufferPool`` so that a training loop, which allocates the same temporaries every step,
/// reuses them instead of paying the allocator (and, for large blocks, page faults) each time.
final class TensorStorage: ManagedBuffer<StorageHeader, UInt64> {
    /// Blocks up to this size are allocated inside the storage object.
    static let inlineBytes = 512

    /// Uninitialised memory for `count` elements of `dtype`.
    static func make(count: Int, dtype: DType) -> TensorStorage {
        let bytes = Swift.max(count * dtype.byteSize, 1)
        TensorMemory.allocated(bytes)
        let inline = bytes <= inlineBytes
        let buffer = TensorStorage.create(minimumCapacity: inline ? (bytes + 7) / 8 : 0) { buffer in
            if inline {
                let tail = buffer.withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
                return StorageHeader(data: tail, byteCount: bytes, pooled: false)
            }
            return StorageHeader(data: BufferPool.shared.allocate(byteCount: bytes), byteCount: bytes, pooled: true)
        }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// Zero-filled memory for `count` elements of `dtype`.
    static func makeZeroed(count: Int, dtype: DType) -> TensorStorage {
        let storage = make(count: count, dtype: dtype)
        storage.data.initializeMemory(as: UInt8.self, repeating: 0, count: storage.byteCount)
        return storage
    }

    @inline(__always) var data: UnsafeMutableRawPointer { header.data }
    @inline(__always) var byteCount: Int { header.byteCount }

    deinit {
        TensorMemory.released(header.byteCount)
        if header.pooled { BufferPool.shared.release(header.data, byteCount: header.byteCount) }
    }

    @inline(__always)
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        header.data.assumingMemoryBound(to: T.self)
    }
}

/// Keeps freed blocks for reuse, up to a byte budget.
///
/// Blocks from 512 bytes to 64 KiB are kept in power-of-two size classes; larger ones by exact
/// size (the same shapes recur every training step). glibc's allocator is avoided for both on
/// purpose: for requests of 1 KiB and more it consolidates its fast bins first, which made a
/// tiny training step spend a fifth of its time in `malloc`.
final class BufferPool: Sendable {
    static let shared = BufferPool()

    /// Smallest block size handled by the pool (smaller ones never reach it).
    static let minimumPooledBytes = 512
    /// Blocks from here on are kept by exact size.
    static let exactSizeBytes = 64 * 1024
    /// Upper bound on the bytes held idle in the pool.
    static let budgetBytes = 512 * 1024 * 1024

    /// A block handed between threads through the pool's lock.
    private struct Block: @unchecked Sendable { let pointer: UnsafeMutableRawPointer }

    private struct State {
        var classes: [[Block]] = Array(repeating: [], count: 8)
        var exact: [Int: [Block]] = [:]
        var idleBytes = 0
    }
    private let state = Mutex(State())

    /// The power-of-two class of a medium block: 0 for ≤ 512 bytes … 7 for ≤ 64 KiB.
    @inline(__always)
    private static func sizeClass(_ byteCount: Int) -> Int {
        Swift.max(0, (Int.bitWidth - (byteCount - 1).leadingZeroBitCount) - 9)
    }

    /// The bytes actually reserved for a request of `byteCount`.
    @inline(__always)
    private static func reservedBytes(_ byteCount: Int) -> Int {
        byteCount >= exactSizeBytes ? (byteCount + 63) & ~63 : 512 << sizeClass(byteCount)
    }

    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let reserved = Self.reservedBytes(byteCount)
        let reused: UnsafeMutableRawPointer? = state.withLock { s in
            let block: Block?
            if byteCount >= Self.exactSizeBytes {
                block = s.exact[reserved]?.popLast()
            } else {
                block = s.classes[Self.sizeClass(byteCount)].popLast()
            }
            guard let block else { return nil }
            s.idleBytes -= reserved
            return block.pointer
        }
        if let reused { return reused }
        // 64-byte alignment suits AVX-512 loads and BLAS.
        guard let block = aligned_alloc(64, reserved) else {
            fatalError("out of memory allocating \(byteCount) bytes for a tensor")
        }
        return block
    }

    func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let reserved = Self.reservedBytes(byteCount)
        let block = Block(pointer: pointer)
        let kept = state.withLock { s in
            guard s.idleBytes + reserved <= Self.budgetBytes else { return false }
            if byteCount >= Self.exactSizeBytes {
                s.exact[reserved, default: []].append(block)
            } else {
                s.classes[Self.sizeClass(byteCount)].append(block)
            }
            s.idleBytes += reserved
            return true
        }
        if !kept { free(pointer) }
    }

    /// Returns every idle block to the system.
    func drain() {
        let blocks = state.withLock { s -> [Block] in
            let all = s.classes.flatMap { $0 } + s.exact.values.flatMap { $0 }
            s = State()
            return all
        }
        for block in blocks { free(block.pointer) }
    }

    /// Bytes currently held idle.
    var idleBytes: Int { state.withLock { $0.idleBytes } }
}

/// How much memory tensors hold: live now, and the most at once since the last reset. The
/// benchmarks report the peak of each workload.
public enum TensorMemory {
    private static let live = Atomic<Int>(0)
    private static let peak = Atomic<Int>(0)

    /// Bytes held by tensor storage now.
    public static var liveBytes: Int { live.load(ordering: .relaxed) }

    /// The largest ``liveBytes`` since the last ``resetPeak()``.
    public static var peakBytes: Int { peak.load(ordering: .relaxed) }

    /// Starts a new peak measurement from the current live bytes.
    public static func resetPeak() { peak.store(live.load(ordering: .relaxed), ordering: .relaxed) }

    @inline(__always)
    static func allocated(_ bytes: Int) {
        let now = live.wrappingAdd(bytes, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, current) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = current
        }
    }

    @inline(__always)
    static func released(_ bytes: Int) { live.wrappingSubtract(bytes, ordering: .relaxed) }
}
