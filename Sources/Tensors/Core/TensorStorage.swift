import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flat, untyped block of memory that one or more tensors view.
///
/// Large blocks are recycled through ``BufferPool`` so that a training loop that allocates
/// the same temporaries every step does not fault fresh pages in each time (glibc returns
/// large freed blocks to the OS, and each new one costs a page fault per 4 KiB).
final class TensorStorage: @unchecked Sendable {
    let data: UnsafeMutableRawPointer
    let byteCount: Int

    /// Uninitialised memory for `count` elements of `dtype`.
    init(count: Int, dtype: DType) {
        let bytes = Swift.max(count * dtype.byteSize, 1)
        byteCount = bytes
        data = BufferPool.shared.allocate(byteCount: bytes)
    }

    /// Zero-filled memory for `count` elements of `dtype`.
    convenience init(zeroedCount count: Int, dtype: DType) {
        self.init(count: count, dtype: dtype)
        data.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }

    deinit { BufferPool.shared.release(data, byteCount: byteCount) }

    @inline(__always)
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        data.assumingMemoryBound(to: T.self)
    }
}

/// Keeps freed large buffers for reuse, up to a byte budget.
///
/// Blocks under ``minimumPooledBytes`` go straight to `malloc` (its own bins are fast for
/// them). Larger ones are kept per exact size, so the common pattern of a training step —
/// the same shapes every iteration — finds its buffers again.
final class BufferPool: Sendable {
    static let shared = BufferPool()

    /// Smallest block worth pooling.
    static let minimumPooledBytes = 64 * 1024
    /// Upper bound on the bytes held idle in the pool.
    static let budgetBytes = 512 * 1024 * 1024

    /// A block handed between threads through the pool's lock.
    private struct Block: @unchecked Sendable { let pointer: UnsafeMutableRawPointer }

    private struct State {
        var free: [Int: [Block]] = [:]
        var idleBytes = 0
    }
    private let state = Mutex(State())

    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        if byteCount >= Self.minimumPooledBytes {
            let reused: UnsafeMutableRawPointer? = state.withLock { s in
                guard let block = s.free[byteCount]?.popLast() else { return nil }
                s.idleBytes -= byteCount
                return block.pointer
            }
            if let reused { return reused }
        }
        // 64-byte alignment suits AVX-512 loads and BLAS.
        guard let block = aligned_alloc(64, (byteCount + 63) & ~63) else {
            fatalError("out of memory allocating \(byteCount) bytes for a tensor")
        }
        return block
    }

    func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        if byteCount >= Self.minimumPooledBytes {
            let block = Block(pointer: pointer)
            let kept = state.withLock { s in
                guard s.idleBytes + byteCount <= Self.budgetBytes else { return false }
                s.free[byteCount, default: []].append(block)
                s.idleBytes += byteCount
                return true
            }
            if kept { return }
        }
        free(pointer)
    }

    /// Returns every idle block to the system.
    func drain() {
        let blocks = state.withLock { s -> [Block] in
            let all = s.free.values.flatMap { $0 }
            s.free = [:]
            s.idleBytes = 0
            return all
        }
        for block in blocks { free(block.pointer) }
    }

    /// Bytes currently held idle.
    var idleBytes: Int { state.withLock { $0.idleBytes } }
}
