#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TCP sockets on 127.0.0.1, for the clients that talk to a server on this machine: the hub
/// benchmarks' load generator, and the tests' HTTP clients (the fuzz test, WebDriver).
public enum LoopbackSocket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif

    /// 127.0.0.1:`port` as a socket address.
    public static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A blocking socket connected to 127.0.0.1:`port`; the caller closes it.
    public static func connect(port: Int) throws(LoopbackSocketError) -> Int32 {
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw LoopbackSocketError(call: "socket", port: port, code: errno) }
        var address = address(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connectSocket(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw LoopbackSocketError(call: "connect", port: port, code: code)
        }
        return fd
    }

    /// A port on 127.0.0.1 that nothing listens on (bound to port 0, read back, closed).
    public static func freePort() throws(LoopbackSocketError) -> Int {
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw LoopbackSocketError(call: "socket", port: 0, code: errno) }
        defer { close(fd) }
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard bound else { throw LoopbackSocketError(call: "bind", port: 0, code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The C library's `connect`, which `LoopbackSocket.connect` hides inside the enum.
private func connectSocket(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

/// A socket call on 127.0.0.1 that failed, with its `errno`.
public struct LoopbackSocketError: Error, CustomStringConvertible {
    public let call: String
    public let port: Int
    public let code: Int32

    public var description: String { "\(call) on 127.0.0.1:\(port) failed: \(String(cString: strerror(code)))" }
}
