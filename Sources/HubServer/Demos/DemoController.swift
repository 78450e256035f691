import Demos
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Lessons
import NIOCore

/// The demo routes: the catalog and schemas, saved setups and runs, and the live WebSocket
/// at `/api/demos/{demo}/live` that streams frames while the page plays.
struct DemoController {
    let hub: Hub

    static let learnerCookie = "mlhub_learner"

    func addRoutes(to router: Router<HubRequestContext>) {
        let api = router.group("api/demos")
        api.get { _, _ -> Response in JSONBody.response(DemoCatalog.entries) }
        api.get(":demo") { _, context -> Response in
            JSONBody.response(try entry(context))
        }
        api.get(":demo/runs") { _, context -> Response in
            let demo = try entry(context).id
            let runs = try await hub.repository.experimentRuns(demo: demo, limit: 50)
            return JSONBody.response(runs.map(RunSummary.init))
        }
        api.get(":demo/runs/:run/weights.safetensors") { _, context -> Response in
            let run = try await run(context)
            guard let weights = run.weights else { throw HTTPError(.notFound, message: "run \(run.id ?? 0) has no saved weights") }
            return Response(
                status: .ok,
                headers: [.contentType: "application/octet-stream", .contentDisposition: "attachment; filename=\"\(run.demo)-run-\(run.id ?? 0).safetensors\""],
                body: .init(byteBuffer: ByteBuffer(bytes: weights))
            )
        }
        api.get(":demo/runs/:run/model.swift") { _, context -> Response in
            let run = try await run(context)
            guard run.demo == NeuralNetworkSimulator.id else { throw HTTPError(.notFound, message: "only network simulator runs export Swift code") }
            let query = try JSONDecoder().decode([String: String].self, from: Data(run.configuration.utf8))["query"] ?? ""
            let snippet = try await hub.demos.workers.run {
                try NeuralNetworkSimulator(query: query).exportSwiftSnippet(weightsFile: "\(run.demo)-run-\(run.id ?? 0).safetensors")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8", .contentDisposition: "attachment; filename=\"\(run.demo)-run-\(run.id ?? 0).swift\""],
                body: .init(byteBuffer: ByteBuffer(string: snippet))
            )
        }
        api.get(":demo/configurations") { _, context -> Response in
            JSONBody.response(try await hub.repository.demoConfigurations(demo: try entry(context).id))
        }
        api.post(":demo/configurations") { request, context -> Response in
            let entry = try entry(context)
            let body = try await JSONBody.decode(SavedSetup.self, from: request, context: context)
            let type = try DemoCatalog.type(id: entry.id)
            let settings = try DemoSettings(schema: type.schema, query: body.query)
            let configuration = String(decoding: try JSONEncoder().encode(["query": settings.query]), as: UTF8.self)
            let saved = try await hub.repository.saveDemoConfiguration(
                DemoConfiguration(demo: entry.id, name: body.name, configuration: configuration, savedAt: Date())
            )
            return JSONBody.response(saved, status: .created)
        }

        router.ws("/api/demos/:demo/live", shouldUpgrade: { _, context in
            _ = try entry(context)
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, context in
            let live = DemoSocket(hub: hub, outbound: outbound, logger: context.logger)
            await live.run(
                demoID: context.requestContext.parameters.get("demo") ?? "",
                learner: context.request.cookies[Self.learnerCookie]?.value ?? UUID().uuidString,
                query: context.request.uri.queryParameters.get("query"),
                inbound: inbound
            )
        })
    }

    private func entry(_ context: some RequestContext) throws -> DemoCatalogEntry {
        let id = try context.parameters.require("demo")
        guard let entry = DemoCatalog.entries.first(where: { $0.id == id }) else {
            throw HTTPError(.notFound, message: "no demo '\(id)' (known: \(DemoCatalog.ids.joined(separator: ", ")))")
        }
        return entry
    }

    private func run(_ context: HubRequestContext) async throws -> ExperimentRun {
        let demo = try entry(context).id
        guard let id = Int64(try context.parameters.require("run")), let run = try await hub.repository.experimentRun(id: id), run.demo == demo else {
            throw HTTPError(.notFound, message: "no such run of '\(demo)'")
        }
        return run
    }
}

/// A saved run as the history lists it (without its weights).
struct RunSummary: Encodable {
    let id: Int64?
    let demo: String
    let configuration: String
    let summary: String
    let finishedAt: Date
    /// Where the trained weights and the Swift code that rebuilds the network download from
    /// (network simulator runs, which always save their weights).
    let weightsURL: String?
    let swiftURL: String?

    init(_ run: ExperimentRun) {
        id = run.id
        demo = run.demo
        configuration = run.configuration
        summary = run.summary
        finishedAt = run.finishedAt
        let base = "/api/demos/\(run.demo)/runs/\(run.id ?? 0)"
        let exportable = run.demo == NeuralNetworkSimulator.id
        weightsURL = exportable ? base + "/weights.safetensors" : nil
        swiftURL = exportable ? base + "/model.swift" : nil
    }
}

struct SavedSetup: Decodable {
    let name: String
    let query: String
}
