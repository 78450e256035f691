import Demos
import Foundation
import HummingbirdWebSocket
import Logging

/// One page's WebSocket to its demo session: reads the page's messages, and while the demo
/// plays sends a frame each frame interval. A frame is made only after the previous one was
/// written, so a slow client gets fewer frames and never makes server memory grow.
struct DemoSocket {
    let hub: Hub
    let outbound: WebSocketOutboundWriter
    let logger: Logger

    func run(demoID: String, learner: String, query: String?, inbound: WebSocketInboundStream) async {
        let host = hub.demos
        let session: DemoSession
        do {
            session = try await host.session(learner: learner, demoID: demoID, query: query)
        } catch let error as DemoHostError {
            logger.notice("demo session refused: \(error)")
            try? await outbound.write(.text(DemoServerMessage.busy(error.description)))
            try? await outbound.close(.goingAway, reason: "busy")
            return
        } catch {
            try? await outbound.write(.text(DemoServerMessage.error("\(error)")))
            try? await outbound.close(.unacceptableData, reason: "bad settings")
            return
        }
        let attachment = session.attach()
        do {
            try await outbound.write(.text(session.hello()))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await playLoop(session, attachment: attachment) }
                try await readLoop(session, attachment: attachment, inbound: inbound)
                group.cancelAll()
            }
        } catch is CancellationError {
        } catch {
            logger.debug("demo socket closed: \(error)")
            try? await outbound.write(.text(DemoServerMessage.error("The connection failed: \(error)")))
        }
    }

    private func playLoop(_ session: DemoSession, attachment: Int) async throws {
        let host = hub.demos
        var due = ContinuousClock.now
        while !Task.isCancelled {
            guard session.isAttached(attachment) else {
                try await outbound.write(.text(DemoServerMessage.error("This demo was opened in another tab; this one stopped.")))
                return
            }
            if session.idleFor > host.limits.idleTimeout {
                try await outbound.write(.text(DemoServerMessage.error("Closed after a long time without input. Reload the page to go on.")))
                try await outbound.close(.normalClosure, reason: "idle")
                await host.remove(session)
                return
            }
            if session.isPlaying, let frame = try await host.workers.run({ try session.playFrame() }) {
                try await outbound.write(.text(frame))
            }
            // Frames on a fixed schedule (each due one interval after the last was due), so the
            // loop's own time and the sleep's lateness do not lower the rate; a late frame moves
            // the schedule rather than bursting to catch up.
            due = max(due + session.frameInterval, ContinuousClock.now)
            try await Task.sleep(until: due, clock: .continuous)
        }
    }

    private func readLoop(_ session: DemoSession, attachment: Int, inbound: WebSocketInboundStream) async throws {
        let host = hub.demos
        for try await message in inbound.messages(maxSize: host.limits.maxMessageBytes) {
            // A tab that another tab took the session from may no longer change it.
            guard session.isAttached(attachment) else {
                try await outbound.write(.text(DemoServerMessage.error("This demo was opened in another tab; this one stopped.")))
                return
            }
            guard case .text(let text) = message else {
                try await outbound.write(.text(DemoServerMessage.error("send JSON text messages")))
                continue
            }
            session.touch()
            let decoded: DemoClientMessage
            do {
                decoded = try JSONDecoder().decode(DemoClientMessage.self, from: Data(text.utf8))
            } catch {
                try await outbound.write(.text(DemoServerMessage.error("not a message this demo understands: expected JSON like {\"type\":\"play\"}")))
                continue
            }
            let replies: [String]
            if decoded.type == .save {
                replies = [try await save(session)]
            } else {
                replies = try await host.workers.run { session.handle(decoded) }
            }
            for reply in replies { try await outbound.write(.text(reply)) }
        }
    }

    private func save(_ session: DemoSession) async throws -> String {
        let record = try await hub.demos.workers.run { try session.runRecord() }
        do {
            let run = try await hub.repository.recordExperimentRun(ExperimentRun(
                demo: session.demoID, configuration: record.configuration, summary: record.summary,
                weights: record.weights, finishedAt: Date()
            ))
            return DemoServerMessage.saved(runID: run.id ?? 0)
        } catch {
            logger.error("learner database: \(error)")
            return DemoServerMessage.error("The run was not saved: \(error)")
        }
    }
}
