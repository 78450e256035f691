import Foundation
import LoopbackSockets
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdWebSocket
import Lessons
import Logging
import NIOCore
import Testing
import TestSupport
@testable import HubServer

/// Nothing an HTTP client sends may crash the hub, make it answer 500, or leave it silent.
///
/// The test starts the real application on 127.0.0.1 (port 0), with the server pipeline
/// `mlhub serve` uses (HTTP/1.1 with WebSocket upgrade), and sends a few thousand random and
/// mutated requests to every route over raw TCP sockets, so that malformed HTTP reaches the
/// server too: mutated paths and query strings, random methods, malformed headers, hostile
/// bodies, pure garbage, and WebSocket handshakes followed by hostile frames. Every response
/// that comes back must start with a well-formed status line and have a status below 500 (503
/// and 507, the learner database's honest "busy"/"disk full", are allowed); a complete request
/// must be answered (or its connection closed), not left hanging. Afterwards the server must
/// still serve the home page, a lesson and the API.
///
/// The requests are generated up front from one seed (printed; set `MLHUB_FUZZ_SEED` to replay,
/// `MLHUB_FUZZ_COUNT` for more or fewer requests, `MLHUB_FUZZ_WORKERS=1 MLHUB_FUZZ_TRACE=1` to
/// print every request before it is sent when hunting a crash).
@Suite("HTTP fuzzing", .serialized)
struct HTTPFuzzTests {
    @Test("thousands of random and malformed requests neither crash the server, nor cause a 500, nor go unanswered")
    func fuzzEveryRoute() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["MLHUB_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x4D4C_4875_6246_757A
        let count = environment["MLHUB_FUZZ_COUNT"].flatMap { Int($0) } ?? 3_000
        let workers = max(1, environment["MLHUB_FUZZ_WORKERS"].flatMap { Int($0) } ?? 64)
        let trace = environment["MLHUB_FUZZ_TRACE"] == "1"
        print("HTTPFuzzTests: seed \(seed) (MLHUB_FUZZ_SEED=\(seed) replays it), \(count) requests, \(workers) connections at a time")

        let hub = try TestHub.make()
        var logger = Logger(label: "HTTPFuzzTests")
        logger.logLevel = .error
        let server = try await RunningHub.start(hub, logger: logger)
        defer { Task { await server.stop() } }

        // The server answers before the storm…
        let before = FuzzHTTP.exchange(port: server.port, request: FuzzRequest.simple("GET", "/"), deadline: .seconds(30))
        #expect(before.responses.first?.status == 200, "the server should answer GET / before fuzzing")

        // The demos (ids, parameter names, presets) as the server lists them.
        let catalog = FuzzHTTP.exchange(port: server.port, request: FuzzRequest.simple("GET", "/api/demos"), deadline: .seconds(30))
        let demos = FuzzDemo.parse(catalog.responses.first?.body ?? "[]")
        #expect(!demos.isEmpty, "GET /api/demos should list the demos")

        var generator = FuzzGenerator(curriculum: hub.curriculum, demos: demos, seed: seed)
        let cases = (0..<count).map { generator.make(index: $0) }
        let started = ContinuousClock.now
        let outcomes = await FuzzRunner.run(cases, port: server.port, workers: workers, trace: trace)
        let elapsed = ContinuousClock.now - started

        // Failures grouped by problem (a 500, a hang, a malformed response, a dead server).
        var failures: [String: [String]] = [:]
        var statuses: [Int: Int] = [:]
        var silent: [String: Int] = [:]
        for (fuzzCase, outcome) in zip(cases, outcomes) {
            for response in outcome.responses { statuses[response.status, default: 0] += 1 }
            if let (problem, detail) = outcome.problem(expectingResponse: fuzzCase.expectsResponse) {
                failures[problem, default: []].append("request #\(fuzzCase.index) [\(fuzzCase.kind)] on \(fuzzCase.route): \(problem): \(detail)\n  sent \(fuzzCase.bytes.count) bytes: \(FuzzRequest.describe(fuzzCase.bytes))\n  got: \(FuzzRequest.describe(outcome.received, limit: 300))")
            }
            if outcome.responses.isEmpty { silent[fuzzCase.kind, default: 0] += 1 }
        }
        let kinds = Dictionary(grouping: cases, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
        print("HTTPFuzzTests: \(count) requests in \(elapsed); kinds \(kinds.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        print("HTTPFuzzTests: statuses \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")); closed or timed out without a response: \(silent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        let slowest = zip(cases, outcomes).sorted { $0.1.seconds > $1.1.seconds }.prefix(5)
        for (fuzzCase, outcome) in slowest {
            print(String(format: "HTTPFuzzTests: slow: %.2f s for #%d [%@] %@: %@", outcome.seconds, fuzzCase.index, fuzzCase.kind, fuzzCase.route,
                         FuzzRequest.describe(fuzzCase.bytes, limit: 200)))
        }
        for (problem, examples) in failures.sorted(by: { $0.key < $1.key }) {
            print("HTTPFuzzTests: FAILED: \(examples.count) request(s): \(problem)")
            for example in examples.prefix(8) { Issue.record(Comment(rawValue: example)) }
            if examples.count > 8 { Issue.record("… and \(examples.count - 8) more requests with: \(problem)") }
        }
        #expect(statuses.keys.contains(200) && statuses.keys.contains(404) && statuses.keys.contains(400), "the fuzz should reach handlers and error paths")

        // …and still answers after it.
        let home = FuzzHTTP.exchange(port: server.port, request: FuzzRequest.simple("GET", "/"), deadline: .seconds(30))
        let homeResponse = try #require(home.responses.first, "the server no longer answers GET /")
        #expect(homeResponse.status == 200)
        #expect(homeResponse.body.contains("<!doctype html>") && homeResponse.body.contains("module-card") && homeResponse.body.hasSuffix("</html>"))
        for module in hub.curriculum.modules { #expect(homeResponse.body.contains("href=\"\(module.path)\"")) }

        let lesson = try #require(hub.curriculum.lesson("deep/neural-networks") ?? hub.curriculum.lessons.first { $0.status == .ready })
        let page = FuzzHTTP.exchange(port: server.port, request: FuzzRequest.simple("GET", lesson.path), deadline: .seconds(30))
        let pageResponse = try #require(page.responses.first, "the server no longer answers GET \(lesson.path)")
        #expect(pageResponse.status == 200)
        #expect(pageResponse.body.contains("<article class=\"lesson\" data-lesson=\"\(lesson.id)\">"))
        #expect(pageResponse.body.contains("<h1>\(lesson.title.htmlEscaped)</h1>") && pageResponse.body.hasSuffix("</html>"))

        let api = FuzzHTTP.exchange(port: server.port, request: FuzzRequest.simple("GET", "/api/lessons"), deadline: .seconds(30))
        let apiResponse = try #require(api.responses.first, "the server no longer answers GET /api/lessons")
        #expect(apiResponse.status == 200)
        let lessons = try JSONSerialization.jsonObject(with: Data(apiResponse.body.utf8)) as? [[String: Any]]
        #expect(lessons?.count == hub.curriculum.lessons.count)
    }
}

// MARK: - The live server



// MARK: - Raw HTTP over a blocking socket

/// One response as it came off the wire.
private struct FuzzResponse {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: String
}

/// What happened to one request: the bytes that came back and the responses parsed from them.
private struct FuzzOutcome {
    var received: [UInt8] = []
    var responses: [FuzzResponse] = []
    /// A response that was not well formed (set as soon as the bytes show it).
    var malformed: String?
    var connectError: Int32?
    var timedOut = false
    var seconds = 0.0

    /// What is wrong (a short kind, to group by) and the details, or `nil`.
    func problem(expectingResponse: Bool) -> (String, String)? {
        if let connectError { return ("could not connect: the server is gone", "errno \(connectError)") }
        if let malformed { return ("malformed response", malformed) }
        if let bad = responses.first(where: { $0.status >= 500 && $0.status != 503 && $0.status != 507 }) {
            return ("status \(bad.status)", bad.body.isEmpty ? "(no body)" : String(bad.body.prefix(300)))
        }
        if expectingResponse && responses.isEmpty && timedOut {
            return ("no response to a complete request, connection left open (hang)",
                    String(format: "nothing received within %.0f s", seconds.rounded()))
        }
        return nil
    }
}

private enum FuzzHTTP {
    /// Connects, sends `request`, optionally half-closes, and reads until `responseCount`
    /// responses are complete, the server closes, or `deadline` passes.
    static func exchange(
        port: Int, request: [UInt8], halfClose: Bool = false, responseCount: Int = 1, isHead: Bool = false,
        deadline: Duration
    ) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let fd: Int32
        do {
            fd = try LoopbackSocket.connect(port: port)
        } catch {
            outcome.connectError = error.code
            return outcome
        }
        defer { close(fd) }
        setTimeout(fd, SO_RCVTIMEO, milliseconds: 50)
        setTimeout(fd, SO_SNDTIMEO, milliseconds: 3_000)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        // Send everything (the server may close early, e.g. with 413: that is fine).
        request.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }

        let end = ContinuousClock.now + deadline
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                outcome.received += buffer[0..<received]
                switch FuzzResponseParser.parse(outcome.received, isHead: isHead, closed: false) {
                case .malformed(let reason):
                    outcome.malformed = reason
                    return outcome
                case .responses(let responses, _):
                    outcome.responses = responses
                    if responses.count >= responseCount { return outcome }
                }
            } else if received == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                // Closed (or reset): a response delimited by the close is now complete.
                switch FuzzResponseParser.parse(outcome.received, isHead: isHead, closed: true) {
                case .malformed(let reason): outcome.malformed = reason
                case .responses(let responses, _): outcome.responses = responses
                }
                return outcome
            }
            if ContinuousClock.now >= end {
                outcome.timedOut = true
                return outcome
            }
        }
    }

    private static func setTimeout(_ fd: Int32, _ option: Int32, milliseconds: Int) {
        var time = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }
}

/// Splits received bytes into HTTP/1.x responses, checking each status line and header.
private enum FuzzResponseParser {
    enum Result {
        case responses([FuzzResponse], rest: ArraySlice<UInt8>)
        case malformed(String)
    }

    static func parse(_ bytes: [UInt8], isHead: Bool, closed: Bool) -> Result {
        var responses: [FuzzResponse] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            // The status line must look right as soon as it is long enough to tell.
            let prefix = Array("HTTP/1.".utf8)
            if !rest.starts(with: prefix.prefix(rest.count)) || (rest.count > prefix.count && !rest.starts(with: prefix)) {
                return .malformed("not an HTTP/1.x status line: \(FuzzRequest.describe(rest, limit: 120))")
            }
            guard let headerEnd = rest.firstRange(of: Array("\r\n\r\n".utf8)) else { break }
            guard let head = String(validating: rest[rest.startIndex..<headerEnd.lowerBound], as: UTF8.self) else {
                return .malformed("the response head is not UTF-8")
            }
            let lines = head.components(separatedBy: "\r\n")
            guard let status = statusCode(lines[0]) else { return .malformed("bad status line '\(lines[0].prefix(120))'") }
            var headers: [(name: String, value: String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                      line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) })
                else { return .malformed("bad header line '\(line.prefix(120))' after '\(lines[0])'") }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name }?.value }
            let bodyStart = headerEnd.upperBound
            let body: ArraySlice<UInt8>
            if status == 101 {
                // Switching protocols: what follows is WebSocket frames, not HTTP.
                responses.append(FuzzResponse(status: status, headers: headers, body: ""))
                return .responses(responses, rest: rest[rest.endIndex...])
            } else if (100..<200).contains(status) || status == 204 || status == 304 || isHead {
                body = []
                rest = rest[bodyStart...]
                if (100..<200).contains(status) { continue }
            } else if header("transfer-encoding")?.lowercased().contains("chunked") == true {
                switch dechunk(rest[bodyStart...]) {
                case .incomplete: return .responses(responses, rest: rest)
                case .malformed(let reason): return .malformed("bad chunked body after '\(lines[0])': \(reason)")
                case .complete(let decoded, let next):
                    body = decoded
                    rest = rest[next...]
                }
            } else if let length = header("content-length") {
                guard let length = Int(length), length >= 0 else { return .malformed("bad Content-Length '\(length)'") }
                guard rest.count - (bodyStart - rest.startIndex) >= length else { return .responses(responses, rest: rest) }
                body = rest[bodyStart..<(bodyStart + length)]
                rest = rest[(bodyStart + length)...]
            } else {
                guard closed else { return .responses(responses, rest: rest) }
                body = rest[bodyStart...]
                rest = rest[rest.endIndex...]
            }
            responses.append(FuzzResponse(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)))
        }
        return .responses(responses, rest: rest)
    }

    /// `HTTP/1.0 404 Not Found` → 404; `nil` unless version, code and reason are well formed.
    static func statusCode(_ line: String) -> Int? {
        let scalars = Array(line.utf8)
        guard scalars.count >= 12, line.hasPrefix("HTTP/1.0 ") || line.hasPrefix("HTTP/1.1 ") else { return nil }
        let digits = scalars[9..<12]
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), digits.first! >= UInt8(ascii: "1"),
              digits.first! <= UInt8(ascii: "5") else { return nil }
        guard scalars.count == 12 || scalars[12] == UInt8(ascii: " ") else { return nil }
        guard scalars.dropFirst(12).allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    enum Chunked {
        case incomplete
        case malformed(String)
        case complete(ArraySlice<UInt8>, next: Int)
    }

    static func dechunk(_ bytes: ArraySlice<UInt8>) -> Chunked {
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)) else { return .incomplete }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                return .malformed("chunk size '\(sizeText.prefix(40))'")
            }
            index = lineEnd.upperBound
            if size == 0 {
                // Trailers, then an empty line.
                while true {
                    guard let end = bytes[index...].firstRange(of: Array("\r\n".utf8)) else { return .incomplete }
                    let empty = end.lowerBound == index
                    index = end.upperBound
                    if empty { return .complete(decoded[...], next: index) }
                }
            }
            guard bytes.endIndex - index >= size + 2 else { return .incomplete }
            decoded += bytes[index..<(index + size)]
            guard bytes[index + size] == 13, bytes[index + size + 1] == 10 else { return .malformed("no CRLF after a chunk") }
            index += size + 2
        }
    }
}

// MARK: - Running the cases

private final class FuzzOutcomeStore: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [FuzzOutcome?]
    private var hangs = 0
    init(count: Int) { outcomes = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ outcome: FuzzOutcome) { lock.withLock { outcomes[index] = outcome } }
    /// Complete requests that got no response before their deadline so far.
    var hangCount: Int { lock.withLock { hangs } }
    func countHang() { lock.withLock { hangs += 1 } }
    var all: [FuzzOutcome] { lock.withLock { outcomes.map { $0 ?? FuzzOutcome() } } }
}

private enum FuzzRunner {
    /// Sends the cases from `workers` plain threads (blocking sockets must stay off the
    /// cooperative pool the server's handlers run on), each case on its own connection.
    ///
    /// A complete request gets 3 s to be answered (normal answers take milliseconds); once
    /// ten have hung, the rest get 1 s, so that a server that leaves many connections without
    /// an answer fails the test in seconds rather than hours.
    static func run(_ cases: [FuzzCase], port: Int, workers: Int, trace: Bool) async -> [FuzzOutcome] {
        let store = FuzzOutcomeStore(count: cases.count)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for worker in 0..<workers {
                group.enter()
                let thread = Thread {
                    for fuzzCase in cases where fuzzCase.index % workers == worker {
                        if trace {
                            FileHandle.standardError.write(Data("fuzz #\(fuzzCase.index) [\(fuzzCase.kind)] \(FuzzRequest.describe(fuzzCase.bytes, limit: 400))\n".utf8))
                        }
                        let started = ContinuousClock.now
                        var outcome = FuzzHTTP.exchange(
                            port: port, request: fuzzCase.bytes, halfClose: fuzzCase.halfClose,
                            responseCount: fuzzCase.responseCount, isHead: fuzzCase.isHead,
                            deadline: fuzzCase.halfClose || !fuzzCase.expectsResponse ? .seconds(1)
                                : store.hangCount < 10 ? .seconds(3) : .seconds(1)
                        )
                        if fuzzCase.expectsResponse && !fuzzCase.halfClose && outcome.timedOut && outcome.responses.isEmpty {
                            store.countHang()
                        }
                        let elapsed = ContinuousClock.now - started
                        outcome.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                        store.set(fuzzCase.index, outcome)
                    }
                    group.leave()
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.notify(queue: .global()) { continuation.resume() }
        }
        return store.all
    }
}

// MARK: - Generating requests

/// One request to send and what to expect of it.
private struct FuzzCase: Sendable {
    let index: Int
    /// What kind of damage was done (valid, path, query, method, headers, body, garbage, …).
    let kind: String
    /// The route template it started from.
    let route: String
    let bytes: [UInt8]
    /// The request is deliberately incomplete: half-close after sending so the server sees EOF.
    let halfClose: Bool
    /// A complete request: the server must answer it (or close), not hang.
    let expectsResponse: Bool
    let responseCount: Int
    let isHead: Bool
}

private enum FuzzRequest {
    static func simple(_ method: String, _ target: String) -> [UInt8] {
        Array("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    }

    /// Printable form of raw bytes: ASCII as is, the rest as `\xNN`, long runs shortened.
    static func describe<Bytes: Collection<UInt8>>(_ bytes: Bytes, limit: Int = 600) -> String {
        var text = ""
        for byte in bytes.prefix(limit) {
            switch byte {
            case 13: text += "\\r"
            case 10: text += "\\n"
            case 32..<127 where byte != UInt8(ascii: "\\"): text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += String(format: "\\x%02X", byte)
            }
        }
        return bytes.count > limit ? "\(text)… (\(bytes.count) bytes in all)" : text
    }
}


/// A demo as `GET /api/demos` lists it: what the fuzzer needs to aim at its routes.
private struct FuzzDemo {
    let id: String
    let parameters: [String]
    let presetQueries: [String]

    static func parse(_ json: String) -> [FuzzDemo] {
        guard let entries = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else { return [] }
        return entries.compactMap { entry in
            guard let id = entry["id"] as? String else { return nil }
            let schema = entry["schema"] as? [String: Any]
            let parameters = (schema?["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            let presets = (entry["presets"] as? [[String: Any]])?.compactMap { $0["query"] as? String } ?? []
            return FuzzDemo(id: id, parameters: parameters, presetQueries: presets)
        }
    }
}

private struct FuzzGenerator {
    /// A route: method, path template pieces, a valid query (if it takes one), and a valid body maker.
    struct Route {
        let name: String
        let method: String
        let path: (inout FuzzGenerator) -> String
        var query: ((inout FuzzGenerator) -> String)? = nil
        var body: BodyKind = .none
        var webSocket = false
    }

    enum BodyKind { case none, doneForm, quizForm, progressJSON, quizJSON, setupJSON }

    var random: SeededGenerator
    let modules: [String]
    let lessons: [Lesson]
    let quizLessons: [Lesson]
    let demos: [FuzzDemo]
    let staticFiles = ["hub.css", "hub.js", "theme.js", "favicon.svg", "charts.css", "openapi.yaml", "demos.css", "demo-core.js"]
    var routes: [Route] = []

    init(curriculum: Curriculum, demos: [FuzzDemo], seed: UInt64) {
        random = SeededGenerator(seed: seed)
        modules = curriculum.modules.map(\.id)
        lessons = curriculum.lessons
        quizLessons = curriculum.lessons.filter { !$0.quiz.isEmpty }
        self.demos = demos
        let search: (inout FuzzGenerator) -> String = { "?q=\($0.pick(["neural", "gradient", "soft", "backprop", "", "iris", "tensor+shape"]))" }
        routes = [
            Route(name: "GET /", method: "GET", path: { _ in "/" }),
            Route(name: "GET /modules/{module}", method: "GET", path: { "/modules/\($0.pick($0.modules))" }),
            Route(name: "GET /lessons/{m}/{l}", method: "GET", path: { $0.lessonPath() }),
            Route(name: "POST /lessons/{m}/{l}/done", method: "POST", path: { $0.lessonPath() + "/done" }, body: .doneForm),
            Route(name: "POST /lessons/{m}/{l}/quiz", method: "POST", path: { $0.quizLessonPath() + "/quiz" }, body: .quizForm),
            Route(name: "GET /search", method: "GET", path: { _ in "/search" }, query: search),
            Route(name: "GET /progress", method: "GET", path: { _ in "/progress" }),
            Route(name: "GET /static/{file}", method: "GET", path: { "/static/\($0.pick($0.staticFiles))" }),
            Route(name: "GET /favicon.ico", method: "GET", path: { _ in "/favicon.ico" }),
            Route(name: "GET /api/lessons", method: "GET", path: { _ in "/api/lessons" }),
            Route(name: "GET /api/lessons/{m}/{l}", method: "GET", path: { "/api" + $0.lessonPath() }),
            Route(name: "GET /api/search", method: "GET", path: { _ in "/api/search" }, query: search),
            Route(name: "GET /api/progress", method: "GET", path: { _ in "/api/progress" }),
            Route(name: "PUT /api/progress/{m}/{l}", method: "PUT", path: { "/api/progress/" + $0.pick($0.lessons).id }, body: .progressJSON),
            Route(name: "POST /api/quiz/{m}/{l}", method: "POST", path: { "/api/quiz/" + $0.pick($0.quizLessons.isEmpty ? $0.lessons : $0.quizLessons).id }, body: .quizJSON),
            Route(name: "GET /demos", method: "GET", path: { _ in "/demos" }),
            Route(name: "GET /demos/{demo}", method: "GET", path: { "/demos/\($0.demoID())" }, query: { $0.demoQuery() }),
            Route(name: "GET /api/demos", method: "GET", path: { _ in "/api/demos" }),
            Route(name: "GET /api/demos/{demo}", method: "GET", path: { "/api/demos/\($0.demoID())" }),
            Route(name: "GET /api/demos/{demo}/runs", method: "GET", path: { "/api/demos/\($0.demoID())/runs" }),
            Route(name: "GET /api/demos/{demo}/runs/{run}/weights.safetensors", method: "GET", path: { "/api/demos/\($0.demoID())/runs/\($0.runID())/weights.safetensors" }),
            Route(name: "GET /api/demos/{demo}/runs/{run}/model.swift", method: "GET", path: { "/api/demos/\($0.demoID())/runs/\($0.runID())/model.swift" }),
            Route(name: "GET /api/demos/{demo}/configurations", method: "GET", path: { "/api/demos/\($0.demoID())/configurations" }),
            Route(name: "POST /api/demos/{demo}/configurations", method: "POST", path: { "/api/demos/\($0.demoID())/configurations" }, body: .setupJSON),
            Route(name: "WebSocket /api/demos/{demo}/live", method: "GET", path: { "/api/demos/\($0.demoID())/live" }, webSocket: true),
        ]
    }

    mutating func demoID() -> String {
        chance(0.1) || demos.isEmpty ? pick(["no-such-demo", "", "..", "NN-SIMULATOR", "%6En-simulator"]) : pick(demos).id
    }

    mutating func runID() -> String {
        pick(["1", "2", "0", "-1", "999999999999", "99999999999999999999999", "x", "1.5", "%31", ""])
    }

    /// A demo's settings as a query: a preset, or some parameters with plausible or hostile values.
    mutating func demoSettings() -> String {
        guard !demos.isEmpty else { return "" }
        let demo = pick(demos)
        if chance(0.4), !demo.presetQueries.isEmpty { return pick(demo.presetQueries) }
        let names = demo.parameters.isEmpty ? ["x"] : demo.parameters
        return (0..<int(1...4)).map { _ in
            "\(pick(names))=\(pick(["0", "1", "2", "3", "0.5", "-1", "1e308", "-1e308", "1e-320", "NaN", "inf", "-0", "99999999999", "", "x", "%00", "4,4,4,4,4,4,4,4", "sigmoid", "tanh", "relu", "xor", "circle", String(repeating: "9", count: 400)]))"
        }.joined(separator: "&")
    }

    mutating func demoQuery() -> String {
        let settings = demoSettings()
        return settings.isEmpty ? "" : "?" + settings
    }

    // MARK: Random helpers

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }
    mutating func printable(_ count: Int) -> String {
        String((0..<count).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &random))) })
    }

    mutating func lessonPath() -> String {
        if chance(0.1) { return "/lessons/\(pick(modules))/\(pick(["no-such-lesson", "x", "", "index", "..", "%2e%2e"]))" }
        return pick(lessons).path
    }

    mutating func quizLessonPath() -> String { pick(quizLessons.isEmpty ? lessons : quizLessons).path }

    func quizSize(_ path: String) -> Int {
        lessons.first { path.contains($0.id) }?.quiz.count ?? 3
    }

    // MARK: Cases

    mutating func make(index: Int) -> FuzzCase {
        let route = routes[index % routes.count]
        if route.webSocket && chance(0.6) { return webSocketCase(index, route) }
        let roll = int(0..<100)
        switch roll {
        case 0..<10: return build(index, "valid", route)
        case 10..<28: return build(index, "path", route, path: { $0.mutatePath($1) })
        case 28..<38: return build(index, "query", route, query: { $0.mutateQuery() })
        case 38..<46: return build(index, "method", route, method: { $0.randomMethod() })
        case 46..<62: return headerCase(index, route)
        case 62..<82: return bodyCase(index, route)
        case 82..<90: return garbageCase(index, route)
        case 90..<94: return pipelinedCase(index, route)
        default:
            // Several kinds of damage at once.
            return build(index, "combined", route, method: chance(0.5) ? { $0.randomMethod() } : nil, path: { $0.mutatePath($1) },
                         query: chance(0.5) ? { $0.mutateQuery() } : nil, extraHeaders: randomHeaders(), body: chance(0.5) ? hostileBody(route) : nil)
        }
    }

    /// A request to `route`, valid unless one of the mutators damages it.
    mutating func build(
        _ index: Int, _ kind: String, _ route: Route,
        method methodMaker: ((inout FuzzGenerator) -> String)? = nil,
        path pathMutator: ((inout FuzzGenerator, [UInt8]) -> [UInt8])? = nil,
        query queryMaker: ((inout FuzzGenerator) -> [UInt8])? = nil,
        extraHeaders: [[UInt8]] = [],
        body bodyOverride: (bytes: [UInt8], contentType: String?)? = nil,
        version: String = "HTTP/1.1"
    ) -> FuzzCase {
        let method = methodMaker.map { $0(&self) } ?? route.method
        var path = Array(route.path(&self).utf8)
        if let pathMutator { path = pathMutator(&self, path) }
        var target = path
        if let queryMaker {
            target += queryMaker(&self)
        } else if let query = route.query {
            target += Array(query(&self).utf8)
        }
        let (body, contentType) = bodyOverride ?? validBody(route, path: String(decoding: path, as: UTF8.self))
        var head = Array("\(method) ".utf8) + target + Array(" \(version)\r\nHost: 127.0.0.1\r\n".utf8)
        if let contentType { head += Array("Content-Type: \(contentType)\r\n".utf8) }
        if !body.isEmpty || route.body != .none { head += Array("Content-Length: \(body.count)\r\n".utf8) }
        for header in extraHeaders { head += header + Array("\r\n".utf8) }
        head += Array("Connection: close\r\n\r\n".utf8)
        return FuzzCase(index: index, kind: kind, route: route.name, bytes: head + body, halfClose: false,
                        expectsResponse: true, responseCount: 1, isHead: method == "HEAD")
    }

    mutating func validBody(_ route: Route, path: String) -> (bytes: [UInt8], contentType: String?) {
        switch route.body {
        case .none: return ([], nil)
        case .doneForm: return (Array("done=\(chance(0.5))".utf8), "application/x-www-form-urlencoded")
        case .quizForm:
            let answers = (0..<quizSize(path)).map { "q\($0)=\(int(-1...3))" }.joined(separator: "&")
            return (Array(answers.utf8), "application/x-www-form-urlencoded")
        case .progressJSON: return (Array("{\"done\":\(chance(0.5))}".utf8), "application/json")
        case .quizJSON:
            let answers = (0..<quizSize(path)).map { _ in String(int(-1...3)) }.joined(separator: ",")
            return (Array("{\"answers\":[\(answers)]}".utf8), "application/json")
        case .setupJSON:
            let query = demoSettings().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return (Array("{\"name\":\"fuzz \(int(0..<20))\",\"query\":\"\(query)\"}".utf8), "application/json")
        }
    }

    // MARK: Paths and queries

    static let unicodeSamples: [[UInt8]] = [
        "é", "日本語", "🙂", "\u{202E}", "e\u{301}\u{301}\u{301}", "👩‍👩‍👧", "\u{FEFF}", "Å", "ﬁ", "\u{10FFFF}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]]

    mutating func mutatePath(_ path: [UInt8]) -> [UInt8] {
        var path = path
        for _ in 0..<int(1...3) {
            let position = path.isEmpty ? 0 : int(0...path.count)
            switch int(0..<14) {
            case 0: // percent-encode some characters, '/' included
                path = path.flatMap { byte -> [UInt8] in
                    chance(0.3) ? Array(String(format: chance(0.5) ? "%%%02X" : "%%%02x", byte).utf8) : [byte]
                }
            case 1: path.insert(contentsOf: Array(pick(["%", "%G1", "%0", "%%", "%FF%FE", "%C0%AF", "%00", "%2", "%u0041", "%E2%82"]).utf8), at: position)
            case 2: path.insert(contentsOf: Array(pick(["/..", "/../..", "/./", "/%2e%2e/", "//", "/.../", "/..%2f", "/%2E%2E%2F%2E%2E/etc/passwd", "\\..\\"]).utf8), at: position)
            case 3: path += Array("/".utf8) + Array(repeating: pick([UInt8(ascii: "a"), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ".")]), count: pick([255, 1024, 8_000, 70_000]))
            case 4: path.insert(contentsOf: pick(Self.unicodeSamples), at: position)
            case 5: path.insert(contentsOf: chance(0.5) ? [0] : Array("%00".utf8), at: position)
            case 6: path.insert(pick([9, 13, 10, 127, 1, 32, 0x1B]), at: position)
            case 7: path.insert(contentsOf: Array(pick(["?", "#", ";", "\\", "@", ":", "*", "&", "=", "+", "~", "{m}", "%3F", "%23"]).utf8), at: position)
            case 8: path = Array(String(decoding: path, as: UTF8.self).uppercased().utf8)
            case 9: path = Array(pick(["*", "", "http://127.0.0.1/", "http://evil.example/lessons", "127.0.0.1:80", "//", "?", "/?", "lessons/deep"]).utf8) + (chance(0.5) ? path : [])
            case 10: // drop or duplicate a segment
                var segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
                if segments.count > 1 {
                    let index = int(1..<segments.count)
                    if chance(0.5) { segments.remove(at: index) } else { segments.insert(segments[index], at: index) }
                }
                path = Array(segments.joined(separator: [UInt8(ascii: "/")]))
            case 11: path.insert(contentsOf: bytes(int(1...16)), at: position)
            case 12: path += Array(":module/:lesson/**".utf8)
            default: path = Array("/\(printable(int(0...40)))".utf8)
            }
        }
        return path
    }

    mutating func mutateQuery() -> [UInt8] {
        let value: [UInt8]
        switch int(0..<12) {
        case 0: value = Array(pick(["\"", "\"\"", "*", "NEAR(a b, 5)", "a AND b OR NOT c", "^neural", "-net", "title:net", "{title body}:x",
                                    "((((", ")", "'", "'; DROP TABLE lesson_search; --", "neural*", "\"unterminated", "a:b:c", "NOT", "AND AND"]).utf8)
        case 1: value = Array(printable(pick([201, 1_000, 10_000])).utf8)
        case 2: value = Array(pick(["%", "%G", "%0", "%00", "%FF", "%C3%28", "%E2%80%AE", "+", "%2B", "%26", "%3D"]).utf8)
        case 3: value = pick(Self.unicodeSamples) + Array("neural".utf8)
        case 4: value = Array(Array(repeating: "ab", count: pick([50, 500, 5_000])).joined(separator: "+").utf8)
        case 5: value = bytes(int(1...32)).filter { $0 != 32 && $0 != 10 && $0 != 13 }
        case 6: value = Array(String(repeating: "e\u{301}", count: pick([10, 200, 3_000])).utf8)
        case 7: value = Array(String(repeating: "🙂", count: pick([10, 199, 200, 201, 1_000])).utf8)
        case 8: value = Array(String(repeating: "neural ", count: 30).utf8)
        case 9: value = [0]
        case 10: value = Array(String(repeating: "x", count: pick([63, 64, 65, 200, 201])).utf8)
        default: value = Array("gradient".utf8)
        }
        // Demo settings (for the demo pages and the live sessions' `query`).
        if chance(0.2) {
            let settings = demoSettings()
            return Array((chance(0.5) ? "?" : "?query=").utf8) + Array((chance(0.5) ? settings : settings.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? settings).utf8)
        }
        let shape = int(0..<8)
        switch shape {
        case 0: return Array("?q=".utf8) + value
        case 1: return Array("?q=".utf8) + value + Array("&q=".utf8) + value
        case 2: return Array("?".utf8) + value
        case 3: return Array("?q".utf8)
        case 4: return Array("?&&&=&q=&=".utf8) + value
        case 5: return Array("?q[]=".utf8) + value + Array("&q[x]=1".utf8)
        case 6: return Array("?q=".utf8) + value + Array("#fragment".utf8)
        default: return Array("?".utf8) + Array(repeating: UInt8(ascii: "&"), count: 2_000) + Array("q=".utf8) + value
        }
    }

    mutating func randomMethod() -> String {
        pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "Get", "FOO",
              "PROPFIND", "M-SEARCH", "PRI", String(repeating: "A", count: 1_000), "G\u{00C9}T", "GET\t", "BREW"])
    }

    // MARK: Headers

    mutating func randomHeaders() -> [[UInt8]] {
        (0..<int(1...4)).map { _ in
            switch int(0..<10) {
            case 0: return Array("X-Fuzz-\(int(0..<1000)): \(printable(int(0...60)))".utf8)
            case 1: return Array(pick(["Accept: */*", "Accept: application/json", "Accept: ;;;,,,", "Accept-Encoding: gzip, br, *;q=0",
                                       "Accept-Language: \(printable(20))", "Cookie: a=b; c", "Authorization: Bearer \(printable(30))"]).utf8)
            case 2: return Array("If-None-Match: \(pick(["*", "\"\"", "W/\"x\"", "\"\(printable(16))\"", ""]))".utf8)
            case 3: return Array(pick(["Connection: keep-alive", "Connection: upgrade", "Upgrade: websocket", "Upgrade: h2c", "Connection: close, close, foo"]).utf8)
            case 4: return Array("Content-Type: \(pick(["text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "", ";;;", "application/x-www-form-urlencoded; charset=latin1"]))".utf8)
            case 5: return Array("Referer: ".utf8) + pick(Self.unicodeSamples)
            case 6: return Array("X-Forwarded-For: \(printable(int(0...40)))".utf8)
            case 7: return Array("Range: bytes=\(pick(["0-", "-1", "5-1", "0-99999999999999999999", "a-b"]))".utf8)
            case 8: return Array("Host: \(pick(["", "evil.example", "[::1]", "127.0.0.1:99999", printable(30)]))".utf8)
            default: return Array("User-Agent: \(printable(int(0...80)))".utf8)
            }
        }
    }

    mutating func headerCase(_ index: Int, _ route: Route) -> FuzzCase {
        let path = Array(route.path(&self).utf8) + Array((route.query?(&self) ?? "").utf8)
        var (body, contentType) = validBody(route, path: String(decoding: path, as: UTF8.self))
        if body.isEmpty && chance(0.5) { body = Array("{\"done\":true}".utf8) }
        let method = route.method
        var halfClose = false
        var expectsResponse = true
        var lines: [[UInt8]] = [Array("\(method) ".utf8) + path + Array(" HTTP/1.1".utf8), Array("Host: 127.0.0.1".utf8)]
        if let contentType { lines.append(Array("Content-Type: \(contentType)".utf8)) }
        var trailing = body
        var lineEnding: [UInt8] = [13, 10]
        var finalBlankLine = true
        switch int(0..<16) {
        case 0: // Content-Length larger than the body: the server waits for the rest
            lines.append(Array("Content-Length: \(pick(["99999999999999999999999", "18446744073709551616", "9223372036854775807", "2147483648", "1000000"]))".utf8))
            halfClose = true
        case 1:
            lines.append(Array("Content-Length: \(pick(["-1", "-0", "+5", "0x10", " 5 ", "5, 6", "1e3", "", "abc", "５"]))".utf8))
        case 2: // two different lengths
            lines.append(Array("Content-Length: \(body.count)".utf8))
            lines.append(Array("Content-Length: \(body.count + int(1...10))".utf8))
        case 3: // chunked garbage
            lines.append(Array("Transfer-Encoding: chunked".utf8))
            trailing = pick([
                Array("zz\r\nhello\r\n0\r\n\r\n".utf8), Array("ffffffffffffffffff\r\nx\r\n".utf8), Array("5\r\nhello0\r\n\r\n".utf8),
                Array("-1\r\nx\r\n0\r\n\r\n".utf8), Array("5;ext=\(printable(10))\r\nhello\r\n0\r\n\r\n".utf8),
                Array("3\r\nabc\r\n0\r\nTrailer: \(printable(5))\r\n\r\n".utf8), Array("\(String(body.count, radix: 16))\r\n".utf8) + body,
                Array("\r\n\r\n\r\n".utf8), bytes(int(1...200)),
            ])
            halfClose = true
        case 4: // chunked and Content-Length together
            lines.append(Array("Transfer-Encoding: chunked".utf8))
            lines.append(Array("Content-Length: \(body.count)".utf8))
            trailing = Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n0\r\n\r\n".utf8)
        case 5:
            lines.append(Array("Transfer-Encoding: \(pick(["gzip", "chunked, gzip", "identity", "chunked, chunked", "x", "Chunked"]))".utf8))
            lines.append(Array("Content-Length: \(body.count)".utf8))
            halfClose = true
        case 6: // malformed header lines
            lines.append(Array(pick(["BadHeader", ": novalue", "Name : value", "Na me: value", "Name:\u{0}value", "X-A: b\rc", "Ünïcode: yes", "X: \u{7F}"]).utf8))
            lines.append(Array("Content-Length: \(body.count)".utf8))
        case 7: // obsolete line folding
            lines.append(Array("X-Folded: first".utf8))
            lines.append(Array(" continued".utf8))
            lines.append(Array("Content-Length: \(body.count)".utf8))
        case 8: // huge header value
            lines.append(Array("X-Huge: ".utf8) + Array(repeating: UInt8(ascii: "h"), count: pick([8_000, 81_000, 200_000])))
            lines.append(Array("Content-Length: \(body.count)".utf8))
        case 9: // too many headers
            for n in 0..<pick([200, 1_001, 3_000]) { lines.append(Array("X-Many-\(n): \(n)".utf8)) }
            lines.append(Array("Content-Length: \(body.count)".utf8))
        case 10: // bare LF line endings
            lines.append(Array("Content-Length: \(body.count)".utf8))
            lineEnding = [10]
        case 11: // headers never end
            lines.append(Array("Content-Length: \(body.count)".utf8))
            finalBlankLine = false
            trailing = []
            halfClose = true
        case 12: // odd versions
            lines[0] = Array("\(method) ".utf8) + path + Array(pick([" HTTP/1.0", " HTTP/2.0", " HTTP/1.2", " HTTP/0.9", "", " http/1.1", " HTTP/1.1 extra", " HTTP/11", " HTTP/1.1\u{0}"]).utf8)
            lines.append(Array("Content-Length: \(body.count)".utf8))
            expectsResponse = false
        case 13: // Expect: 100-continue, sometimes without sending the body
            lines.append(Array("Expect: \(pick(["100-continue", "200-ok", "\(printable(8))"]))".utf8))
            lines.append(Array("Content-Length: \(body.count)".utf8))
            if chance(0.5) { trailing = []; halfClose = true }
        case 14: // no Host, or several
            lines.remove(at: 1)
            if chance(0.5) { lines.append(Array("Host: a".utf8)); lines.append(Array("Host: b".utf8)) }
            lines.append(Array("Content-Length: \(body.count)".utf8))
        default:
            lines += randomHeaders()
            lines.append(Array("Content-Length: \(body.count)".utf8))
        }
        lines.append(Array("Connection: close".utf8))
        var bytes = Array(lines.joined(separator: lineEnding))
        bytes += finalBlankLine ? lineEnding + lineEnding : lineEnding
        bytes += trailing
        return FuzzCase(index: index, kind: "headers", route: route.name, bytes: bytes, halfClose: halfClose,
                        expectsResponse: expectsResponse && !halfClose, responseCount: 1, isHead: false)
    }

    // MARK: Bodies

    /// A hostile body and a content type to go with it.
    mutating func hostileBody(_ route: Route) -> (bytes: [UInt8], contentType: String?) {
        let json = pick(["application/json", "application/json", "application/x-www-form-urlencoded", "text/plain"])
        let count = quizSize(route.name)
        let text: String
        switch int(0..<23) {
        case 0: text = String(pick(["{\"answers\":[0,1,", "{\"done\":tr", "{\"answers\":[0,1,2]", "{", "[", "{\"", "{\"done\"", "{\"done\":"]))
        case 1: text = String(repeating: "[", count: pick([100, 600, 5_000, 60_000]))
        case 2: let n = pick([100, 513, 5_000, 30_000]); text = "{\"answers\":" + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "}"
        case 3: let n = pick([100, 1_000, 10_000]); text = String(repeating: "{\"a\":", count: n) + "1" + String(repeating: "}", count: n)
        case 4: text = "{\"answers\":[\(pick(["1e999", "99999999999999999999999999", "-9223372036854775809", "9223372036854775807", "-9223372036854775808", "1.5", "-0", "0e0", "1E+2", String(repeating: "9", count: 5_000)]))]}"
        case 5: text = "{\"done\":\(pick(["1e400", "\"true\"", "null", "1", "0", "[]", "{}", "-1e-400", "NaN", "Infinity", "tru", "TRUE"]))}"
        case 6: text = pick(["{\"answers\":null}", "{\"answers\":{\"0\":1}}", "[]", "\"str\"", "true", "null", "{\"answers\":[true]}", "{\"answers\":[\"0\"]}", "{\"answers\":[null]}", "{}", "123"])
        case 7: text = "{\"answers\":[\((0..<pick([0, count + 1, 5_000])).map { _ in "0" }.joined(separator: ","))]}"
        case 8: text = "{\"answers\":[\((0..<count).map { _ in String(pick([-2, 4, 100, Int.max, Int.min, -1])) }.joined(separator: ","))]}"
        case 9: text = "{\"done\":true,\"done\":false,\"answers\":[0],\"extra\":\(String(repeating: "[1,", count: 50))0\(String(repeating: "]", count: 50))}"
        case 10: text = "{\"answers\":[0], \"s\":\"\\ud800\\udfff\\ud800\\u0000\"}"
        case 11: text = "\u{FEFF}{\"done\":true}"
        case 12: text = pick(["done=maybe", "done", "=", "&&&", "%", "done=%ZZ", "done=true&done=false", "done=%74rue", "done=true%00", "done=+true+"])
        case 13: text = "q0=\(pick(["99999999999999999999", "-5", "-1", "", "%", "1.0", "0x1", "٣"]))&q1=1&q2=\(String(repeating: "9", count: 100))"
        case 14: text = (0..<pick([1_000, 6_000])).map { "q\($0)=\($0 % 4)" }.joined(separator: "&")
        case 15: text = "\u{0}\u{0}\u{0}{\"done\":true}\u{0}"
        case 16: return (bytes(int(1...4_096)), json)
        case 17: return (Array(repeating: UInt8(ascii: pick(["[", "a", "{", "0"])), count: 1_048_576), json)
        case 18: return (bytes(1_048_576), pick(["application/octet-stream", "application/json"]))
        case 19: return (Array("{\"done\":true}".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "application/json; charset=utf-16le")
        case 20: text = "{\"answers\":[\(String(repeating: "0,", count: 30_000))0]}"
        case 21: text = pick([
            "{\"name\":\"\(String(repeating: "n", count: 5_000))\",\"query\":\"\"}", "{\"name\":\"\",\"query\":\"\"}",
            "{\"name\":\"\\u0000\",\"query\":\"dataset=%\"}", "{\"query\":1}", "{\"name\":\"a\",\"query\":\"\(demoSettings())\"}",
            "{\"name\":\"🙂\",\"query\":\"\(String(repeating: "a=1&", count: 3_000))\"}", "{\"name\":[],\"query\":{}}",
        ])
        default: text = ""
        }
        return (Array(text.utf8), json)
    }

    mutating func bodyCase(_ index: Int, _ route: Route) -> FuzzCase {
        // Bodies go mostly to the routes that read them; the rest to any route with a body-reading method.
        let target = route.body == .none && chance(0.6) ? pick(routes.filter { $0.body != .none }) : route
        let (body, contentType) = hostileBody(target)
        var fuzzCase = build(index, "body", target, method: chance(0.1) ? { $0.randomMethod() } : nil, body: (body, contentType))
        if body.count >= 1_000_000 { fuzzCase = fuzzCase.with(expectsResponse: false) }
        return fuzzCase
    }

    // MARK: WebSockets

    /// A WebSocket frame (RFC 6455), masked as a client must unless told otherwise.
    mutating func frame(opcode: UInt8, _ payload: [UInt8], fin: Bool = true, masked: Bool = true, rsv: UInt8 = 0, declaredLength: UInt64? = nil) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | (rsv << 4) | (opcode & 0x0F)]
        let length = declaredLength ?? UInt64(payload.count)
        let maskBit: UInt8 = masked ? 0x80 : 0
        if length < 126 {
            bytes.append(maskBit | UInt8(length))
        } else if length <= 0xFFFF {
            bytes += [maskBit | 126, UInt8(length >> 8), UInt8(length & 0xFF)]
        } else {
            bytes.append(maskBit | 127)
            bytes += (0..<8).reversed().map { UInt8((length >> (8 * UInt64($0))) & 0xFF) }
        }
        if masked {
            let key = self.bytes(4)
            bytes += key
            bytes += payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
        } else {
            bytes += payload
        }
        return bytes
    }

    /// A message a demo page could send, with plausible or hostile values.
    mutating func demoMessage() -> String {
        switch int(0..<14) {
        case 0: return pick(["{\"type\":\"play\"}", "{\"type\":\"pause\"}", "{\"type\":\"reset\"}"])
        case 1: return "{\"type\":\"step\",\"count\":\(pick(["1", "5", "0", "-1", "1000000000000", "1e300", "\"x\"", "null", "2.5"]))}"
        case 2: return "{\"type\":\"set\",\"name\":\"\(pick(demos.flatMap(\.parameters) + ["x", ""]))\",\"value\":\"\(pick(["0.03", "-1", "1e308", "NaN", "", "abc", "999999"]))\"}"
        case 3: return "{\"type\":\"configure\",\"query\":\"\(demoSettings())\"}"
        case 4: return "{\"type\":\"frames\",\"fps\":\(pick(["20", "0", "-5", "100000", "1e9"])),\"resolution\":\(pick(["60", "0", "-1", "100000", "1e9"])),\"neuronResolution\":\(pick(["24", "0", "65536"])),\"stepsPerFrame\":\(pick(["1", "0", "1000000000"]))}"
        case 5: return "{\"type\":\"scene\",\"resolution\":\(pick(["60", "0", "-1", "5000", "1e9", "\"x\""]))}"
        case 6: return "{\"type\":\"upload\",\"csv\":\"\(pick(["x1,x2,label\\n0,0,0\\n1,1,1", "", "a,b\\n", "x1,x2,label\\n" + String(repeating: "1e308,-1e308,9\\n", count: 500), "x1,x2,label\\nNaN,inf,0"]))\"}"
        case 7: return "{\"type\":\"save\",\"name\":\"\(pick(["run", "", String(repeating: "s", count: 2_000)]))\"}"
        case 8: return pick(["{\"type\":\"nope\"}", "{}", "[]", "null", "{\"type\":1}", "{\"type\":\"step\"}", "{\"type\":\"set\"}"])
        case 9: return String(repeating: "[", count: pick([100, 5_000]))
        case 10: return printable(int(0...200))
        default: return "{\"type\":\"step\",\"count\":\(int(1...20))}"
        }
    }

    /// A WebSocket handshake on the live demo route (valid or damaged), then hostile frames.
    mutating func webSocketCase(_ index: Int, _ route: Route) -> FuzzCase {
        var target = route.path(&self)
        if chance(0.5) { target += "?query=" + (demoSettings().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        var lines = ["GET \(target) HTTP/1.1", "Host: 127.0.0.1"]
        var handshake = [
            "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: \(Data(bytes(16)).base64EncodedString())",
            "Sec-WebSocket-Version: 13",
        ]
        if chance(0.25) {
            switch int(0..<8) {
            case 0: handshake.remove(at: 2)
            case 1: handshake[2] = "Sec-WebSocket-Key: \(pick(["", "not base64!", "AAAA", String(repeating: "A", count: 5_000)]))"
            case 2: handshake[3] = "Sec-WebSocket-Version: \(pick(["8", "", "99999999999999999999", "13, 8"]))"
            case 3: handshake[0] = "Upgrade: \(pick(["websock", "h2c", "", "WebSocket, h2c"]))"
            case 4: handshake[1] = "Connection: \(pick(["close", "keep-alive", ""]))"
            case 5: lines[0] = "POST \(target) HTTP/1.1"
            case 6: lines[0] = "GET \(target) HTTP/1.0"
            default: handshake.append("Sec-WebSocket-Extensions: \(pick(["permessage-deflate", "x; y=\\\"", printable(40)]))")
            }
        }
        if chance(0.3) { handshake.append("Cookie: mlhub_learner=\(pick(["fuzz", "", String(repeating: "c", count: 3_000), "%00"]))") }
        var bytes = Array((lines + handshake).joined(separator: "\r\n").utf8) + Array("\r\n\r\n".utf8)
        for _ in 0..<int(0...5) {
            switch int(0..<14) {
            case 0..<5: bytes += frame(opcode: 1, Array(demoMessage().utf8))
            case 5: bytes += frame(opcode: 9, self.bytes(int(0...125)))  // ping
            case 6: bytes += frame(opcode: 2, self.bytes(int(0...2_000)))  // binary
            case 7: bytes += frame(opcode: 8, pick([[], [0x03, 0xE8], [0x03, 0xE8] + Array("bye".utf8), [0x00, 0x00], [0xFF, 0xFF], [0x01]]))  // close
            case 8: bytes += frame(opcode: 1, Array(demoMessage().utf8), masked: false)  // a client must mask
            case 9: bytes += frame(opcode: 1, Array("{\"type\":".utf8), fin: false)  // a fragment that never ends
            case 10: bytes += frame(opcode: 0, Array("\"step\"}".utf8))  // a continuation without a start
            case 11: bytes += frame(opcode: UInt8(pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15])), self.bytes(int(0...20)), rsv: UInt8(int(0...7)))
            case 12: bytes += frame(opcode: 1, [0xFF, 0xFE, 0xC3], declaredLength: pick([UInt64.max >> 1, 1 << 40, 70_000]))
            default: bytes += frame(opcode: 9, self.bytes(200))  // a control frame longer than 125 bytes
            }
        }
        return FuzzCase(index: index, kind: "websocket", route: route.name, bytes: bytes, halfClose: false,
                        expectsResponse: true, responseCount: 1, isHead: false)
    }

    // MARK: Garbage and pipelining

    mutating func garbageCase(_ index: Int, _ route: Route) -> FuzzCase {
        let bytes: [UInt8]
        switch int(0..<8) {
        case 0: bytes = self.bytes(int(1...4_096))
        case 1: bytes = Array(printable(int(1...4_096)).utf8)
        case 2: bytes = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + self.bytes(200)
        case 3: bytes = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + self.bytes(64)
        case 4: bytes = Array(repeating: UInt8(ascii: "\r"), count: int(1...10)) + Array(repeating: UInt8(ascii: "\n"), count: int(1...10))
        case 5: bytes = Array(repeating: UInt8(ascii: "A"), count: 100_000)
        case 6: bytes = Array((0..<int(1...30)).map { _ in printable(int(0...20)) }.joined(separator: pick([" ", "\r\n", ":", "\n"])).utf8) + Array("\r\n\r\n".utf8)
        default: bytes = Array("GET ".utf8) + self.bytes(int(1...64)) + Array(" HTTP/1.1\r\n\r\n".utf8)
        }
        return FuzzCase(index: index, kind: "garbage", route: route.name, bytes: bytes, halfClose: true,
                        expectsResponse: false, responseCount: 1, isHead: false)
    }

    /// Several requests on one connection; garbage may follow them.
    mutating func pipelinedCase(_ index: Int, _ route: Route) -> FuzzCase {
        let count = int(2...5)
        var bytes: [UInt8] = []
        for n in 0..<count {
            let request = build(index, "pipelined", n == 0 ? route : pick(routes), path: chance(0.3) ? { $0.mutatePath($1) } : nil).bytes
            // Keep the connection open between them.
            bytes += n == count - 1 ? request : Array(String(decoding: request, as: UTF8.self).replacingOccurrences(of: "Connection: close\r\n", with: "").utf8)
        }
        let garbage = chance(0.3)
        if garbage { bytes += self.bytes(int(1...100)) }
        return FuzzCase(index: index, kind: "pipelined", route: route.name, bytes: bytes, halfClose: false,
                        expectsResponse: true, responseCount: count, isHead: false)
    }
}

private extension FuzzCase {
    func with(expectsResponse: Bool) -> FuzzCase {
        FuzzCase(index: index, kind: kind, route: route, bytes: bytes, halfClose: halfClose,
                 expectsResponse: expectsResponse, responseCount: responseCount, isHead: isHead)
    }
}
