import Demos
import Foundation
import Hummingbird
import Lessons
import NIOCore

/// The demo pages: `/demos` and `/demos/{demo}` (`?preset=ID`, any settings query, `embed=1`
/// for a lesson's frame). The page gives the learner a long-lived `mlhub_learner` cookie when
/// they have none, so that the demo socket finds their one session per demo.
struct DemoPageController {
    let hub: Hub

    /// The static figures of the pages, computed once per figure and parameters.
    private static let figures = StaticFigureCache()

    /// How long the learner cookie lives: 400 days, the most browsers keep a cookie.
    static let learnerCookieAge = 400 * 24 * 3600

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("/demos") { request, _ -> Response in
            withLearnerCookie(HTML.response(DemoPage.index(DemoCatalog.entries)), request: request)
        }
        router.get("/demos/:demo") { request, context -> Response in
            let id = try context.parameters.require("demo")
            guard let entry = DemoCatalog.entries.first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
            let setup = DemoPage.Setup(entry: entry, rawQuery: request.uri.query ?? "")
            return withLearnerCookie(HTML.response(DemoPage.page(setup)), request: request)
        }
        // The static figures of a page without JavaScript: `/demos/{demo}/figures/0.svg?{settings}`.
        router.get("/demos/:demo/figures/:file") { request, context -> Response in
            let id = try context.parameters.require("demo"), file = try context.parameters.require("file")
            guard let entry = DemoCatalog.entries.first(where: { $0.id == id }), file.hasSuffix(".svg"),
                  let index = Int(file.dropLast(4)) else { throw HTTPError(.notFound) }
            let setup = DemoPage.Setup(entry: entry, rawQuery: request.uri.query ?? "")
            let figures = DemoPage.staticFigures(for: setup)
            guard figures.indices.contains(index) else { throw HTTPError(.notFound) }
            let svg = try await Self.figures.svg(function: figures[index].function, parameters: figures[index].parameters, workers: hub.demos.workers)
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: svg.hasPrefix("<svg") ? svg : "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 60\"><text x=\"10\" y=\"35\">This figure could not be computed.</text></svg>"))
            )
        }
    }

    /// `response` with a new learner cookie when the request carries none.
    private func withLearnerCookie(_ response: Response, request: Request) -> Response {
        guard request.cookies[DemoController.learnerCookie] == nil else { return response }
        var response = response
        response.setCookie(Cookie(
            name: DemoController.learnerCookie, value: UUID().uuidString.lowercased(), maxAge: Self.learnerCookieAge,
            path: "/", httpOnly: true, sameSite: .lax
        ))
        return response
    }
}

/// Figure SVGs by function and parameters. A figure trains a network or runs a race, so it is
/// computed on a demo worker thread, never on an event loop, and only once.
final class StaticFigureCache: @unchecked Sendable {
    private let lock = NSLock()
    private var svgs: [String: String] = [:]

    func svg(function name: String, parameters: [String: String], workers: DemoWorkers) async throws -> String {
        let key: String = name + "?" + parameters.sorted { $0.key < $1.key }.map { pair -> String in "\(pair.key)=\(pair.value)" }.joined(separator: "&")
        if let cached = lock.withLock({ svgs[key] }) { return cached }
        guard let function = FigureRegistry.standard[name] else {
            return "<p class=\"render-error\">The figure '\(name.htmlEscaped)' is not registered.</p>"
        }
        let svg: String = try await workers.run {
            do {
                var svg = try function.render(try FigureArguments(parameters, parameters: function.parameters))
                if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
                    svg = String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
                }
                return svg
            } catch {
                return "<p class=\"render-error\">This figure could not be computed: \(String(describing: error).htmlEscaped)</p>"
            }
        }
        lock.withLock {
            // Settings queries are many; keep the cache from growing without bound.
            if svgs.count > 256 { svgs.removeAll() }
            svgs[key] = svg
        }
        return svg
    }
}
