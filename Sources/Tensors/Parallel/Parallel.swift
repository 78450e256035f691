import Dispatch

/// Work shared between the cores for loops of independent items (the samples of a
/// convolution, the heads of attention) whose own products are too small for BLAS to split.
package enum Parallel {
    /// Below about this many multiply-adds in all, handing work to another thread costs more
    /// than it saves.
    package static let minimumWork = 1e6

    /// How many shares `items` items (`work` multiply-adds in all) are split into: one per BLAS
    /// thread (``BLAS/threads``) when the work pays for the hand-off, else 1.
    package static func shareCount(items: Int, work: Double) -> Int {
        work < minimumWork ? 1 : Swift.max(1, Swift.min(BLAS.threads, items))
    }

    /// Runs `body(share, range)` for each of `shares` contiguous shares of `0..<items`, at the
    /// same time on separate threads when there are several. The shares must write disjoint
    /// memory (their own outputs, or their own partial sums that the caller adds up after), and
    /// their BLAS calls should be small enough for one thread each (below
    /// ``BLAS/threads(m:n:k:)``'s threshold).
    package static func run(items: Int, shares: Int, _ body: (_ share: Int, _ range: Range<Int>) -> Void) {
        guard shares > 1 else { return body(0, 0..<items) }
        BLAS.useOneThreadPerCall()
        nonisolated(unsafe) let share = body
        DispatchQueue.concurrentPerform(iterations: shares) { s in
            share(s, (items * s / shares)..<(items * (s + 1) / shares))
        }
    }
}
