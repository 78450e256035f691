import Foundation

/// A few dedicated threads that run demo training and snapshots, so that no demo ever runs
/// on a NIO event loop or ties up Swift's cooperative pool: pages stay fast while demos train.
/// Jobs run in the order they arrive; a session submits one job per frame, so sessions take
/// turns.
final class DemoWorkers: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopped = false
    private var started = false
    let threadCount: Int

    /// The threads start with the first job, so a hub nobody plays demos on has none.
    init(threads: Int) {
        threadCount = max(1, threads)
    }

    /// Runs `body` on a worker thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    private func enqueue(_ job: @escaping () -> Void) {
        condition.lock()
        if !started {
            started = true
            for index in 0..<threadCount {
                let thread = Thread { [self] in work() }
                thread.name = "mlhub-demo-\(index)"
                thread.start()
            }
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if stopped && jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// Lets the threads finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
