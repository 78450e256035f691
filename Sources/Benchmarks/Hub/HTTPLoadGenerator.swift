import Foundation
import LoopbackSockets
#if canImport(Glibc)
import Glibc
#endif

/// A closed-loop HTTP/1.1 load generator, in the spirit of `wrk`: `connections` keep-alive
/// connections each send one GET, wait for the whole response, and send the next at once.
///
/// All connections run on one thread over `poll` with non-blocking sockets, so the generator
/// costs a fraction of one core: it copies each response out of the kernel once and scans only
/// the head, and latency is recorded as one `UInt64` per request (sorted at the end). A response
/// whose status is not 200, a connection the server closes, and a malformed response count as
/// errors (the connection is then reopened).
public struct HTTPLoadGenerator: Sendable {
    public struct Report: Sendable, CustomStringConvertible {
        /// Requests answered (with any status) in the measured window.
        public let requests: Int
        /// Requests answered with a status other than 200, or failed (closed, malformed).
        public let errors: Int
        public let seconds: Double
        /// Latencies of the answered requests in nanoseconds, sorted.
        public let latencies: [UInt64]
        /// Response bytes received in the measured window.
        public let bytes: Int

        public var requestsPerSecond: Double { Double(requests) / seconds }

        /// The `q` quantile (0…1) of the latencies in milliseconds (nearest rank).
        public func latencyMilliseconds(quantile q: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Swift.min(latencies.count - 1, Swift.max(0, Int((q * Double(latencies.count)).rounded(.up)) - 1))
            return Double(latencies[rank]) / 1e6
        }

        public var description: String {
            let mbPerSecond = Double(bytes) / seconds / 1_048_576
            return String(format: "%d requests in %.2f s: %.0f requests/s, %.1f MiB/s; latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %d errors",
                          requests, seconds, requestsPerSecond, mbPerSecond, latencyMilliseconds(quantile: 0.5),
                          latencyMilliseconds(quantile: 0.9), latencyMilliseconds(quantile: 0.99), latencyMilliseconds(quantile: 1), errors)
        }
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    public let path: String
    public let connections: Int

    public init(port: Int, path: String, connections: Int = 32) {
        self.port = port
        self.path = path
        self.connections = connections
    }

    /// Runs `warmup` seconds unrecorded, then `duration` seconds recorded. Blocks the calling
    /// thread (call it from a thread of its own, not from the Swift concurrency pool).
    public func run(warmup: Double, duration: Double) throws -> Report {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: mlhub-bench\r\nAccept: text/html\r\n\r\n".utf8)

        var states: [ConnectionState] = []
        defer { for state in states { close(state.fd) } }
        for _ in 0..<connections { states.append(ConnectionState(fd: try openConnection())) }
        var descriptors = states.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }

        let start = Self.now()
        let measureFrom = start + UInt64(warmup * 1e9)
        let end = measureFrom + UInt64(duration * 1e9)
        var latencies: [UInt64] = []
        latencies.reserveCapacity(Swift.max(1, Int(duration * 40_000)))
        var requests = 0, errors = 0, bytes = 0

        func send(_ slot: Int) throws {
            states[slot].sentAt = Self.now()
            states[slot].parser = ResponseScanner()
            try sendAll(request, fd: states[slot].fd)
        }
        func reopen(_ slot: Int) throws {
            close(states[slot].fd)
            states[slot].fd = try openConnection()
            descriptors[slot].fd = states[slot].fd
            try send(slot)
        }

        for slot in 0..<connections { try send(slot) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }

        var now = start
        while now < end {
            let ready = poll(&descriptors, nfds_t(descriptors.count), 100)
            if ready < 0 && errno != EINTR { throw LoadError(description: "poll failed: errno \(errno)") }
            now = Self.now()
            for slot in descriptors.indices where ready > 0 && descriptors[slot].revents != 0 {
                descriptors[slot].revents = 0
                // Drain the socket: a response may arrive in several reads.
                while true {
                    let received = recv(states[slot].fd, buffer.baseAddress, buffer.count, 0)
                    if received < 0 {
                        if errno == EAGAIN || errno == EWOULDBLOCK { break }
                        if errno == EINTR { continue }
                    }
                    if received <= 0 {
                        // Closed or reset by the server mid-request.
                        if now >= measureFrom { errors += 1 }
                        try reopen(slot)
                        break
                    }
                    if now >= measureFrom { bytes += received }
                    switch states[slot].parser.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<received])) {
                    case .needMore:
                        continue
                    case .malformed:
                        if now >= measureFrom { errors += 1 }
                        try reopen(slot)
                    case .complete(let status, let keepAlive):
                        let finished = Self.now()
                        if finished >= measureFrom && finished < end {
                            requests += 1
                            if status != 200 { errors += 1 }
                            latencies.append(finished - states[slot].sentAt)
                        }
                        if keepAlive { try send(slot) } else { try reopen(slot) }
                    }
                    break
                }
            }
        }
        latencies.sort()
        return Report(requests: requests, errors: errors, seconds: Double(end - measureFrom) / 1e9, latencies: latencies, bytes: bytes)
    }

    // MARK: Sockets

    private func openConnection() throws -> Int32 {
        let fd: Int32
        do { fd = try LoopbackSocket.connect(port: port) } catch { throw LoadError(description: error.description) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
    }

    /// Sends a small request on a non-blocking socket (waiting briefly if the buffer is full).
    private func sendAll(_ bytes: [UInt8], fd: Int32) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, 100)
                } else {
                    throw LoadError(description: "send failed: errno \(errno)")
                }
            }
        }
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private struct ConnectionState {
        var fd: Int32
        var sentAt: UInt64 = 0
        var parser = ResponseScanner()
    }
}

/// Finds where one HTTP/1.1 response ends, fed the bytes as they arrive: the head (up to 16 KiB)
/// is kept and parsed for the status, `Content-Length`, `Transfer-Encoding: chunked` and
/// `Connection: close`; the body is only counted (or, when chunked, walked chunk by chunk).
struct ResponseScanner {
    enum Outcome: Equatable {
        case needMore
        case complete(status: Int, keepAlive: Bool)
        case malformed
    }

    private enum Phase {
        case head
        case body(remaining: Int)
        case chunkSize(digits: Int, sawExtension: Bool)
        case chunkData(remaining: Int)
        case chunkDataEnd(remaining: Int)
        case trailer(lineLength: Int)
    }

    private var phase = Phase.head
    private var head: [UInt8] = []
    private var status = 0
    private var keepAlive = true

    init() {}

    /// Consumes `bytes`; a complete response must not be followed by more bytes (one request
    /// is outstanding at a time), which would be `.malformed`.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var index = 0
        while index < bytes.count {
            switch phase {
            case .head:
                let searchFrom = Swift.max(0, head.count - 3)
                let take = Swift.min(bytes.count - index, 16_384 - head.count)
                guard take > 0 else { return .malformed }
                head.append(contentsOf: bytes[index..<(index + take)])
                guard let end = Self.headEnd(head, from: searchFrom) else {
                    index += take
                    continue
                }
                index += take - (head.count - end)
                head.removeSubrange(end...)
                guard let body = parseHead() else { return .malformed }
                phase = body
                if case .body(0) = body { return index == bytes.count ? .complete(status: status, keepAlive: keepAlive) : .malformed }
            case .body(let remaining):
                let take = Swift.min(remaining, bytes.count - index)
                index += take
                phase = .body(remaining: remaining - take)
                if remaining - take == 0 { return index == bytes.count ? .complete(status: status, keepAlive: keepAlive) : .malformed }
            case .chunkSize(let digits, let sawExtension):
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\n") {
                    phase = digits == 0 ? .trailer(lineLength: 0) : .chunkData(remaining: digits)
                } else if byte == UInt8(ascii: "\r") || sawExtension {
                    continue
                } else if byte == UInt8(ascii: ";") {
                    phase = .chunkSize(digits: digits, sawExtension: true)
                } else if let value = Self.hexValue(byte), digits < 1 << 40 {
                    phase = .chunkSize(digits: digits * 16 + value, sawExtension: false)
                } else {
                    return .malformed
                }
            case .chunkData(let remaining):
                let take = Swift.min(remaining, bytes.count - index)
                index += take
                phase = remaining - take == 0 ? .chunkDataEnd(remaining: 2) : .chunkData(remaining: remaining - take)
            case .chunkDataEnd(let remaining):
                index += 1
                phase = remaining == 1 ? .chunkSize(digits: 0, sawExtension: false) : .chunkDataEnd(remaining: 1)
            case .trailer(let lineLength):
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\n") {
                    if lineLength == 0 { return index == bytes.count ? .complete(status: status, keepAlive: keepAlive) : .malformed }
                    phase = .trailer(lineLength: 0)
                } else if byte != UInt8(ascii: "\r") {
                    phase = .trailer(lineLength: lineLength + 1)
                }
            }
        }
        return .needMore
    }

    private static func headEnd(_ head: [UInt8], from start: Int) -> Int? {
        guard head.count >= 4 else { return nil }
        var i = start
        while i + 3 < head.count {
            if head[i] == 13 && head[i + 1] == 10 && head[i + 2] == 13 && head[i + 3] == 10 { return i + 4 }
            i += 1
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The status and how the body is delimited, from the head (`HTTP/1.1 200 OK\r\n…\r\n\r\n`),
    /// read from the bytes (no strings: this runs once per response).
    private mutating func parseHead() -> Phase? {
        guard head.count >= 12, head.starts(with: Self.httpPrefix) else { return nil }
        let digits = head[9..<12]
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        status = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        keepAlive = head[7] == UInt8(ascii: "1")
        var contentLength: Int?
        var chunked = false
        // Header lines, after the status line, up to the blank line that ends the head.
        var lineStart = (Self.lineEnd(head, from: 0) ?? head.count) + 2
        while lineStart < head.count - 2, let end = Self.lineEnd(head, from: lineStart) {
            defer { lineStart = end + 2 }
            guard let colon = head[lineStart..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
            var valueStart = colon + 1
            while valueStart < end && (head[valueStart] == 32 || head[valueStart] == 9) { valueStart += 1 }
            let name = head[lineStart..<colon], value = head[valueStart..<end]
            if Self.equalsIgnoringCase(name, Self.contentLengthName) {
                guard !value.isEmpty, value.allSatisfy({ (48...57).contains($0) }), value.count < 16 else { return nil }
                contentLength = value.reduce(0) { $0 * 10 + Int($1 - 48) }
            } else if Self.equalsIgnoringCase(name, Self.transferEncodingName) {
                chunked = Self.contains(value, Self.chunkedToken)
            } else if Self.equalsIgnoringCase(name, Self.connectionName) {
                if Self.contains(value, Self.closeToken) { keepAlive = false }
                if Self.contains(value, Self.keepAliveToken) { keepAlive = true }
            }
        }
        if (100..<200).contains(status) || status == 204 || status == 304 { return .body(remaining: 0) }
        if chunked { return .chunkSize(digits: 0, sawExtension: false) }
        guard let contentLength else { return nil }
        return .body(remaining: contentLength)
    }

    private static let httpPrefix = Array("HTTP/1.".utf8)
    private static let contentLengthName = Array("content-length".utf8)
    private static let transferEncodingName = Array("transfer-encoding".utf8)
    private static let connectionName = Array("connection".utf8)
    private static let chunkedToken = Array("chunked".utf8)
    private static let closeToken = Array("close".utf8)
    private static let keepAliveToken = Array("keep-alive".utf8)

    /// The index of the next CR LF at or after `start`.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 { return i }
            i += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    /// ASCII case-insensitive equality with a lowercase `literal`.
    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ literal: [UInt8]) -> Bool {
        bytes.count == literal.count && zip(bytes, literal).allSatisfy { lowercased($0) == $1 }
    }

    /// Whether `bytes` contains the lowercase `token`, ignoring ASCII case.
    private static func contains(_ bytes: ArraySlice<UInt8>, _ token: [UInt8]) -> Bool {
        guard bytes.count >= token.count else { return false }
        var i = bytes.startIndex
        while i + token.count <= bytes.endIndex {
            if equalsIgnoringCase(bytes[i..<(i + token.count)], token) { return true }
            i += 1
        }
        return false
    }
}
