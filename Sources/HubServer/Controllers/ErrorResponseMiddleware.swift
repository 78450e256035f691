import Demos
import Foundation
import Hummingbird
import Lessons

/// Turns every error into a response: JSON `{"error": {"status", "message"}}` under `/api/`,
/// an HTML error page elsewhere. Store failures become 503 with a log line; anything
/// unexpected becomes 500 without leaking internals.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Self.response(for: request, status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as DemoError {
            return Self.response(for: request, status: .badRequest, message: error.description)
        } catch let error as HubStoreError {
            let (status, message) = Self.describe(error)
            if status != .badRequest { context.logger.error("learner database: \(error)") }
            return Self.response(for: request, status: status, message: message)
        } catch let error as HTTPResponseError {
            // Errors Hummingbird and NIO raise themselves, e.g. a body over the size limit.
            let message = error.status == .contentTooLarge
                ? "the request body is larger than the limit of \(context.maxUploadSize / 1024) KiB"
                : error.status.reasonPhrase
            return Self.response(for: request, status: error.status, message: message)
        } catch {
            context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(error)")
            return Self.response(for: request, status: .internalServerError, message: "Something went wrong on the server; it has been logged.")
        }
    }

    /// The status and the learner-facing sentence for a store failure.
    static func describe(_ error: HubStoreError) -> (HTTPResponse.Status, String) {
        switch error {
        case .invalid(let message):
            return (.badRequest, message)
        case .locked:
            return (.serviceUnavailable, "The learner database is busy (\(error)). Nothing you saved before is lost; try again in a moment.")
        case .full:
            return (HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "The disk holding the learner database is full (\(error)). Nothing saved before is lost; free some space and try again.")
        case .corrupt:
            return (.serviceUnavailable, "The learner database is damaged (\(error)). The hub has not changed it; restore it from a backup or start the hub with another --profile.")
        case .unavailable:
            return (.serviceUnavailable, "The learner database cannot be used (\(error)).")
        }
    }

    static func response(for request: Request, status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" {
            headers[.contentType] = "application/json; charset=utf-8"
            let body = JSONBody.encode(APIError(error: .init(status: Int(status.code), message: message)))
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let title: String
        switch status.code {
        case 404: title = "Page not found"
        case 400: title = "Bad request"
        case 413: title = "Request too large"
        case 503: title = "Temporarily unavailable"
        case 507: title = "Disk full"
        default: title = status.reasonPhrase
        }
        let page = ErrorPage.page(
            status: Int(status.code), title: title,
            message: status.code == 404 ? "There is no page at \(request.uri.path). The lesson may have moved; search or go back to the modules." : message
        )
        return HTML.response(page, status: status, headers: headers)
    }
}

struct APIError: Encodable {
    struct Detail: Encodable {
        let status: Int
        let message: String
    }

    let error: Detail
}

enum HTML {
    static func response(_ page: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        response(ByteBuffer(string: page), status: status, headers: headers)
    }

    /// A page already in bytes (a cached lesson page), sent without copying.
    static func response(_ page: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: page))
    }
}

enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ value: some Encodable) -> [UInt8] {
        (try? [UInt8](encoder.encode(value))) ?? Array(#"{"error":{"status":500,"message":"could not encode the response"}}"#.utf8)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: encode(value)))
        )
    }

    /// Decodes a request body, turning every decoding failure into 400 with the reason.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: HubRequestContext) async throws -> T {
        let buffer = try await RequestBody.collect(request, context: context)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "malformed JSON body: \(describe(error))")
        } catch {
            throw HTTPError(.badRequest, message: "malformed JSON body: \(error.localizedDescription)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "" : " at '\(path)'"
        }
        switch error {
        case .dataCorrupted(let context): return "not valid JSON\(path(context))"
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type)\(path(context)), got null"
        @unknown default: return "\(error)"
        }
    }
}

enum RequestBody {
    /// The whole body, up to the size limit (413 past it). A body that is not valid HTTP (bad
    /// chunk sizes, a connection that ends early) is the client's error: 400, not 500.
    static func collect(_ request: Request, context: HubRequestContext) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as HTTPResponseError {
            throw error
        } catch {
            throw HTTPError(.badRequest, message: "the request body could not be read: \(error)")
        }
    }
}
