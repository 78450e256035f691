import BrowserTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubServer

/// The live demo pages in a real browser: headless Chromium against the hub serving in this
/// process (`LiveHub`, WebSockets included), each test with a learner database of its own.
/// The simulator trains for real on the server, so the waits below are for what a learner
/// would see: the test loss falling, the epoch counter, the paths of the race growing.
///
/// Screenshots go where `BrowserFlowTests` puts them (`$MLHUB_SCREENSHOTS`, else
/// `<package>/.build/screenshots`), named `demo-*.png`.
@Suite("Demo pages in a browser", .serialized)
struct DemoBrowserTests {
    static let simulatorAddress = "/demos/nn-simulator?dataset=circle&hidden=5,3&noise=0.05&learningRate=0.03&batchSize=10"
    static let lessonWithDemo = "/lessons/math/calculus-optimization"

    @Test("the simulator: settings from the address, training, pause, step, a live change, reset, CSV upload, saved runs and their weights")
    func simulatorFlow() async throws {
        try await withBrowserAndHub(height: 1300) { browser, hub in
            try await browser.open(hub.url(Self.simulatorAddress))
            #expect(try await browser.title() == "Neural Network Simulator · MLHub")
            try await waitForConnection(browser)

            // The controls show the address's settings.
            #expect(try await browser.js("return document.querySelector('[data-param=dataset] input[value=circle]').checked") == true)
            #expect(try await browser.text(".nn-layer-count") == "2 hidden layers")
            let widths: [String] = try await browser.js("return Array.from(document.querySelectorAll('.nn-neuron-count')).map(function (e) { return e.textContent; })")
            #expect(widths == ["5", "3"])
            #expect(try await browser.count(".nn-neuron") == 8)
            #expect(try await browser.js("return document.querySelector('[data-param=learningRate] input[type=number]').value") == "0.03")
            #expect(try await browser.js("return document.querySelector('[data-param=noise] input[type=number]').value") == "0.05")
            #expect(try await browser.js("return document.querySelector('[data-param=batchSize] input[type=number]').value") == "10")
            let activeFeatures: [String] = try await browser.js("return Array.from(document.querySelectorAll('.nn-feature.is-on')).map(function (e) { return e.dataset.feature; })")
            #expect(activeFeatures == ["x1", "x2"])
            // Every control explains itself when focused.
            try await browser.run { _ = try $0.execute("document.querySelector('[data-param=learningRate] input[type=range]').focus()") }
            let tip: String = try await browser.js("var t = document.querySelector('.demo-tooltip'); return t.hidden ? '' : t.textContent")
            #expect(tip.contains("size of each update"), "tooltip: \(tip)")

            // Play, faster, until the test loss on the circle is low.
            try await browser.click(".demo-speed option[value='5']")
            try await browser.click(".demo-play")
            try await browser.waitUntil("the demo plays", "return document.querySelector('.demo-play').getAttribute('aria-pressed') === 'true'")
            try await browser.waitUntil("the test loss falls below 0.15",
                "var v = Number(document.querySelector('.nn-metrics').dataset.testLoss); return v > 0 && v < 0.15", timeout: 40)
            let accuracy = Double(try await browser.attribute(".nn-test-accuracy", "data-value") ?? "") ?? 0
            #expect(accuracy > 0.9, "test accuracy \(accuracy)")
            #expect(try await browser.count(".nn-confusion-table tbody tr") == 2)
            // The first saved run: the circle, learned.
            try await browser.click(".demo-save")
            try await browser.waitUntil("run 1 is listed", "return document.querySelectorAll('.demo-runs tbody tr').length === 1", timeout: 15)
            // The loss on a logarithmic scale keeps the late, small losses readable.
            #expect(try await browser.attribute(".nn-loss-canvas", "data-scale") == "linear")
            try await browser.click("#nn-loss-log")
            try await browser.waitUntil("the loss is drawn on a log scale", """
                var c = document.querySelector('.nn-loss-canvas');
                return c.dataset.scale === 'log' && Number(c.dataset.bottom) > 0 && Number(c.dataset.bottom) < 0.1;
                """)
            try await showDemo(browser)
            try await browser.screenshot("demo-simulator-light")
            try await browser.click(".theme-toggle")
            try await browser.waitUntil("the dark theme is on", "return document.documentElement.getAttribute('data-theme') === 'dark'")
            try await Task.sleep(for: .milliseconds(300))
            try await showDemo(browser)
            try await browser.screenshot("demo-simulator-dark")
            try await browser.click(".theme-toggle")

            // Pause; each Step trains exactly one epoch (the speed was 5: back to 1 first).
            try await browser.click(".demo-play")
            try await browser.waitUntil("the demo pauses", "return document.querySelector('.demo-play').getAttribute('aria-pressed') === 'false'")
            try await browser.click(".demo-speed option[value='1']")
            let paused = try await stableEpoch(browser)
            for _ in 0..<3 { try await browser.click(".demo-step") }
            try await browser.waitUntil("three steps are shown", "return Number(document.querySelector('.demo-counter-value').dataset.step) === \(paused + 3)")
            #expect(try await stableEpoch(browser) == paused + 3)

            // A live change: the address follows the settings.
            try await browser.run { session in
                let field = try session.find("[data-param=learningRate] input[type=number]")
                try field.clear()
                try field.sendKeys("0.1\u{E007}")
            }
            try await browser.waitUntil("the address has the new learning rate", "return location.search.indexOf('learningRate=0.1') >= 0")
            #expect(try await browser.currentURL().contains("dataset=circle") == false, "the address names only what differs from the defaults")
            #expect(try await browser.currentURL().contains("hidden=5,3"))

            // Reset: epoch 0.
            try await browser.click(".demo-reset")
            try await browser.waitUntil("the counter is back at 0", "return document.querySelector('.demo-counter-value').dataset.step === '0'")

            // A CSV the server rejects shows its reason; a good one replaces the points.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-demo-csv-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let bad = folder.appendingPathComponent("bad.csv")
            try "x1,x2,label\n1,2,0\n3,four,1\n".write(to: bad, atomically: true, encoding: .utf8)
            try await browser.type("input[type=file]", bad.path)
            try await browser.waitUntil("the rejection is shown", "var m = document.querySelector('.nn-upload-message'); return !m.hidden && m.classList.contains('is-error')")
            let rejection = try await browser.text(".nn-upload-message")
            #expect(rejection.contains("line 3") && rejection.contains("four"), "shown: \(rejection)")
            let good = folder.appendingPathComponent("three-blobs.csv")
            var rows = ["x1,x2,label"]
            for i in 0..<60 {
                let k = i % 3, angle = Double(i) * 0.7
                rows.append("\(10 + 4 * Double(k) + cos(angle)),\(-2 + 3 * Double(k % 2) + sin(angle)),\(k)")
            }
            try rows.joined(separator: "\n").write(to: good, atomically: true, encoding: .utf8)
            try await browser.type("input[type=file]", good.path)
            try await browser.waitUntil("the uploaded points are drawn",
                "var c = document.querySelector('.nn-output-canvas'); return c.dataset.dataset === 'custom' && c.dataset.points === '60'")
            #expect(try await browser.text(".nn-upload-message").contains("60 points, 3 classes"))
            try await browser.waitUntil("three output neurons", "return document.querySelectorAll('.nn-class-node').length === 3")

            // Train a little, save the second run, and compare the two in the history.
            try await browser.click(".demo-step")
            try await browser.click(".demo-step")
            try await browser.waitUntil("two epochs", "return document.querySelector('.demo-counter-value').dataset.step === '2'")
            try await browser.click(".demo-save")
            try await browser.waitUntil("run 2 is listed", "return document.querySelectorAll('.demo-runs tbody tr').length === 2", timeout: 15)
            #expect(try await browser.text(".demo-runs tbody tr th") == "#2", "newest first")
            let newest = try await browser.text(".demo-runs tbody tr .demo-run-query")
            #expect(newest.contains("Learning rate 0.1") && newest.contains("“three-blobs.csv”: 60 rows, 3 classes"), "settings: \(newest)")
            let loadLink = try #require(try await browser.attribute(".demo-run-load", "href"))
            #expect(loadLink.contains("learningRate=0.1") && loadLink.contains("hidden=5,3"))
            try await browser.click(".demo-runs tbody tr:nth-child(1) input[type=checkbox]")
            try await browser.click(".demo-runs tbody tr:nth-child(2) input[type=checkbox]")
            try await browser.waitUntil("the comparison is shown", "return !!document.querySelector('.demo-compare-table')")
            let compared = try await browser.text(".demo-compare-table")
            #expect(compared.contains("Learning rate") && compared.contains("0.03") && compared.contains("0.1"), "comparison: \(compared)")
            #expect(compared.contains("Data") && compared.contains("three-blobs.csv") && compared.contains("generated"), "comparison: \(compared)")
            try await browser.scrollToTop(of: ".demo-history")
            try await hideTooltip(browser)
            try await browser.screenshot("demo-history")

            // The weights download: a safetensors file (8-byte little-endian header length, then JSON).
            let weights = try #require(try await browser.attribute(".demo-run-weights", "href"))
            let bytes: [Int] = try await browser.js("""
                return fetch(arguments[0]).then(function (r) {
                  return r.arrayBuffer().then(function (b) { return [r.status, b.byteLength].concat(Array.from(new Uint8Array(b).slice(0, 9))); });
                });
                """, [weights])
            try #require(bytes.count == 11, "fetched: \(bytes)")
            #expect(bytes[0] == 200)
            let headerLength = bytes[2..<10].enumerated().reduce(0) { $0 | $1.element << (8 * $1.offset) }
            #expect(headerLength > 2 && bytes[1] > 8 + headerLength, "header \(headerLength) of \(bytes[1]) bytes")
            #expect(bytes[10] == Int(UInt8(ascii: "{")))
        }
    }

    @Test("out of sight the simulator trains on without frames; after a server restart the page reconnects with its settings")
    func hiddenAndReconnect() async throws {
        try await HubServerTests.withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url(Self.simulatorAddress))
            try await waitForConnection(browser)
            try await browser.click(".demo-play")
            try await browser.waitUntil("a few epochs", "return Number(document.querySelector('.demo-counter-value').dataset.step) >= 5", timeout: 20)

            // A background tab (the visibility the browser reports, switched as a tab switch would).
            try await setPageHidden(browser, true)
            let hiddenAt = try await stableEpoch(browser)  // frames already on their way may still land
            try await Task.sleep(for: .milliseconds(1000))
            #expect(try await browser.js("return Number(document.querySelector('.demo-counter-value').dataset.step)") == hiddenAt,
                    "no frames reach a hidden page")
            try await setPageHidden(browser, false)
            try await browser.waitUntil("a frame at once, training having gone on", """
                return Number(document.querySelector('.demo-counter-value').dataset.step) > \(hiddenAt + 1)
                """, timeout: 15)

            // The server restarts: the session is gone, the page reconnects by itself and gives the
            // new session its own settings (5 and 3 neurons, not the defaults).
            try await fixture.restartHub()
            try await browser.waitUntil("the page is connected again", """
                var d = MLHubDemo.current;
                return d.socket && d.socket.readyState === WebSocket.OPEN && document.querySelector('.demo-status').classList.contains('is-ok');
                """, timeout: 30)
            #expect(try await browser.js("return document.querySelector('.demo-play').getAttribute('aria-pressed')") == "false")
            try await browser.click(".demo-step")
            try await browser.waitUntil("one epoch of a fresh session with the page's network", """
                var d = MLHubDemo.current;
                return document.querySelector('.demo-counter-value').dataset.step === '1' && d.lastSnapshot.neurons.length === 8;
                """, timeout: 10)
            #expect(try await browser.currentURL().contains("hidden=5,3"))
        }
    }

    @Test("the simulator fits a phone's width, controls stacked")
    func phoneWidth() async throws {
        try await withBrowserAndHub(width: 390, height: 844, arguments: ["--hide-scrollbars"]) { browser, hub in
            try await browser.open(hub.url("/demos/nn-simulator?preset=spiral-features"))
            try await waitForConnection(browser)
            try await browser.click(".demo-play")
            try await browser.waitUntil("a few epochs", "return Number(document.querySelector('.demo-counter-value').dataset.step) >= 10", timeout: 20)
            let overflow: Int = try await browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            #expect(overflow <= 0, "the page scrolls sideways by \(overflow) px")
            let canvas = try await browser.rect(".nn-output-canvas")
            #expect(canvas.x >= 0 && canvas.x + canvas.width <= 390 && canvas.width > 250, "output plot at \(canvas)")
            #expect(try await browser.text(".demo-commentary").contains("spiral"))
            try await showDemo(browser)
            try await browser.screenshot("demo-simulator-phone")
            try await browser.scrollToTop(of: ".nn-column-output")
            try await browser.screenshot("demo-simulator-phone-output")
            // Another preset, another data set: the points follow.
            try await browser.click(".demo-preset-select option[value=linear-xor]")
            try await browser.waitUntil("the XOR points are drawn", "return document.querySelector('.nn-output-canvas').dataset.dataset === 'xor'")
            #expect(try await browser.currentURL().contains("dataset=xor"))
            #expect(try await browser.text(".nn-layer-count") == "No hidden layer (a linear model)")
            try await browser.click(".demo-play")
        }
    }

    @Test("the optimizer race: Rosenbrock, a start set by clicking the plane, paths that grow")
    func race() async throws {
        try await withBrowserAndHub(height: 1100) { browser, hub in
            // Enough steps that the race cannot end while the test looks (a loaded machine is slow).
            try await browser.open(hub.url("/demos/optimizer-race?maxSteps=10000"))
            try await waitForConnection(browser)
            try await browser.click("[data-param=surface] option[value=rosenbrock]")
            try await browser.waitUntil("the address names Rosenbrock", "return location.search.indexOf('surface=rosenbrock') >= 0")
            // Rosenbrock's box is x −2…2, y −1…3: a click in the middle of the plot starts at (0, 1).
            try await browser.waitUntil("Rosenbrock's plane is drawn",
                "return !!document.querySelector('.race-plane-canvas').dataset.start && MLHubDemo.current.scene.surface === 'rosenbrock'")
            try await browser.run { session in
                _ = try session.execute("""
                    var c = document.querySelector('.race-plane-canvas'), r = c.getBoundingClientRect();
                    var v = MLHubDemo.views['optimizer-race'];
                    c.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + v.plot.x + v.plot.width / 2, clientY: r.top + v.plot.y + v.plot.height / 2 }));
                    """)
            }
            try await browser.waitUntil("the start is near (0, 1)", """
                var q = new URLSearchParams(location.search);
                return Math.abs(Number(q.get('startX'))) < 0.02 && Math.abs(Number(q.get('startY')) - 1) < 0.02;
                """)
            try await browser.click(".demo-play")
            // With the default learning rates some racers fly off Rosenbrock's walls at once.
            try await browser.waitUntil("the paths have grown", """
                var rows = Array.from(document.querySelectorAll('.race-table tbody tr'));
                return rows.length === 7 && rows.filter(function (r) { return Number(r.dataset.pathLength) > 40; }).length >= 3;
                """, timeout: 20)
            let first: [Int] = try await browser.js("return Array.from(document.querySelectorAll('.race-table tbody tr')).map(function (r) { return Number(r.dataset.pathLength); })")
            try await Task.sleep(for: .milliseconds(600))
            let later: [Int] = try await browser.js("return Array.from(document.querySelectorAll('.race-table tbody tr')).map(function (r) { return Number(r.dataset.pathLength); })")
            #expect(zip(first, later).contains { $1 > $0 }, "paths \(first) then \(later)")
            #expect(try await browser.count(".race-table tr.is-diverged") >= 1, "plain SGD at 0.05 flies off Rosenbrock's walls")
            // For the picture: the preset with learning rates that suit the valley.
            try await browser.click(".demo-preset-select option[value=rosenbrock]")
            try await browser.waitUntil("the preset plays", """
                var play = document.querySelector('.demo-play');
                if (play.getAttribute('aria-pressed') !== 'true') play.click();
                return Number(document.querySelector('.demo-counter-value').dataset.step) > 200;
                """, timeout: 30)
            try await showDemo(browser)
            try await browser.screenshot("demo-race")
            try await browser.click(".demo-play")
        }
    }

    @Test("a lesson's @demo becomes the live demo in a frame that takes its height")
    func lessonEmbed() async throws {
        try await withBrowserAndHub { browser, hub in
            try await browser.open(hub.url(Self.lessonWithDemo))
            try await browser.waitUntil("the figure became a frame", "return !!document.querySelector('.demo-embed iframe')")
            #expect(try await browser.count(".demo-embed figure") == 0)
            let frame = try await browser.attribute(".demo-embed iframe", "src") ?? ""
            #expect(frame.contains("/demos/optimizer-race?") && frame.contains("embed=1"))
            #expect(try await browser.attribute(".demo-embed iframe", "title")?.isEmpty == false)
            try await browser.scrollToTop(of: ".demo-embed")
            try await browser.waitUntil("the frame took the demo's height", """
                var f = document.querySelector('.demo-embed iframe');
                var d = f.contentDocument;
                return d && d.querySelector('.race-table tbody tr') && Math.abs(f.getBoundingClientRect().height - d.body.getBoundingClientRect().height) < 4;
                """, timeout: 20)
            #expect(try await browser.js("return document.querySelector('.demo-embed iframe').contentDocument.querySelector('.site-header') === null") == true)
            let inner: [Double] = try await browser.js("var d = document.querySelector('.demo-embed iframe').contentDocument.documentElement; return [d.scrollHeight, d.clientHeight]")
            #expect(inner.count == 2 && inner[0] <= inner[1], "the frame scrolls: \(inner)")
            try await browser.run { _ = try $0.execute("document.querySelector('.demo-embed iframe').contentDocument.querySelector('.demo-play').click()") }
            try await browser.waitUntil("the embedded race runs", "return Number(document.querySelector('.demo-embed iframe').contentDocument.querySelector('.demo-counter-value').dataset.step) > 100", timeout: 15)
            try await browser.screenshot("demo-lesson-embed")

            // Scrolled out of view, the embed gets no frames; back in view, it catches up.
            let embedStep = "return Number(document.querySelector('.demo-embed iframe').contentDocument.querySelector('.demo-counter-value').dataset.step)"
            try await browser.run { _ = try $0.execute("window.scrollTo(0, 0)") }
            #expect(try await browser.js("return document.querySelector('.demo-embed').getBoundingClientRect().top > window.innerHeight") == true)
            let offscreenAt = try await stableValue(browser, embedStep)
            try await Task.sleep(for: .milliseconds(1000))
            #expect(try await browser.js(embedStep) == offscreenAt, "no frames reach an embed out of view")
            try await browser.scrollToTop(of: ".demo-embed")
            try await browser.waitUntil("the embed catches up", "\(embedStep) > \(offscreenAt + 5)", timeout: 15)
        }
    }

    @Test("the pages without a browser: learner cookie, 404, the index, the static figures, the embed frame")
    func pagesOverHTTP() async throws {
        try await TestHub.application(try TestHub.make()).test(.router) { client in
            try await client.execute(uri: "/demos/nn-simulator?preset=linear-xor", method: .get) { response in
                #expect(response.status == .ok)
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.hasPrefix("mlhub_learner=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age="), "cookie: \(cookie)")
                #expect(response.text.contains("<noscript>") && response.text.contains("<img src=\"/demos/nn-simulator/figures/0.svg?dataset=xor&amp;hidden=\""),
                        "a static figure for readers without JavaScript")
                #expect(response.text.utf8.count < 30_000, "the page is \(response.text.utf8.count) bytes")
                #expect(response.text.contains("data-query=\"dataset=xor&amp;"), "the preset's settings, in full")
                #expect(response.text.contains("A linear model cannot do XOR"))
            }
            try await client.execute(uri: "/demos/optimizer-race?surface=saddle&embed=1", method: .get, headers: [.cookie: "mlhub_learner=known"]) { response in
                #expect(response.headers[.setCookie] == nil, "a learner with a cookie keeps it")
                #expect(!response.text.contains("site-header") && response.text.contains("demo-embed-body"))
                #expect(response.text.components(separatedBy: "<img src=\"/demos/optimizer-race/figures/").count - 1 == 2, "paths and losses")
            }
            try await client.execute(uri: "/demos/nn-simulator/figures/0.svg?dataset=xor&hidden=", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
                #expect(response.text.hasPrefix("<svg") && response.text.contains("XOR"))
            }
            try await client.execute(uri: "/demos/optimizer-race/figures/1.svg?preset=rosenbrock", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Loss against step: Rosenbrock valley"))
                #expect(response.text.utf8.count < 120_000, "the loss figure is \(response.text.utf8.count) bytes")
            }
            try await client.execute(uri: "/demos/optimizer-race/figures/2.svg", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/demos/no-such-demo", method: .get) { response in
                #expect(response.status == .notFound && response.text.contains("Page not found"))
            }
            try await client.execute(uri: "/demos/nn-simulator?hidden=99", method: .get) { response in
                #expect(response.text.contains("could not be used") && response.text.contains("hidden"))
            }
            try await client.execute(uri: "/demos", method: .get) { response in
                #expect(response.text.contains("<a href=\"/demos/nn-simulator?preset=dead-relus\">Dead ReLUs</a>"))
                #expect(response.text.contains("<a href=\"/demos/optimizer-race?preset=rosenbrock\">Rosenbrock&#39;s valley</a>"))
                #expect(response.text.components(separatedBy: "<li class=\"demo-card\">").count == 3)
                #expect(!response.text.contains("GRDB"))
            }
        }
    }

    // MARK: Support

    /// Waits until the page is connected and has drawn its first frame.
    private func waitForConnection(_ browser: Browser) async throws {
        do {
            try await browser.waitUntil("the demo is connected and drawn", """
                var s = document.querySelector('.demo-status');
                var c = document.querySelector('.demo-counter-value');
                return !!s && s.classList.contains('is-ok') && !!c && MLHubDemo.current && !!MLHubDemo.current.lastSnapshot && !!MLHubDemo.current.scene;
                """, timeout: 20)
        } catch {
            let state: String = (try? await browser.js("""
                var d = window.MLHubDemo && MLHubDemo.current;
                return JSON.stringify({ title: document.title, ready: document.readyState, scripts: !!window.MLHubDemo, started: !!d,
                  status: (document.querySelector('.demo-status') || {}).textContent || null, error: (document.querySelector('.demo-error') || {}).textContent || null,
                  snapshot: !!(d && d.lastSnapshot), scene: !!(d && d.scene), socket: d && d.socket ? d.socket.readyState : null,
                  resources: performance.getEntriesByType('resource').map(function (r) { return r.name.replace(location.origin, '') + ' ' + r.responseStatus + ' ' + Math.round(r.duration) + 'ms'; }) });
                """)) ?? "unknown"
            throw HubTestError("\(error); the page: \(state)")
        }
    }

    /// Makes the page report itself hidden or visible and fires `visibilitychange`, as a
    /// switch to another tab and back does.
    private func setPageHidden(_ browser: Browser, _ hidden: Bool) async throws {
        try await browser.run { session in
            _ = try session.execute(hidden
                ? "Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange'))"
                : "delete document.visibilityState; document.dispatchEvent(new Event('visibilitychange'))")
        }
    }

    /// Scrolls the demo's top bar to the top of the window and hides any tooltip.
    private func showDemo(_ browser: Browser) async throws {
        try await browser.scrollToTop(of: ".demo-topbar")
        try await hideTooltip(browser)
    }

    private func hideTooltip(_ browser: Browser) async throws {
        try await browser.run { _ = try $0.execute("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))") }
    }

    /// The epoch once it has stopped changing (frames sent before a pause may still arrive).
    private func stableEpoch(_ browser: Browser) async throws -> Int {
        try await stableValue(browser, "return Number(document.querySelector('.demo-counter-value').dataset.step)")
    }

    /// What `script` returns once it stays the same for 250 ms.
    private func stableValue(_ browser: Browser, _ script: String) async throws -> Int {
        var last = -1
        for _ in 0..<40 {
            let now: Int = try await browser.js(script)
            if now == last { return now }
            last = now
            try await Task.sleep(for: .milliseconds(250))
        }
        throw HubTestError("the value kept changing: \(script)")
    }

    /// `withBrowserAndHub` (BrowserHarness.swift) for tests that never restart the hub.
    private func withBrowserAndHub(width: Int = 1280, height: Int = 900, arguments: [String] = [],
                                   _ body: (Browser, LiveHub) async throws -> Void) async throws {
        try await HubServerTests.withBrowserAndHub(width: width, height: height, chromiumArguments: arguments) { browser, fixture in
            try await body(browser, fixture.hub)
        }
    }
}
