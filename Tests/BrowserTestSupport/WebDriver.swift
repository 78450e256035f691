import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A W3C WebDriver session in headless Chromium, driven through Debian's `chromedriver` over
/// HTTP: enough to open pages, find and work elements, run scripts and take screenshots.
///
/// Every call is synchronous and gives up after `requestTimeout` seconds rather than hang.
/// The HTTP client is a small one over a socket: Foundation's URLSession on Linux (libcurl)
/// rejects chromedriver's responses, whose headers have no space after the colon
/// ("Failed writing header", swift-corelibs-foundation issue 4965).
/// WebDriver errors are thrown as `BrowserTestError` with the driver's error and message.
/// `quit()` (also run by `deinit`) deletes the session and stops chromedriver.
/// `CHROMEDRIVER_PATH` and `CHROMIUM_PATH` select other binaries.
public final class WebDriverSession: @unchecked Sendable {
    /// Seconds any one request may take.
    public static let requestTimeout: Double = 30

    public let sessionID: String
    let port: Int
    let driver: Process
    let scratch: URL
    private let lock = NSLock()
    private var finished = false

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Whether chromedriver and Chromium are both installed.
    public static var isAvailable: Bool {
        (try? chromedriverPath()) != nil && (try? Chromium.locate()) != nil
    }

    static func chromedriverPath() throws -> String {
        let candidates = [ProcessInfo.processInfo.environment["CHROMEDRIVER_PATH"], "/usr/bin/chromedriver"]
        for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) { return path }
        throw BrowserTestError("""
            chromedriver was not found at /usr/bin/chromedriver. The browser tests need Debian's \
            chromedriver: install it with `sudo apt-get install chromium-driver`, or point \
            CHROMEDRIVER_PATH at a chromedriver binary.
            """)
    }

    private init(sessionID: String, port: Int, driver: Process, scratch: URL) {
        self.sessionID = sessionID
        self.port = port
        self.driver = driver
        self.scratch = scratch
    }

    deinit { quit() }

    /// Starts chromedriver on a free local port and opens a headless Chromium window of the
    /// given outer size (`--window-size`; see `setWindowSize` for the viewport);
    /// `extraArguments` are added to Chromium's command line.
    public static func start(windowWidth: Int = 1280, windowHeight: Int = 900,
                             extraArguments: [String] = []) throws -> WebDriverSession {
        let chromium = try Chromium.locate()
        let chromedriver = try chromedriverPath()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-webdriver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

        // The port is free when probed; another process could take it before chromedriver
        // binds it, so a failed start is tried again on a new port.
        var lastError: Error = BrowserTestError("chromedriver did not start")
        for _ in 0..<3 {
            let port = try HTTPExchange.freePort()
            let log = scratch.appendingPathComponent("chromedriver-\(port).log")
            let driver = Process()
            driver.executableURL = URL(fileURLWithPath: chromedriver)
            driver.arguments = ["--port=\(port)", "--log-path=\(log.path)", "--log-level=WARNING"]
            driver.standardOutput = FileHandle.nullDevice
            driver.standardError = FileHandle.nullDevice
            do {
                try driver.run()
                try waitUntilReady(port: port, driver: driver, log: log)
            } catch {
                lastError = error
                stop(driver, port: port)
                continue
            }
            let arguments = [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=\(windowWidth),\(windowHeight)", "--no-first-run", "--mute-audio",
                "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            ] + extraArguments
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": ["binary": chromium.path, "args": arguments],
                        // Below the request timeout, so that chromedriver reports a slow page or
                        // script itself.
                        "timeouts": ["script": 20_000, "pageLoad": 20_000, "implicit": 0],
                    ] as [String: Any],
                ],
            ]
            do {
                let value = try send("POST", "/session", body: capabilities, port: port)
                guard let sessionID = (value as? [String: Any])?["sessionId"] as? String else {
                    throw BrowserTestError("chromedriver answered a new session without a sessionId: \(String(describing: value))")
                }
                return WebDriverSession(sessionID: sessionID, port: port, driver: driver, scratch: scratch)
            } catch {
                stop(driver, port: port)
                try? FileManager.default.removeItem(at: scratch)
                throw error
            }
        }
        try? FileManager.default.removeItem(at: scratch)
        throw lastError
    }

    /// Deletes the session (closing Chromium), stops chromedriver and removes the profile.
    /// Safe to call more than once.
    public func quit() {
        lock.lock()
        let alreadyFinished = finished
        finished = true
        lock.unlock()
        guard !alreadyFinished else { return }
        _ = try? command("DELETE", "")
        Self.stop(driver, port: port)
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Stops chromedriver through its `/shutdown` command, or else kills it. (SIGTERM would not
    /// do: a child started from a test thread inherits a mask that blocks it.)
    static func stop(_ driver: Process, port: Int) {
        guard driver.isRunning else { return }
        _ = try? send("GET", "/shutdown", body: nil, port: port, timeout: 5)
        let deadline = Date().addingTimeInterval(3)
        while driver.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    // MARK: Navigation and window

    public func open(_ url: String) throws {
        _ = try command("POST", "url", ["url": url])
    }

    public func title() throws -> String {
        try string(command("GET", "title"), "title")
    }

    public func currentURL() throws -> String {
        try string(command("GET", "url"), "url")
    }

    /// Sets the outer size of the window, as `--window-size` does. In `--headless=new` mode
    /// Chromium keeps part of the height for its invisible toolbar (143 px in Chromium 156), so
    /// the viewport is that much shorter; `setViewportSize` sizes the viewport instead.
    public func setWindowSize(width: Int, height: Int) throws {
        _ = try command("POST", "window/rect", ["width": width, "height": height])
    }

    /// Resizes the window so that the viewport (`innerWidth` × `innerHeight`, and screenshots)
    /// is exactly `width` × `height` CSS pixels.
    public func setViewportSize(width: Int, height: Int) throws {
        let script = "return [outerWidth - innerWidth, outerHeight - innerHeight]"
        guard let frame = try execute(script) as? [Int], frame.count == 2 else {
            throw BrowserTestError("could not measure the window's frame")
        }
        try setWindowSize(width: width + frame[0], height: height + frame[1])
    }

    /// Saves a PNG of the viewport.
    public func screenshot(to file: URL) throws {
        let encoded = try string(command("GET", "screenshot"), "screenshot")
        guard let png = Data(base64Encoded: encoded) else {
            throw BrowserTestError("WebDriver screenshot is not valid base64 (\(encoded.count) characters)")
        }
        try png.write(to: file)
    }

    // MARK: Elements and scripts

    /// The first element matching a CSS selector; throws when there is none.
    public func find(_ css: String) throws -> WebElement {
        try element(command("POST", "element", ["using": "css selector", "value": css]), css)
    }

    /// Every element matching a CSS selector, in document order (empty when none).
    public func findAll(_ css: String) throws -> [WebElement] {
        try elements(command("POST", "elements", ["using": "css selector", "value": css]), css)
    }

    /// The first element matching `css`, polling until it exists or `timeout` seconds pass.
    public func waitFor(_ css: String, timeout: Double = 10) throws -> WebElement {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let first = try findAll(css).first { return first }
            if Date() >= deadline {
                throw BrowserTestError("no element matches \(css) after \(timeout) s on \((try? currentURL()) ?? "the page")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Runs `script` as the body of a function (use `return` to give a value; `arguments[i]`
    /// are `args`, where a `WebElement` stands for its element) and returns its JSON value:
    /// `String`, `NSNumber`/`Int`/`Double`/`Bool`, `[Any]`, `[String: Any]`, or nil for
    /// `null`/`undefined`. Elements come back as `["element-6066-…": id]` dictionaries.
    /// A script that throws is reported as a `BrowserTestError` with the JavaScript message.
    @discardableResult
    public func execute(_ script: String, _ args: [Any] = []) throws -> Any? {
        let value = try command("POST", "execute/sync", ["script": script, "args": args.map(Self.encodeArgument)])
        return value is NSNull ? nil : value
    }

    static func encodeArgument(_ argument: Any) -> Any {
        switch argument {
        case let element as WebElement: [elementKey: element.id]
        case let array as [Any]: array.map(encodeArgument)
        case let dictionary as [String: Any]: dictionary.mapValues(encodeArgument)
        default: argument
        }
    }

    // MARK: Protocol

    /// Sends a command of this session (`path` relative to `/session/{id}`) and returns its value.
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
        let url = "/session/\(sessionID)" + (path.isEmpty ? "" : "/\(path)")
        return try Self.send(method, url, body: body ?? (method == "POST" ? [:] : nil), port: port)
    }

    /// Sends a WebDriver request to chromedriver on `port` and returns the response's `value`,
    /// or throws the WebDriver error it reports.
    static func send(_ method: String, _ path: String, body: [String: Any]?, port: Int,
                     timeout: Double = requestTimeout) throws -> Any {
        var payload: Data?
        if let body {
            guard JSONSerialization.isValidJSONObject(body) else {
                throw BrowserTestError("WebDriver \(method) \(path): the arguments are not JSON values: \(body)")
            }
            payload = try JSONSerialization.data(withJSONObject: body)
        }
        let (status, data) = try HTTPExchange.perform(method, path, body: payload, port: port, timeout: timeout)
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any],
              let value = json["value"] else {
            throw BrowserTestError("WebDriver \(method) \(path) answered HTTP \(status) without a value: "
                + String(decoding: data.prefix(500), as: UTF8.self))
        }
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            let message = (failure["message"] as? String ?? "").split(separator: "\n").first.map(String.init) ?? ""
            throw BrowserTestError("WebDriver \(method) \(path): \(error): \(message)")
        }
        guard (200..<300).contains(status) else {
            throw BrowserTestError("WebDriver \(method) \(path) answered HTTP \(status)")
        }
        return value
    }

    /// Polls `/status` until chromedriver is ready, it exits, or 20 s pass.
    static func waitUntilReady(port: Int, driver: Process, log: URL) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard driver.isRunning else {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw BrowserTestError("chromedriver exited with status \(driver.terminationStatus): \(output.suffix(500))")
            }
            if let status = try? send("GET", "/status", body: nil, port: port, timeout: 2),
               (status as? [String: Any])?["ready"] as? Bool == true {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw BrowserTestError("chromedriver was not ready after 20 s")
    }

    func string(_ value: Any, _ what: String) throws -> String {
        guard let string = value as? String else { throw BrowserTestError("WebDriver \(what) is not a string: \(value)") }
        return string
    }

    func element(_ value: Any, _ css: String) throws -> WebElement {
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else {
            throw BrowserTestError("WebDriver answered \(css) with no element reference: \(value)")
        }
        return WebElement(session: self, id: id)
    }

    func elements(_ value: Any, _ css: String) throws -> [WebElement] {
        guard let list = value as? [Any] else { throw BrowserTestError("WebDriver answered \(css) with no list: \(value)") }
        return try list.map { try element($0, css) }
    }
}

/// An element of the session's current page.
public struct WebElement: Sendable {
    public let session: WebDriverSession
    /// The WebDriver element reference.
    public let id: String

    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
        try session.command(method, "element/\(id)" + (path.isEmpty ? "" : "/\(path)"), body)
    }

    public func click() throws { _ = try command("POST", "click") }

    /// Types `text` into the element (WebDriver key codes such as "\u{E007}" for Enter work too).
    public func sendKeys(_ text: String) throws { _ = try command("POST", "value", ["text": text]) }

    public func clear() throws { _ = try command("POST", "clear") }

    /// The rendered text (`innerText`).
    public func text() throws -> String { try session.string(command("GET", "text"), "text") }

    /// The attribute's value, or nil when the element has no such attribute.
    public func attribute(_ name: String) throws -> String? {
        try command("GET", "attribute/\(HTTPExchange.pathComponent(name))") as? String
    }

    /// The DOM property's JSON value, or nil for `null`/`undefined`.
    public func property(_ name: String) throws -> Any? {
        let value = try command("GET", "property/\(HTTPExchange.pathComponent(name))")
        return value is NSNull ? nil : value
    }

    public func isDisplayed() throws -> Bool {
        guard let shown = try command("GET", "displayed") as? Bool else { throw BrowserTestError("WebDriver displayed is not a Bool") }
        return shown
    }

    /// The element's box in CSS pixels, relative to the document.
    public func rect() throws -> (x: Double, y: Double, width: Double, height: Double) {
        let value = try command("GET", "rect")
        guard let box = value as? [String: Any],
              let x = (box["x"] as? NSNumber)?.doubleValue, let y = (box["y"] as? NSNumber)?.doubleValue,
              let width = (box["width"] as? NSNumber)?.doubleValue, let height = (box["height"] as? NSNumber)?.doubleValue else {
            throw BrowserTestError("WebDriver rect is not a rectangle: \(value)")
        }
        return (x, y, width, height)
    }

    /// The first descendant matching a CSS selector.
    public func find(_ css: String) throws -> WebElement {
        try session.element(command("POST", "element", ["using": "css selector", "value": css]), css)
    }

    /// Every descendant matching a CSS selector.
    public func findAll(_ css: String) throws -> [WebElement] {
        try session.elements(command("POST", "elements", ["using": "css selector", "value": css]), css)
    }
}
