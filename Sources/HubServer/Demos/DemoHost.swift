import Demos
import Foundation
import Logging

/// Hosts the live demo sessions: one per learner per demo, at most `limits.maxSessions` at
/// once, closed after `limits.idleTimeout` without a message, each with a compute budget.
public final class DemoHost: Sendable {
    let limits: DemoHostLimits
    let workers: DemoWorkers
    private let registry = SessionRegistry()

    public init(limits: DemoHostLimits = DemoHostLimits()) {
        self.limits = limits
        workers = DemoWorkers(threads: limits.workerThreads)
    }

    /// The session for `learner` and `demoID`, made from `query` when there is none.
    ///
    /// - Throws: ``DemoHostError/busy`` when every session slot is taken, `DemoError` for a
    ///   bad demo id or query.
    func session(learner: String, demoID: String, query: String?) async throws -> DemoSession {
        let key = "\(learner)#\(demoID)"
        if let existing = await registry.session(key) {
            if let query, !query.isEmpty {
                _ = try await workers.run { existing.handle(DemoClientMessage.configure(query)) }
            }
            return existing
        }
        let limits = limits
        // Building a demo generates its data and model: worker work, like training.
        let built = try await workers.run { DemoHandOver(try DemoCatalog.make(id: demoID, query: query ?? "")) }
        return try await registry.insert(key: key, limit: limits.maxSessions, idleTimeout: limits.idleTimeout) {
            DemoSession(key: key, demo: built.demo, limits: limits)
        }
    }

    /// Closes sessions idle for longer than the timeout; returns how many are left.
    @discardableResult
    func sweep() async -> Int { await registry.sweep(idleTimeout: limits.idleTimeout) }

    func remove(_ session: DemoSession) async { await registry.remove(session.key) }

    var sessionCount: Int { get async { await registry.count } }
}

public enum DemoHostError: Error, CustomStringConvertible {
    case busy(Int)

    public var description: String {
        switch self {
        case .busy(let limit):
            "The hub is running as many live demos as it can (\(limit)). Try again in a minute, or close a demo tab you no longer use."
        }
    }
}

/// The sessions by key.
private actor SessionRegistry {
    private var sessions: [String: DemoSession] = [:]

    var count: Int { sessions.count }

    func session(_ key: String) -> DemoSession? { sessions[key] }

    func insert(key: String, limit: Int, idleTimeout: Duration, make: () -> DemoSession) throws(DemoHostError) -> DemoSession {
        if let existing = sessions[key] { return existing }
        if sessions.count >= limit { _ = sweep(idleTimeout: idleTimeout) }
        guard sessions.count < limit else { throw .busy(limit) }
        let session = make()
        sessions[key] = session
        return session
    }

    func sweep(idleTimeout: Duration) -> Int {
        sessions = sessions.filter { $0.value.idleFor < idleTimeout }
        return sessions.count
    }

    func remove(_ key: String) { sessions[key] = nil }
}

extension DemoClientMessage {
    static func configure(_ query: String) -> DemoClientMessage {
        DemoClientMessage(type: .configure, count: nil, name: nil, value: nil, query: query, fps: nil, resolution: nil, neuronResolution: nil, stepsPerFrame: nil, csv: nil, hidden: nil)
    }
}

/// Carries a new demo from the worker that built it to its session, which from then on is
/// the only thing that touches it.
private final class DemoHandOver: @unchecked Sendable {
    let demo: any Demo
    init(_ demo: any Demo) { self.demo = demo }
}
