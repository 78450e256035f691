import BrowserTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mlhub serve` as a learner runs it: the built executable, in its own process.
@Suite("mlhub serve")
struct ServeTests {
    @Test("prints its address, serves the hub, and exits cleanly on the signal", arguments: [SIGTERM, SIGINT])
    func servesAndStops(signal: Int32) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let server = try ServerProcess(["serve", "--port", "0", "--data", data.path])
        defer { server.kill() }

        let line = try await server.waitForLine(containing: "MLHub is running at http://127.0.0.1:", timeout: .seconds(60))
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, "address line: \(line)")
        let home = try HTTPExchange.perform("GET", "/", body: nil, port: port, timeout: 20)
        #expect(home.status == 200 && String(decoding: home.body, as: UTF8.self).contains("Neural networks"))
        let lesson = try HTTPExchange.perform("GET", "/lessons/deep/neural-networks", body: nil, port: port, timeout: 20)
        #expect(lesson.status == 200)
        let done = try HTTPExchange.perform("PUT", "/api/progress/deep/neural-networks", body: Data(#"{"done":true}"#.utf8), port: port, timeout: 20)
        #expect(done.status == 200)

        let status = try await server.stop(signal: signal, timeout: .seconds(20))
        #expect(status == 0, "exit status after signal \(signal)")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("profiles/default/hub.sqlite").path))
    }

    @Test("refuses a bad port with a clear message and a failing exit status")
    func badPort() async throws {
        let server = try ServerProcess(["serve", "--port", "70000"])
        let status = try await server.waitForExit(timeout: .seconds(20))
        #expect(status != 0)
        #expect(server.standardError.contains("--port must be in 0...65535, got 70000"), "stderr: \(server.standardError)")
    }
}

/// The built `mlhub` (next to the test bundle) running with its output collected.
private final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var outputText = ""
    private var errorText = ""

    init(_ arguments: [String]) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlhub")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable.path])
        }
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        try process.run()
    }

    var standardError: String { lock.withLock { errorText } }

    private func append(_ data: Data, error: Bool) {
        let text = String(decoding: data, as: UTF8.self)
        lock.withLock { if error { errorText += text } else { outputText += text } }
    }

    /// The first line of standard output that contains `text`.
    func waitForLine(containing text: String, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lock.withLock({ outputText.split(separator: "\n").first { $0.contains(text) } }) { return String(line) }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no line with '\(text)'; output: \(lock.withLock { outputText }) errors: \(standardError)"])
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "mlhub did not exit within \(timeout)"])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    func stop(signal: Int32, timeout: Duration) async throws -> Int32 {
        signalProcess(process.processIdentifier, signal)
        return try await waitForExit(timeout: timeout)
    }

    func kill() {
        if process.isRunning { signalProcess(process.processIdentifier, SIGKILL) }
    }
}

private func signalProcess(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}
