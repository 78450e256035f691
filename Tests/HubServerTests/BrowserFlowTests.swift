import BrowserTestSupport
import Foundation
import Testing
@testable import HubServer

/// What a learner does in a real browser: headless Chromium (Debian's `chromium`, driven through
/// `chromedriver`) against the hub serving in this process (`LiveHub`), each test with a learner
/// database of its own.
///
/// Screenshots (PNG) go to `$MLHUB_SCREENSHOTS`, else `<package>/.build/screenshots`. The
/// tests fail, saying how to install them, when Chromium or chromedriver is missing.
@Suite("Browser flows", .serialized)
struct BrowserFlowTests {
    static let deepLesson = "/lessons/deep/neural-networks"
    static let mathLesson = "/lessons/math/linear-algebra"

    @Test("the home page and two lessons open, with their titles and content")
    func homeAndLessonsOpen() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url("/"))
            #expect(try await browser.title() == "MLHub")
            #expect(try await browser.text("h1") == "Learn machine learning by running it")
            let cards: Int = try await browser.js("return document.querySelectorAll('.module-card').length")
            #expect(cards == (try TestHub.content.get().curriculum.modules.count))
            try await browser.screenshot("home-light")

            try await browser.open(fixture.hub.url(Self.deepLesson))
            #expect(try await browser.title() == "Neural networks · MLHub")
            #expect(try await browser.text(".lesson-header h1") == "Neural networks")
            #expect(try await browser.text(".breadcrumbs").contains("Neural networks"))
            #expect(try await browser.isDisplayed(".toc"))
            #expect(try await browser.text(".done-form button") == "Mark as done")
            try await browser.screenshot("deep-lesson-top")

            try await browser.open(fixture.hub.url(Self.mathLesson))
            #expect(try await browser.text(".lesson-header h1") == "Linear algebra")
            #expect(try await browser.isDisplayed(".lesson-body"))
        }
    }

    @Test("MathML fractions render with a height, and live figures show a titled SVG of real size")
    func mathAndLiveFigures() async throws {
        try await withBrowserAndHub { browser, fixture in
            for path in [Self.mathLesson, Self.deepLesson] {
                try await browser.open(fixture.hub.url(path))
                // A fraction with height is MathML laid out as math: an unsupported <math> would
                // run its numerator and denominator together on one line of text height 0.
                let fraction = try await browser.rect("math mfrac")
                #expect(fraction.width > 0 && fraction.height > 0, "\(path): mfrac is \(fraction.width)×\(fraction.height)")
                let numerator = try await browser.rect("math mfrac > :first-child")
                let denominator = try await browser.rect("math mfrac > :last-child")
                #expect(numerator.y + numerator.height <= denominator.y + 1, "\(path): the numerator is not above the denominator")

                let figures: [Double] = try await browser.js("""
                    return Array.from(document.querySelectorAll('.live-figure svg')).map(function (svg) {
                      var box = svg.getBoundingClientRect(); return Math.min(box.width, box.height);
                    });
                    """)
                #expect(!figures.isEmpty, "\(path): no live figure")
                #expect(figures.allSatisfy { $0 > 100 }, "\(path): figure sizes \(figures)")
                #expect(try await browser.isDisplayed(".live-figure svg"))
                let title: String = try await browser.js("""
                    var title = document.querySelector('.live-figure svg > title');
                    return title ? title.textContent.trim() : '';
                    """)
                #expect(!title.isEmpty, "\(path): the first figure's SVG has no <title>")
                let untitled: Int = try await browser.js("""
                    return Array.from(document.querySelectorAll('.live-figure svg'))
                      .filter(function (svg) { var t = svg.querySelector(':scope > title'); return !t || !t.textContent.trim(); }).length;
                    """)
                #expect(untitled == 0, "\(path): \(untitled) figures without a <title>")
                #expect(try await browser.count(".live-figure.render-error") == 0)
                if path == Self.mathLesson {
                    // The first figure of the math lesson, caption included.
                    try await browser.scrollToTop(of: ".live-figure")
                    try await browser.screenshot("linear-algebra-figure")
                }
            }
        }
    }

    @Test("the quiz marks a wrong and a right choice at once, and grades the submission")
    func quizFeedback() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url(Self.deepLesson))
            let correct: [Int] = try await browser.js("""
                return Array.from(document.querySelectorAll('.quiz-question')).map(function (q) { return Number(q.dataset.correct); });
                """)
            try #require(correct.count >= 2)
            let wrong = correct[0] == 0 ? 1 : 0
            let first = ".quiz-question:nth-of-type(1)"

            // A wrong choice: marked wrong, its explanation (and the right answer's) shown.
            try await browser.click("label[for=q0c\(wrong)]")
            try await browser.waitUntil("the wrong choice is marked", "return document.querySelector(arguments[0]).parentElement.classList.contains('is-wrong')", ["label[for=q0c\(wrong)]"])
            #expect(try await browser.isDisplayed("\(first) .choice:nth-of-type(\(wrong + 1)) .explanation"))
            #expect(try await browser.isDisplayed("\(first) .choice:nth-of-type(\(correct[0] + 1)) .explanation"))
            #expect(try await browser.hasClass("\(first) .choice:nth-of-type(\(correct[0] + 1))", "is-answer"))
            #expect(try await browser.text("\(first) .feedback").hasPrefix("Not quite"))

            // The right one: marked correct, the wrong mark gone.
            try await browser.click("label[for=q0c\(correct[0])]")
            try await browser.waitUntil("the right choice is marked", "return document.querySelector(arguments[0]).parentElement.classList.contains('is-correct')", ["label[for=q0c\(correct[0])]"])
            #expect(try await browser.hasClass("\(first) .choice:nth-of-type(\(wrong + 1))", "is-wrong") == false)
            #expect(try await browser.isDisplayed("\(first) .choice:nth-of-type(\(wrong + 1)) .explanation") == false)
            #expect(try await browser.text("\(first) .feedback") == "Correct.")

            // Question 2 answered wrongly, the rest rightly: one short of full marks.
            let secondWrong = correct[1] == 0 ? 1 : 0
            try await browser.click("label[for=q1c\(secondWrong)]")
            for (index, answer) in correct.enumerated().dropFirst(2) {
                try await browser.click("label[for=q\(index)c\(answer)]")
            }
            try await browser.click(".quiz-actions button[type=submit]")
            let expected = "You got \(correct.count - 1) of \(correct.count) right"
            try await browser.waitUntil("the score says “\(expected)”", "return document.querySelector('.quiz-score').textContent.indexOf(arguments[0]) === 0", [expected])
            #expect(try await browser.text(".quiz-score") == expected + ". Saved to your progress.")
            #expect(try await browser.hasClass(".quiz-question:nth-of-type(2) .choice:nth-of-type(\(secondWrong + 1))", "is-wrong"))
            #expect(try await browser.currentURL() == fixture.hub.url(Self.deepLesson), "the quiz was posted as a form, not through the script")

            try await browser.scrollToTop(of: "#quiz-title")
            try await browser.screenshot("deep-lesson-quiz")
        }
    }

    @Test("“mark as done” is saved and still shown after the server restarts on the same database")
    func markAsDoneSurvivesRestart() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url(Self.deepLesson))
            try await browser.click(".done-form button")
            try await browser.waitUntil("the status says saved", "return document.querySelector('.done-status').textContent === 'Saved: this lesson is done.'")
            #expect(try await browser.text(".done-form button") == "✓ Done (mark as not done)")
            #expect(try await browser.currentURL() == fixture.hub.url(Self.deepLesson), "the button posted the form instead of calling the API")

            // `restartHub` stops the server (its port refusing connections, its database closed
            // with no descriptor left open) and starts a new one on the same port and file.
            let first = fixture.hub
            try await fixture.restartHub()
            #expect(fixture.hub.port == first.port && fixture.hub.databaseFile == first.databaseFile)
            #expect(LiveHub.openFiles(under: first.databaseFile.path).count > 0, "the new server has not opened the database")

            try await browser.open(fixture.hub.url(Self.deepLesson))
            #expect(try await browser.text(".done-form button") == "✓ Done (mark as not done)")
            #expect(try await browser.attribute(".done-form button", "aria-pressed") == "true")
            #expect(try await browser.text(".lesson-header .badge-done") == "✓ Done")

            try await browser.open(fixture.hub.url("/"))
            let total = try TestHub.content.get().curriculum.lessons.filter { $0.status == .ready }.count
            #expect(try await browser.text(".hero .progress-text") == "1 of \(total) done")
            let deepCard: String = try await browser.js("""
                return document.querySelector('.module-card a[href="/modules/deep"]').closest('.module-card').querySelector('.progress-text').textContent;
                """)
            #expect(deepCard.hasPrefix("1 of "), "the deep module's card says \(deepCard)")
        }
    }

    @Test("the theme toggle switches to the other theme and the choice survives a reload")
    func darkModeToggle() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url("/"))
            try await browser.waitUntil("the theme toggle is shown", "return !document.querySelector('.theme-toggle').hidden")
            let before: String = try await browser.js("""
                return document.documentElement.dataset.theme
                  || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
                """)
            let other = before == "dark" ? "light" : "dark"
            let backgroundBefore = try await browser.bodyBackground()

            try await browser.click(".theme-toggle")
            try await browser.waitUntil("the theme becomes \(other)", "return document.documentElement.dataset.theme === arguments[0]", [other])
            try await browser.waitUntil("the body background changes", "return getComputedStyle(document.body).backgroundColor !== arguments[0]", [backgroundBefore])
            let backgroundAfter = try await browser.bodyBackground()
            #expect(try await browser.js("return localStorage.getItem('mlhub-theme')") == other)
            #expect(try await browser.attribute(".theme-toggle", "aria-pressed") == (other == "dark" ? "true" : "false"))
            if other == "dark" {
                #expect(Self.luminance(backgroundAfter) < Self.luminance(backgroundBefore), "\(backgroundAfter) is not darker than \(backgroundBefore)")
                try await browser.screenshot("home-dark")
            }

            try await browser.open(fixture.hub.url("/"))
            #expect(try await browser.js("return document.documentElement.dataset.theme || ''") == other)
            #expect(try await browser.bodyBackground() == backgroundAfter)
        }
    }

    @Test("searching from the header lists the lesson with the term marked")
    func headerSearch() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url("/"))
            try await browser.type("#site-search", "backpropagation\u{E007}")
            try await browser.waitForPage(fixture.hub.url("/search?q=backpropagation"))
            #expect(try await browser.text(".search-count").contains("match “backpropagation”"))
            let hit = ".search-hit:has(> a[href='\(Self.deepLesson)'])"
            #expect(try await browser.text("\(hit) > a") == "Neural networks")
            let marks: [String] = try await browser.js("return Array.from(document.querySelectorAll(arguments[0] + ' mark')).map(function (m) { return m.textContent; })", [hit])
            #expect(!marks.isEmpty, "the hit's snippet marks nothing")
            #expect(marks.allSatisfy { $0.lowercased().hasPrefix("backprop") }, "marked: \(marks)")
            #expect(try await browser.js("return document.querySelector('#search-query').value") == "backpropagation")
            try await browser.screenshot("search-results")
        }
    }

    @Test("an unknown lesson gets the 404 error page")
    func unknownLessonIsA404Page() async throws {
        try await withBrowserAndHub { browser, fixture in
            try await browser.open(fixture.hub.url("/lessons/deep/no-such-lesson"))
            #expect(try await browser.js("return performance.getEntriesByType('navigation')[0].responseStatus") == 404)
            #expect(try await browser.title() == "Page not found · MLHub")
            #expect(try await browser.text(".error-page .error-code") == "404")
            #expect(try await browser.text(".error-page h1") == "Page not found")
            #expect(try await browser.text(".error-page").contains("deep/no-such-lesson"))
            #expect(try await browser.isDisplayed(".error-page a.button[href='/']"))
            #expect(try await browser.isDisplayed(".site-header .search-form"))
            try await browser.screenshot("404")
        }
    }

    @Test("a lesson fits a phone's width (390×844)")
    func phoneWidthLesson() async throws {
        // Phones draw scrollbars over the page; so does Chromium with --hide-scrollbars.
        try await withBrowserAndHub(width: 390, height: 844, chromiumArguments: ["--hide-scrollbars"]) { browser, fixture in
            // Every ready lesson: the page itself never scrolls sideways; a figure too wide to
            // read at this width scrolls inside its own box, and so does a wide table.
            for lesson in ["/lessons/setup/swift-ml-stack", "/lessons/math/linear-algebra", Self.deepLesson] {
                try await browser.open(fixture.hub.url(lesson))
                #expect(try await browser.js("return [innerWidth, document.documentElement.clientWidth]") == [390, 390])
                let overflow: Int = try await browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                #expect(overflow <= 0, "\(lesson) scrolls sideways by \(overflow) px on a phone")
                let figure = try await browser.rect(".live-figure")
                #expect(figure.x >= 0 && figure.x + figure.width <= 390, "\(lesson): the figure box spans \(figure.x)…\(figure.x + figure.width) px")
                let svg = try await browser.rect(".live-figure svg")
                #expect(svg.width >= 500, "\(lesson): the figure is drawn \(svg.width) px wide, too small to read")
            }
            try await browser.open(fixture.hub.url(Self.deepLesson))
            try await browser.screenshot("lesson-phone")
        }
    }

    @Test("without JavaScript the quiz and “mark as done” work as plain forms")
    func withoutJavaScript() async throws {
        try await withBrowserAndHub(chromiumArguments: ["--blink-settings=scriptEnabled=false"]) { browser, fixture in
            try await browser.open(fixture.hub.url(Self.deepLesson))
            #expect(try await browser.isDisplayed(".theme-toggle") == false, "the toggle needs the script, so it stays hidden")
            let correct = try #require(Int(try await browser.attribute(".quiz-question", "data-correct") ?? ""))
            let questions = try await browser.count(".quiz-question")
            try await browser.click("label[for=q0c\(correct)]")
            #expect(try await browser.isDisplayed(".quiz-question .choice .explanation") == false, "feedback before submitting needs the script")
            try await browser.click(".quiz-actions button[type=submit]")
            try await browser.waitForPage(fixture.hub.url(Self.deepLesson + "/quiz#quiz-title"))
            #expect(try await browser.text(".quiz-score") == "You got 1 of \(questions) right.")
            #expect(try await browser.hasClass(".quiz-question .choice:nth-of-type(\(correct + 1))", "is-correct"))

            // The form posts, and the hub redirects (303) back to the lesson.
            try await browser.click(".done-form button")
            try await browser.waitForPage(fixture.hub.url(Self.deepLesson))
            #expect(try await browser.text(".done-form button") == "✓ Done (mark as not done)")
            #expect(try await browser.text(".lesson-header .badge-done") == "✓ Done")
        }
    }

    // MARK: Support

    /// Where the screenshots go: `$MLHUB_SCREENSHOTS`, else `<package>/.build/screenshots`.
    static var screenshotFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["MLHUB_SCREENSHOTS"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/screenshots", isDirectory: true)
    }

    /// The relative luminance of a CSS `rgb(…)`/`rgba(…)` colour (0 black … 1 white).
    static func luminance(_ css: String) -> Double {
        let numbers = css.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        guard numbers.count >= 3 else { return .nan }
        func linear(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(numbers[0]) + 0.7152 * linear(numbers[1]) + 0.0722 * linear(numbers[2])
    }
}

/// Chromium through WebDriver, as async calls. `WebDriverSession` blocks its thread while it
/// waits for the browser, and the browser waits for the hub, whose requests run on the same
/// cooperative thread pool as the tests: so every WebDriver call runs on a thread of its own.
struct Browser: Sendable {
    let session: WebDriverSession
    private static let queue = DispatchQueue(label: "mlhub.browser-flow-tests.webdriver")

    /// Opens a session whose viewport is `width`×`height`, or fails saying how to install
    /// Chromium and chromedriver.
    static func start(width: Int, height: Int, arguments: [String] = []) async throws -> Browser {
        guard WebDriverSession.isAvailable else {
            throw BrowserTestError("""
                The browser tests need Debian's Chromium and chromedriver (/usr/bin/chromium and \
                /usr/bin/chromedriver), and they were not found. Run ./scripts/install-system-packages \
                (CI installs the chromium and chromium-driver packages), or set CHROMIUM_PATH and \
                CHROMEDRIVER_PATH to other binaries.
                """)
        }
        // The hub scrolls smoothly unless the reader asks for reduced motion; chromedriver scrolls
        // an element into view and clicks at once, so mid-scroll it would hit something else.
        let session = try await onDriverThread {
            try WebDriverSession.start(windowWidth: width, windowHeight: height, extraArguments: ["--force-prefers-reduced-motion"] + arguments)
        }
        let browser = Browser(session: session)
        do {
            try await browser.run { try $0.setViewportSize(width: width, height: height) }
            guard try await browser.js("return matchMedia('(prefers-reduced-motion: reduce)').matches", as: Bool.self) else {
                throw BrowserTestError("Chromium ignored --force-prefers-reduced-motion; the hub's smooth scrolling would make clicks miss")
            }
        } catch {
            await browser.quit()
            throw error
        }
        return browser
    }

    private static func onDriverThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `body` with the session on the WebDriver thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (WebDriverSession) throws -> T) async throws -> T {
        let session = session
        return try await Self.onDriverThread { try body(session) }
    }

    func quit() async {
        let session = session
        _ = try? await Self.onDriverThread { session.quit() }
    }

    func open(_ url: String) async throws { try await run { try $0.open(url) } }
    func title() async throws -> String { try await run { try $0.title() } }
    func currentURL() async throws -> String { try await run { try $0.currentURL() } }

    /// Clicks the first element matching `css`, as a user would (scrolled into view first).
    func click(_ css: String) async throws { try await run { try $0.find(css).click() } }

    /// Types into the first element matching `css` (WebDriver key codes work: "\u{E007}" is Enter).
    func type(_ css: String, _ text: String) async throws { try await run { try $0.find(css).sendKeys(text) } }

    /// The rendered text of the first element matching `css`.
    func text(_ css: String) async throws -> String { try await run { try $0.find(css).text() } }

    func attribute(_ css: String, _ name: String) async throws -> String? { try await run { try $0.find(css).attribute(name) } }

    func isDisplayed(_ css: String) async throws -> Bool { try await run { try $0.find(css).isDisplayed() } }

    func count(_ css: String) async throws -> Int { try await run { try $0.findAll(css).count } }

    func hasClass(_ css: String, _ name: String) async throws -> Bool {
        let classes = try await attribute(css, "class") ?? ""
        return classes.split(separator: " ").contains { $0 == name }
    }

    /// The box of the first element matching `css`, in CSS pixels.
    func rect(_ css: String) async throws -> (x: Double, y: Double, width: Double, height: Double) {
        let box: [Double] = try await run { session in
            let r = try session.find(css).rect()
            return [r.x, r.y, r.width, r.height]
        }
        return (box[0], box[1], box[2], box[3])
    }

    func bodyBackground() async throws -> String {
        try await js("return getComputedStyle(document.body).backgroundColor")
    }

    /// Scrolls so that the first element matching `css` sits just below the top of the viewport.
    func scrollToTop(of css: String) async throws {
        try await run { _ = try $0.execute("document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); scrollBy(0, -12)", [css]) }
    }

    /// Runs `script` (a function body; `arguments` are `args`, strings or numbers) and returns
    /// its value as a `T`: `String`, `Int`, `Double`, `Bool` or arrays of them.
    func js<T: Sendable>(_ script: String, _ args: [String] = [], as type: T.Type = T.self) async throws -> T {
        try await run { session in
            let value = try session.execute(script, args)
            if let converted = Self.convert(value, to: T.self) { return converted }
            throw BrowserTestError("the script returned \(String(describing: value)), not a \(T.self): \(script)")
        }
    }

    static func convert<T>(_ value: Any?, to type: T.Type) -> T? {
        switch type {
        case is Int.Type: return (value as? NSNumber).map { $0.intValue } as? T
        case is Double.Type: return (value as? NSNumber).map { $0.doubleValue } as? T
        case is [Int].Type: return (value as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } as? T
        case is [Double].Type: return (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } as? T
        default: return value as? T
        }
    }

    /// Polls `script` until it returns true, or throws after `timeout` seconds saying `what`
    /// did not happen.
    func waitUntil(_ what: String, _ script: String, _ args: [String] = [], timeout: Double = 10) async throws {
        try await run { session in
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if try session.execute(script, args) as? Bool == true { return }
                if Date() >= deadline {
                    throw BrowserTestError("timed out after \(timeout) s waiting until \(what), on \((try? session.currentURL()) ?? "the page")")
                }
                Thread.sleep(forTimeInterval: 0.03)
            }
        }
    }

    /// Waits until the browser shows `url`, fully loaded (after a form post, which WebDriver's
    /// click does not wait for).
    func waitForPage(_ url: String, timeout: Double = 10) async throws {
        try await run { session in
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if try session.currentURL() == url, try session.execute("return document.readyState") as? String == "complete" { return }
                if Date() >= deadline {
                    throw BrowserTestError("timed out after \(timeout) s waiting for \(url); the browser shows \((try? session.currentURL()) ?? "nothing")")
                }
                Thread.sleep(forTimeInterval: 0.03)
            }
        }
    }

    /// Saves a PNG of the viewport as `<name>.png` in the screenshot folder.
    func screenshot(_ name: String) async throws {
        let folder = BrowserFlowTests.screenshotFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(name).png")
        try await run { try $0.screenshot(to: file) }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        if size < 5_000 { throw BrowserTestError("the screenshot \(file.path) has only \(size) bytes") }
    }
}
