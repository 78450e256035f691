import Foundation
import Testing
import BrowserTestSupport

/// Renders every snapshot in headless Chromium (Debian's `chromium`) and checks what a reader
/// would see: each chart has a non-empty box, nothing is drawn outside the viewBox, and no two
/// texts overlap. It also writes screenshots of all charts in the light and dark themes, to
/// `$CHART_SCREENSHOTS_DIR` or else a `mlhub-chart-screenshots` folder in the temporary
/// directory (with `CHART_SCREENSHOTS_EACH=1`, one PNG per chart and theme as well).
///
/// The test fails with instructions when Chromium is not installed; the README's setup step
/// installs it. `CHROMIUM_PATH` selects another binary.
@Suite("ChartBrowser", .serialized)
struct ChartBrowserTests {
    @Test func everyChartRendersInsideItsBoxWithoutCollidingText() throws {
        let chromium = try Chromium.locate()
        let names = try Self.snapshotNames()
        #expect(names.count == SampleCharts.names.count)
        let page = try Self.writePage(names: names, theme: "auto", measure: true)
        defer { try? FileManager.default.removeItem(at: page) }
        let measurements = try Self.measure(page: page, chromium: chromium, flags: [])
        #expect(measurements.map(\.name) == names)
        for m in measurements {
            #expect(m.clientWidth > 100 && m.clientHeight > 100, "\(m.name): rendered box \(m.clientWidth)×\(m.clientHeight)")
            #expect(m.contentWidth > 100 && m.contentHeight > 100, "\(m.name): content box \(m.contentWidth)×\(m.contentHeight)")
            #expect(m.elementCount > 5, "\(m.name): only \(m.elementCount) elements")
            #expect(m.worstOverflow <= ChartPage.overflowTolerance,
                    "\(m.name): \(m.worstOverflowElement) reaches \(m.worstOverflow) units outside the viewBox")
            #expect(m.overlaps.isEmpty, "\(m.name): overlapping texts: \(m.overlaps.joined(separator: "; "))")
            #expect(m.background == "#ffffff", "\(m.name): light background expected, got \(m.background)")
        }
    }

    @Test func automaticThemeFollowsTheSystemPreference() throws {
        let chromium = try Chromium.locate()
        let page = try Self.writePage(names: ["line", "heatmap"], theme: "auto", measure: true)
        defer { try? FileManager.default.removeItem(at: page) }
        let dark = try Self.measure(page: page, chromium: chromium, flags: ["--force-dark-mode"])
        #expect(dark.map(\.background) == ["#16191d", "#16191d"])
    }

    @Test func screenshotsInLightAndDarkThemes() throws {
        let chromium = try Chromium.locate()
        let names = try Self.snapshotNames()
        let environment = ProcessInfo.processInfo.environment
        let directory = URL(fileURLWithPath: environment["CHART_SCREENSHOTS_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-chart-screenshots").path)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for theme in ["light", "dark"] {
            let page = try Self.writePage(names: names, theme: theme, measure: false)
            defer { try? FileManager.default.removeItem(at: page) }
            let height = names.reduce(0) { $0 + Self.pixelHeight(of: $1) + 16 } + 16
            let file = directory.appendingPathComponent("charts-\(theme).png")
            try chromium.screenshot(page: page, to: file, width: 840, height: height)
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
            #expect(size > 50_000, "screenshot \(file.path) is only \(size) bytes")
            if environment["CHART_SCREENSHOTS_EACH"] == "1" {
                for name in names {
                    let single = try Self.writePage(names: [name], theme: theme, measure: false)
                    defer { try? FileManager.default.removeItem(at: single) }
                    try chromium.screenshot(page: single, to: directory.appendingPathComponent("\(name)-\(theme).png"),
                                            width: 840, height: Self.pixelHeight(of: name) + 32)
                }
            }
        }
        print("Chart screenshots: \(directory.path)")
    }

    // MARK: Pages

    static func snapshotNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Snapshots.directory.path)
            .filter { $0.hasSuffix(".svg") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }

    static func svg(named name: String) throws -> String {
        try String(contentsOf: Snapshots.url(name), encoding: .utf8)
    }

    static func writePage(names: [String], theme: String, measure: Bool) throws -> URL {
        try ChartPage.writePage(charts: names.map { ($0, try svg(named: $0)) }, theme: theme, measure: measure)
    }

    static func measure(page: URL, chromium: Chromium, flags: [String]) throws -> [ChartPage.Measurement] {
        try ChartPage.measure(page: page, chromium: chromium, flags: flags)
    }

    static func viewBox(of name: String) -> (width: Double, height: Double) {
        ChartPage.viewBox(of: (try? svg(named: name)) ?? "")
    }

    static func pixelHeight(of name: String) -> Int { Int(viewBox(of: name).height.rounded(.up)) }
}
