import Foundation
import LoopbackSockets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request to 127.0.0.1 over a fresh connection (`Connection: close`), with a
/// deadline on the whole exchange.
public enum HTTPExchange {
    /// A TCP port on 127.0.0.1 that nothing listens on.
    static func freePort() throws -> Int {
        do { return try LoopbackSocket.freePort() } catch { throw BrowserTestError("no free local port: \(error)") }
    }

    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }

    public static func perform(_ method: String, _ path: String, body: Data?, port: Int, timeout: Double) throws -> (status: Int, body: Data) {
        let deadline = Date().addingTimeInterval(timeout)
        let what = "\(method) \(path)"
        let fd: Int32
        do { fd = try LoopbackSocket.connect(port: port) } catch {
            throw BrowserTestError("WebDriver \(what): cannot reach chromedriver: \(error)")
        }
        defer { close(fd) }
        var request = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
        request += Data("Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body?.count ?? 0)\r\n\r\n".utf8)
        request += body ?? Data()
        var sent = 0
        while sent < request.count {
            try wait(for: fd, event: Int16(POLLOUT), until: deadline, what)
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard n > 0 else { throw BrowserTestError("WebDriver \(what): sending failed: \(String(cString: strerror(errno)))") }
            sent += n
        }

        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var head: (status: Int, bodyStart: Int, length: Int?, chunked: Bool)?
        while true {
            if head == nil { head = try parseHead(response, what) }
            if let head, let length = head.length, response.count - head.bodyStart >= length { break }
            try wait(for: fd, event: Int16(POLLIN), until: deadline, what)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n < 0 { throw BrowserTestError("WebDriver \(what): receiving failed: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            response.append(contentsOf: chunk[0..<n])
        }
        guard let head = try head ?? parseHead(response, what) else {
            throw BrowserTestError("WebDriver \(what): the connection closed before a complete response")
        }
        var content = Data(response[head.bodyStart...])
        if let length = head.length { content = content.prefix(length) }
        if head.chunked { content = try dechunk(content, what) }
        return (head.status, content)
    }

    /// Waits until the socket is ready for `event`, or throws when the deadline passes.
    static func wait(for fd: Int32, event: Int16, until deadline: Date, _ what: String) throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw BrowserTestError("WebDriver \(what): no answer from chromedriver within the time limit")
            }
            var request = pollfd(fd: fd, events: event, revents: 0)
            let ready = poll(&request, 1, Int32(min(remaining * 1000 + 1, 60_000)))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw BrowserTestError("WebDriver \(what): poll failed: errno \(errno)") }
        }
    }

    /// The status line and headers, once the blank line ending them has arrived.
    static func parseHead(_ response: Data, _ what: String) throws -> (status: Int, bodyStart: Int, length: Int?, chunked: Bool)? {
        guard let end = response.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: response[response.startIndex..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw BrowserTestError("WebDriver \(what): not an HTTP response: \(lines[0].prefix(100))")
        }
        var length: Int?
        var chunked = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { length = Int(value) }
            if name == "transfer-encoding" && value.lowercased().contains("chunked") { chunked = true }
        }
        return (status, end.upperBound - response.startIndex, chunked ? nil : length, chunked)
    }

    static func dechunk(_ data: Data, _ what: String) throws -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? "", radix: 16) else {
                throw BrowserTestError("WebDriver \(what): bad chunk size \(sizeText.prefix(20))")
            }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.endIndex - start >= size else { break }
            result += rest[start..<(start + size)]
            rest = rest[min(rest.endIndex, start + size + 2)...]
        }
        return result
    }
}
