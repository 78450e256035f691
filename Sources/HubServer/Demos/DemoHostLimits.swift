/// The limits that keep demos from taking the machine over.
public struct DemoHostLimits: Sendable {
    /// Sessions at once; the next learner gets a clear "busy" message.
    public var maxSessions: Int
    /// A session with no message from its page for this long is closed.
    public var idleTimeout: Duration
    /// Training and snapshot time one session may use in all; after that it pauses and says so.
    public var cpuBudget: Duration
    /// The highest frame rate a page may ask for.
    public var maxFramesPerSecond: Int
    /// The largest message a page may send (a CSV upload is the largest).
    public var maxMessageBytes: Int
    /// Threads that run demos (the rest of the machine serves pages).
    public var workerThreads: Int

    public init(
        maxSessions: Int = 32, idleTimeout: Duration = .seconds(600), cpuBudget: Duration = .seconds(600),
        maxFramesPerSecond: Int = 60, maxMessageBytes: Int = 128 * 1024,
        workerThreads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    ) {
        self.maxSessions = maxSessions
        self.idleTimeout = idleTimeout
        self.cpuBudget = cpuBudget
        self.maxFramesPerSecond = maxFramesPerSecond
        self.maxMessageBytes = maxMessageBytes
        self.workerThreads = workerThreads
    }
}

import Foundation
