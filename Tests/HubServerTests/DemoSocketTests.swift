import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWebSocket
import HummingbirdWSTesting
import Testing
import TestSupport
@testable import HubServer

/// Talks to a live hub's demo socket: sends JSON messages, collects what comes back.
private actor Transcript {
    private var texts: [String] = []
    func append(_ text: String) { texts.append(text) }
    /// The raw messages whose `type` is `type`.
    func ofType(_ type: String) -> [String] { texts.filter { $0.contains(#""type":"\#(type)""#) } }
}

private func object(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
}

@Suite("Live demo sessions", .serialized)
struct DemoSocketTests {
    private func application(_ hub: Hub) -> some ApplicationProtocol {
        let router = buildRouter(hub: hub)
        return Application(router: router, server: .hub(router: router))
    }

    private func frames(_ transcript: Transcript) async -> [[String: Any]] { await transcript.ofType("frame").map(object) }

    @Test("the catalog lists both demos with schemas; an unknown demo is a JSON 404")
    func catalog() async throws {
        let hub = try TestHub.make()
        try await application(hub).test(.router) { client in
            try await client.execute(uri: "/api/demos", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""id":"nn-simulator""#))
                #expect(response.text.contains(#""id":"optimizer-race""#))
            }
            try await client.execute(uri: "/api/demos/nn-simulator", method: .get) { response in
                #expect(response.text.contains("learningRate"))
            }
            try await client.execute(uri: "/api/demos/no-such-demo", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("nn-simulator"))
            }
        }
    }

    @Test("setups are saved by name after validation, and listed")
    func savedSetups() async throws {
        let hub = try TestHub.make()
        try await application(hub).test(.router) { client in
            let good = #"{"name":"xor, small","query":"dataset=xor&hidden=2"}"#
            try await client.execute(uri: "/api/demos/nn-simulator/configurations", method: .post, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .created)
            }
            let bad = #"{"name":"too wide","query":"hidden=99"}"#
            try await client.execute(uri: "/api/demos/nn-simulator/configurations", method: .post, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("hidden"))
            }
            try await client.execute(uri: "/api/demos/nn-simulator/configurations", method: .get) { response in
                #expect(response.text.contains("xor, small"))
                #expect(!response.text.contains("too wide"))
            }
        }
    }

    @Test("a session steps, plays, rejects bad values without changing anything, and saves a run")
    func session() async throws {
        let hub = try TestHub.make()
        let transcript = Transcript()
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/nn-simulator/live?query=dataset%3Dxor%26hidden%3D4", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                func next() async throws -> String {
                    guard case .text(let text)? = try await messages.next() else { return "" }
                    await transcript.append(text)
                    return text
                }
                #expect(try await next().contains(#""type":"hello""#))
                try await outbound.write(.text(#"{"type":"frames","resolution":20,"neuronResolution":8}"#))
                _ = try await next()
                try await outbound.write(.text(#"{"type":"step","count":5}"#))
                #expect(try await next().contains(#""epoch":5"#))
                try await outbound.write(.text(#"{"type":"set","name":"learningRate","value":"5000"}"#))
                let error = try await next()
                #expect(error.contains(#""type":"error""#) && error.contains("learningRate"))
                try await outbound.write(.text("not json at all"))
                #expect(try await next().contains(#""type":"error""#))
                try await outbound.write(.text(#"{"type":"frames","fps":30}"#))
                _ = try await next()
                try await outbound.write(.text(#"{"type":"play"}"#))
                for _ in 0..<6 { _ = try await next() }
                try await outbound.write(.text(#"{"type":"pause"}"#))
                try await outbound.write(.text(#"{"type":"save"}"#))
                while try await !next().contains(#""type":"saved""#) {}
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        let frames = await frames(transcript)
        #expect(frames.count >= 6)
        let epochs = frames.compactMap { ($0["snapshot"] as? [String: Any])?["epoch"] as? Int }
        #expect(epochs == epochs.sorted())
        #expect((epochs.last ?? 0) > 5)
        let settings = await transcript.ofType("settings").last.map(object)?["query"] as? String
        #expect(settings?.contains("dataset=xor") == true)
        #expect(settings?.contains("learningRate=5000") == false)
        let runs = try await hub.repository.experimentRuns(demo: "nn-simulator", limit: 10)
        #expect(runs.count == 1)
        #expect(runs.first?.configuration.contains("dataset=xor") == true)
    }

    @Test("saved runs export their weights as safetensors and the network as Swift")
    func exports() async throws {
        let hub = try TestHub.make()
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/nn-simulator/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                try await outbound.write(.text(#"{"type":"step","count":3}"#))
                try await outbound.write(.text(#"{"type":"save"}"#))
                while case .text(let text)? = try await messages.next(), !text.contains(#""type":"saved""#) {}
                try await outbound.close(.normalClosure, reason: nil)
            }
            let run = try #require(try await hub.repository.experimentRuns(demo: "nn-simulator", limit: 1).first?.id)
            try await client.execute(uri: "/api/demos/nn-simulator/runs", method: .get) { response in
                #expect(response.text.contains(#""weightsURL":"/api/demos/nn-simulator/runs/\#(run)/weights.safetensors""#))
            }
            try await client.execute(uri: "/api/demos/nn-simulator/runs/\(run)/weights.safetensors", method: .get) { response in
                #expect(response.status == .ok)
                let bytes = Array(response.body.readableBytesView)
                let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                #expect(bytes.count > 8 + headerLength && bytes[8] == UInt8(ascii: "{"))
            }
            try await client.execute(uri: "/api/demos/nn-simulator/runs/\(run)/model.swift", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Sequential"))
            }
            try await client.execute(uri: "/api/demos/nn-simulator/runs/999/model.swift", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("while the page is hidden training goes on without frames; showing it again brings a frame at once")
    func hiddenPageGetsNoFrames() async throws {
        let hub = try TestHub.make()
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/nn-simulator/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                func next() async throws -> [String: Any] {
                    guard case .text(let text)? = try await messages.next() else { return [:] }
                    return object(text)
                }
                #expect(try await next()["type"] as? String == "hello")
                try await outbound.write(.text(#"{"type":"frames","fps":20,"resolution":10,"neuronResolution":4,"hidden":true}"#))
                try await outbound.write(.text(#"{"type":"play"}"#))
                #expect(try await next()["type"] as? String == "settings", "a hidden page's frames request has no reply")
                try await Task.sleep(for: .milliseconds(600))
                try await outbound.write(.text(#"{"type":"pause"}"#))
                #expect(try await next()["type"] as? String == "settings", "no frame arrived while hidden")
                let paused = try await next()
                let epoch = try #require((paused["snapshot"] as? [String: Any])?["epoch"] as? Int)
                #expect(paused["type"] as? String == "frame" && epoch >= 1, "training went on while hidden: epoch \(epoch)")
                try await outbound.write(.text(#"{"type":"frames","hidden":false}"#))
                let shown = try await next()
                #expect(shown["type"] as? String == "frame" && (shown["snapshot"] as? [String: Any])?["epoch"] as? Int == epoch)
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test("race frames carry only the new part of each path, and whole paths after a reset or a new frames request")
    func racePathsAreIncremental() async throws {
        let hub = try TestHub.make()
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/optimizer-race/live?query=surface%3Dbowl", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                /// The next frame's first racer path: (from, points).
                func nextPath() async throws -> (from: Int, count: Int) {
                    while case .text(let text)? = try await messages.next() {
                        guard text.contains(#""type":"frame""#) else { continue }
                        let racers = (object(text)["snapshot"] as? [String: Any])?["racers"] as? [[String: Any]]
                        let path = try #require(racers?.first?["path"] as? [String: Any])
                        return (try #require(path["from"] as? Int), try #require((path["x"] as? [Any])?.count))
                    }
                    throw HubTestError("the socket closed")
                }
                try await outbound.write(.text(#"{"type":"frames","resolution":10}"#))
                #expect(try await nextPath() == (0, 1), "the start point")
                try await outbound.write(.text(#"{"type":"step","count":50}"#))
                #expect(try await nextPath() == (1, 50), "the 50 new points")
                try await outbound.write(.text(#"{"type":"step","count":5}"#))
                #expect(try await nextPath() == (51, 5))
                try await outbound.write(.text(#"{"type":"frames","resolution":10}"#))
                #expect(try await nextPath() == (0, 56), "a page asking for frames again gets whole paths")
                try await outbound.write(.text(#"{"type":"reset"}"#))
                #expect(try await nextPath() == (0, 1), "after a reset the path starts over")
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test("a run on uploaded data records what the file held and its (cleaned) name; generated data records none")
    func uploadedRunRecordsData() async throws {
        let hub = try TestHub.make()
        var csv = "x1,x2,label"
        for i in 0..<30 { csv += "\n\(Double(i % 3) * 5 + sin(Double(i))),\(cos(Double(i))),\(i % 3)" }
        let upload = try String(decoding: JSONSerialization.data(withJSONObject: ["type": "upload", "csv": csv, "name": "blobs\u{7}.csv"]), as: UTF8.self)
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/nn-simulator/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                func save() async throws {
                    try await outbound.write(.text(#"{"type":"save"}"#))
                    while case .text(let text)? = try await messages.next(), !text.contains(#""type":"saved""#) {}
                }
                try await save()
                try await outbound.write(.text(upload))
                try await outbound.write(.text(#"{"type":"step","count":2}"#))
                try await save()
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        let runs = try await hub.repository.experimentRuns(demo: "nn-simulator", limit: 10)
        let configurations = try runs.map { try JSONDecoder().decode(RunConfiguration.self, from: Data($0.configuration.utf8)) }
        #expect(configurations.count == 2)
        let uploaded = try #require(configurations.first?.data, "newest first: the upload")
        #expect(uploaded.file == "blobs.csv" && uploaded.rows == 30 && uploaded.task == "classification" && uploaded.classes == 3)
        #expect(configurations.last?.data == nil, "the generated-data run records no upload")
    }

    @Test("past the session cap a new learner gets a clear busy message")
    func busy() async throws {
        let hub = Hub(content: try TestHub.content.get(), repository: try SQLiteHubRepository.inMemory(), demos: DemoHost(limits: DemoHostLimits(maxSessions: 1)))
        let second = Transcript()
        try await application(hub).test(.live) { client in
            try await client.ws("/api/demos/optimizer-race/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
                _ = try await messages.next()
                try await client.ws("/api/demos/optimizer-race/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, _, _ in
                    for try await case .text(let text) in inbound.messages(maxSize: 1 << 20) { await second.append(text) }
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        let busy = await second.ofType("busy").map(object)
        #expect(busy.count == 1)
        #expect((busy.first?["message"] as? String)?.contains("as many live demos") == true)
    }

    @Test("random messages never take the server down")
    func fuzzMessages() async throws {
        let hub = try TestHub.make()
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var random = SeededGenerator(seed: seed)
        let types = ["play", "pause", "reset", "step", "set", "configure", "frames", "scene", "upload", "save", "bogus"]
        let names = ["learningRate", "hidden", "dataset", "activation", "features", "noise", "batchSize", "nope", ""]
        let values = ["0.1", "-1", "1e308", "NaN", "4,4,4,4,4,4,4", "", "tanh", "x1,x2", "🙂", String(repeating: "9", count: 400)]
        var messages: [String] = []
        for _ in 0..<150 {
            var fields = [#""type":"\#(types[Int(random.next() % UInt64(types.count))])""#]
            if random.next() % 2 == 0 { fields.append(#""count":\#(Int64(bitPattern: random.next() % 2000) - 500)"#) }
            if random.next() % 2 == 0 { fields.append(#""name":"\#(names[Int(random.next() % UInt64(names.count))])""#) }
            if random.next() % 2 == 0 { fields.append(#""value":"\#(values[Int(random.next() % UInt64(values.count))])""#) }
            if random.next() % 3 == 0 { fields.append(#""query":"dataset=\#(values[Int(random.next() % UInt64(values.count))])""#) }
            if random.next() % 3 == 0 { fields.append(#""resolution":\#(Int(random.next() % 400) - 100)"#) }
            if random.next() % 4 == 0 { fields.append(#""csv":"x1,x2,label\n1,2,\#(random.next() % 9)""#) }
            messages.append(random.next() % 10 == 0 ? "{" + fields.joined(separator: ",") : "{" + fields.joined(separator: ",") + "}")
        }
        let batch = messages
        try await application(hub).test(.live) { client in
            for demo in ["nn-simulator", "optimizer-race"] {
                try await client.ws("/api/demos/\(demo)/live", configuration: .init(maxFrameSize: 1 << 24)) { inbound, outbound, _ in
                    for text in batch { try await outbound.write(.text(text)) }
                    try await outbound.write(.text(#"{"type":"pause"}"#))
                    try await outbound.close(.normalClosure, reason: nil)
                    for try await _ in inbound {}
                }
            }
            try await client.execute(uri: "/api/demos/nn-simulator", method: .get) { response in
                #expect(response.status == .ok, "seed \(seed)")
            }
        }
    }
}

