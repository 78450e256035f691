import Foundation

/// How the hub benchmarks cross between `mlhub bench`'s plain thread, Swift concurrency (the
/// in-process server) and blocking load generators.
enum ThreadBridging {
    /// Runs `body` on a new plain thread named `name`: a generator that blocks in `poll` must
    /// not hold a thread of the concurrency pool the server's handlers need.
    static func onOwnThread<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }

    /// Waits on this (non-pool) thread for async work: `mlhub bench` measures synchronously.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.result = await Result<T, any Error>.of { try await body() }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

extension Result where Failure == any Error {
    /// The outcome of `body`, so that cleanup can run before an error is rethrown.
    static func of(_ body: () async throws -> Success) async -> Result {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
