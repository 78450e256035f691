import Foundation

/// Pages of SVG charts rendered in headless Chromium and measured there: the harness of the
/// chart browser tests and of the `mlhub charts gallery` test.
public enum ChartPage {
    public struct Measurement: Decodable, Sendable {
        public var name: String
        public var clientWidth: Double
        public var clientHeight: Double
        /// The union of every drawn element except the background, in user units.
        public var contentWidth: Double
        public var contentHeight: Double
        public var elementCount: Int
        public var worstOverflow: Double
        public var worstOverflowElement: String
        public var overlaps: [String]
        public var background: String
    }

    /// Most a shape may reach outside the viewBox, in user units (anti-aliasing, round caps).
    public static let overflowTolerance = 1.5
    /// Least overlap depth, in user units, that counts two texts as colliding.
    public static let overlapTolerance = 1.0


    /// The viewBox size of an SVG document, which a page also uses as its width in CSS pixels.
    public static func viewBox(of svg: String) -> (width: Double, height: Double) {
        guard let range = svg.range(of: #"viewBox="0 0 [0-9.]+ [0-9.]+""#, options: .regularExpression) else { return (640, 400) }
        let parts = svg[range].dropFirst(9).dropLast().split(separator: " ")
        return (Double(parts[2]) ?? 640, Double(parts[3]) ?? 400)
    }

    /// An HTML page with each chart in a figure as wide as its viewBox (one unit per CSS pixel).
    /// `charts` are (name, SVG document) pairs; `theme` replaces the charts' automatic theme
    /// (`light`, `dark` or `auto`).
    public static func writePage(charts: [(name: String, svg: String)], theme: String, measure: Bool) throws -> URL {
        var html = """
            <!doctype html><html><head><meta charset="utf-8"><style>
            body{margin:16px;background:\(theme == "dark" ? "#0b0c0e" : "#d0d0d0")}
            figure{margin:0 0 16px 0}
            </style></head><body>

            """
        for (name, svg) in charts {
            let chart = svg.replacingOccurrences(of: "class=\"mlc mlc-auto\"", with: "class=\"mlc mlc-\(theme)\"")
            html += "<figure data-name=\"\(name)\" style=\"width:\(Int(viewBox(of: svg).width))px\">\(chart)</figure>\n"
        }
        if measure { html += "<pre id=\"results\"></pre><script>\(measurementScript)</script>" }
        html += "</body></html>\n"
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlhub-charts-\(theme)-\(measure ? "measure" : "view")-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        return file
    }

    public static func measure(page: URL, chromium: Chromium, flags: [String]) throws -> [Measurement] {
        let dom = try chromium.dumpDOM(page: page, flags: flags)
        guard let start = dom.range(of: "<pre id=\"results\">"),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw BrowserTestError("the page's measurement script left no results; Chromium printed \(dom.count) characters")
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Measurement].self, from: Data(json.utf8))
    }

    /// For each chart: its boxes, the element reaching furthest outside the viewBox, and the
    /// pairs of texts whose (possibly rotated) boxes overlap, all in the chart's user units.
    static let measurementScript = #"""
        function corners(el, toRoot) {
          const b = el.getBBox();
          const m = toRoot.multiply(el.getScreenCTM());
          return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
            .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
        }
        function overlapDepth(p, q) {
          let depth = Infinity;
          for (const poly of [p, q]) {
            for (let i = 0; i < 4; i++) {
              const a = poly[i], b = poly[(i + 1) % 4];
              const len = Math.hypot(b.x - a.x, b.y - a.y);
              if (len < 1e-9) continue;
              const nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
              const pp = p.map(v => v.x * nx + v.y * ny), qq = q.map(v => v.x * nx + v.y * ny);
              const o = Math.min(Math.max(...pp), Math.max(...qq)) - Math.max(Math.min(...pp), Math.min(...qq));
              if (o <= 0) return 0;
              depth = Math.min(depth, o);
            }
          }
          return depth;
        }
        function describe(el) {
          return el.tagName + (el.getAttribute('class') ? '.' + el.getAttribute('class').replace(/ /g, '.') : '') +
            (el.tagName === 'text' ? ' "' + el.textContent.slice(0, 40) + '"' : '');
        }
        const results = [];
        for (const figure of document.querySelectorAll('figure')) {
          const svg = figure.querySelector('svg');
          const rect = svg.getBoundingClientRect();
          const vb = svg.viewBox.baseVal;
          const toRoot = svg.getScreenCTM().inverse();
          let worst = 0, worstElement = '';
          let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
          const texts = [];
          const shapes = svg.querySelectorAll('text, rect, path, circle, line, polyline, polygon, image');
          for (const el of shapes) {
            const b = el.getBBox();
            if (b.width === 0 && b.height === 0) continue;
            const c = corners(el, toRoot);
            if (!el.classList.contains('bg')) {
              for (const p of c) {
                minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
                minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
              }
            }
            for (const p of c) {
              const out = Math.max(vb.x - p.x, p.x - (vb.x + vb.width), vb.y - p.y, p.y - (vb.y + vb.height));
              if (out > worst) { worst = out; worstElement = describe(el); }
            }
            if (el.tagName === 'text' && el.textContent.trim() !== '') texts.push([el, c]);
          }
          const overlaps = [];
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              if (overlapDepth(texts[i][1], texts[j][1]) > OVERLAP) {
                overlaps.push(describe(texts[i][0]) + ' / ' + describe(texts[j][0]));
              }
            }
          }
          const bg = getComputedStyle(svg).getPropertyValue('--chart-bg').trim();
          results.push({
            name: figure.dataset.name, clientWidth: rect.width, clientHeight: rect.height,
            contentWidth: Math.max(0, maxX - minX), contentHeight: Math.max(0, maxY - minY), elementCount: shapes.length,
            worstOverflow: Math.round(worst * 100) / 100, worstOverflowElement: worstElement,
            overlaps: overlaps.slice(0, 10), background: bg,
          });
        }
        document.getElementById('results').textContent = JSON.stringify(results);
        """#.replacingOccurrences(of: "OVERLAP", with: String(overlapTolerance))
}

public struct BrowserTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs headless Chromium with a time limit, its output going to a file (a DOM dump can exceed
/// what a pipe buffers).
public struct Chromium: Sendable {
    public let path: String

    public static func locate() throws -> Chromium {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) {
            return Chromium(path: path)
        }
        throw BrowserTestError("""
            Chromium was not found at /usr/bin/chromium. The chart browser tests need Debian's headless \
            Chromium: install it with `sudo apt-get install chromium` (the README's setup step does this), \
            or point CHROMIUM_PATH at a Chromium binary.
            """)
    }

    public func dumpDOM(page: URL, flags: [String]) throws -> String {
        let output = try run(flags + ["--window-size=1200,900", "--virtual-time-budget=10000", "--dump-dom", page.absoluteString])
        return String(decoding: output, as: UTF8.self)
    }

    public func screenshot(page: URL, to file: URL, width: Int, height: Int) throws {
        try? FileManager.default.removeItem(at: file)
        _ = try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(file.path)", page.absoluteString])
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw BrowserTestError("Chromium wrote no screenshot to \(file.path)")
        }
    }

    private func run(_ arguments: [String], timeout: Double = 120) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdout = scratch.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stdout)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--mute-audio",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)"] + arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw BrowserTestError("Chromium did not finish within \(Int(timeout)) s")
        }
        try handle.close()
        return try Data(contentsOf: stdout)
    }
}
