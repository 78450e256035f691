import Charts
import Datasets
import Foundation

/// The figure functions the bundled lessons name. Each lives in its own file, grouped by
/// the lesson module that first uses it.
enum StandardFigures {
    static let all: [FigureFunction] = setup + math + calculus + deep + demos
}

/// Helpers shared by the figure files.
enum FigureSupport {
    /// Renders a chart in the automatic theme, turning a chart error into a `FigureError`.
    static func render(_ chart: some Chart, size: ChartSize? = nil) throws(FigureError) -> String {
        do {
            return try chart.render(theme: .auto, size: size ?? chart.defaultSize)
        } catch {
            throw FigureError("the chart could not be drawn: \(error)")
        }
    }

    /// The bundled data sets, loaded once per process and shared by every figure.
    static func bundled(_ name: String) throws(FigureError) -> Dataset {
        let loaded: Result<Dataset, DatasetError>
        switch name {
        case "iris": loaded = iris
        case "wine": loaded = wine
        case "breast-cancer": loaded = breastCancer
        case "diabetes": loaded = diabetes
        case "digits": loaded = digits
        default: throw FigureError("unknown data set '\(name)' (known: \(bundledNames.joined(separator: ", ")))")
        }
        switch loaded {
        case .success(let data): return data
        case .failure(let error): throw FigureError("the \(name) data set could not be loaded: \(error)")
        }
    }

    static let bundledNames = ["iris", "wine", "breast-cancer", "diabetes", "digits"]
    private static let iris = Result { () throws(DatasetError) in try Dataset.iris() }
    private static let wine = Result { () throws(DatasetError) in try Dataset.wine() }
    private static let breastCancer = Result { () throws(DatasetError) in try Dataset.breastCancer() }
    private static let diabetes = Result { () throws(DatasetError) in try Dataset.diabetes() }
    private static let digits = Result { () throws(DatasetError) in try Dataset.digits() }

    /// A list of integers written as "1,2,5": each in `range`, between `count.lowerBound` and
    /// `count.upperBound` of them.
    static func integers(_ text: String, name: String, in range: ClosedRange<Int>,
                         count: ClosedRange<Int>) throws(FigureError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Int] = []
        for part in parts {
            guard let value = Int(part), range.contains(value) else {
                throw FigureError("parameter '\(name)' must list integers in \(range.lowerBound)...\(range.upperBound), got '\(part)'")
            }
            values.append(value)
        }
        guard count.contains(values.count) else {
            throw FigureError("parameter '\(name)' must list \(count.lowerBound) to \(count.upperBound) values, got \(values.count)")
        }
        return values
    }

    /// A list of names written as "a,b,c": each one of `choices`, no repeats, up to `limit`.
    static func names(_ text: String, name: String, choices: [String], limit: Int) throws(FigureError) -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for part in parts where !choices.contains(part) {
            throw FigureError("parameter '\(name)' lists '\(part)', expected names from \(choices.joined(separator: ", "))")
        }
        guard Set(parts).count == parts.count else { throw FigureError("parameter '\(name)' lists a name twice") }
        guard (1...limit).contains(parts.count) else {
            throw FigureError("parameter '\(name)' must list 1 to \(limit) names, got \(parts.count)")
        }
        return parts
    }

    /// A number for labels: at most `digits` decimals, trailing zeros dropped, a true minus sign.
    static func number(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// A number for labels with two significant digits, in powers of ten when it is very large
    /// or very small: "0.25", "1.3 × 10⁻¹²".
    static func significant(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return number(value) }
        let exponent = Int(log10(abs(value)).rounded(.down))
        if (-3...3).contains(exponent) { return number(value, digits: max(0, 1 - exponent)) }
        let mantissa = value / pow(10, Double(exponent))
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                    "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return number(mantissa, digits: 1) + " × 10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}

/// A figure drawn by hand, for pictures no chart kind fits (a broadcasting diagram, a plane
/// being transformed). It carries the Charts product's own style sheet, so it uses the same
/// colour variables (`--chart-c0`… and friends), follows the reader's light or dark scheme, and
/// honours a page's overrides exactly as the charts do. Coordinates are SVG user units.
struct HandDrawnSVG {
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class className: String,
                       width strokeWidth: Double = 1, dash: String? = nil, opacity: Double? = nil) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" class=\"\(className)\""
            + " stroke-width=\"\(Self.f(strokeWidth))\"" + Self.optional("stroke-dasharray", dash)
            + Self.optional("opacity", opacity.map(Self.f)) + "/>")
    }

    /// A polyline through `points`; `closed` joins the last point to the first.
    mutating func path(_ points: [(Double, Double)], class className: String, width strokeWidth: Double = 1,
                       dash: String? = nil, closed: Bool = false, opacity: Double? = nil) {
        guard let first = points.first else { return }
        var d = "M" + Self.f(first.0) + " " + Self.f(first.1)
        for point in points.dropFirst() { d += "L" + Self.f(point.0) + " " + Self.f(point.1) }
        if closed { d += "Z" }
        body.append("<path d=\"\(d)\" class=\"\(className)\" fill=\"none\" stroke-width=\"\(Self.f(strokeWidth))\""
            + " stroke-linejoin=\"round\"" + Self.optional("stroke-dasharray", dash) + Self.optional("opacity", opacity.map(Self.f)) + "/>")
    }

    /// An arrow from (x1, y1) to (x2, y2) with a filled head; `strokeClass` and `fillClass` are
    /// palette classes such as `s0` and `f0`.
    mutating func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, strokeClass: String, fillClass: String,
                        width strokeWidth: Double = 2, dash: String? = nil) {
        let dx = x2 - x1, dy = y2 - y1
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.5 else { return }
        let ux = dx / length, uy = dy / length
        let head = min(10, length * 0.45), half = head * 0.45
        let baseX = x2 - ux * head, baseY = y2 - uy * head
        line(x1, y1, baseX, baseY, class: strokeClass, width: strokeWidth, dash: dash)
        body.append("<path d=\"M\(Self.f(x2)) \(Self.f(y2))L\(Self.f(baseX - uy * half)) \(Self.f(baseY + ux * half))"
            + "L\(Self.f(baseX + uy * half)) \(Self.f(baseY - ux * half))Z\" class=\"\(fillClass)\"/>")
    }

    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fillClass: String? = nil,
                       fillOpacity: Double? = nil, strokeClass: String? = nil, dash: String? = nil, radius: Double = 0) {
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\""
            + (radius > 0 ? " rx=\"\(Self.f(radius))\"" : "")
            + " class=\"\([fillClass, strokeClass].compactMap { $0 }.joined(separator: " "))\""
            + (fillClass == nil ? " fill=\"none\"" : "") + Self.optional("fill-opacity", fillOpacity.map(Self.f))
            + (strokeClass == nil ? "" : " stroke-width=\"1\"") + Self.optional("stroke-dasharray", dash) + "/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fillClass: String) {
        body.append("<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(radius))\" class=\"\(fillClass)\"/>")
    }

    /// Text; `anchor` is start, middle or end; `className` adds classes such as `title`,
    /// `small`, `muted` or `bold` from the style sheet.
    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", class className: String? = nil,
                       opacity: Double? = nil) {
        body.append("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" text-anchor=\"\(anchor)\"" + Self.optional("class", className)
            + Self.optional("opacity", opacity.map(Self.f)) + ">" + text.htmlEscaped + "</text>")
    }

    /// The standalone SVG document, with `title` and `description` for screen readers.
    func document(title: String, description: String) -> String {
        let content = body.joined(separator: "\n")
        let prefix = "mlf" + String(Self.fnv1a(title + description + content) & 0xffff_ffff, radix: 16)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mlc mlc-auto\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\""
            + " width=\"100%\" role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\">\n"
            + "<title id=\"\(prefix)-title\">\(title.htmlEscaped)</title>\n"
            + "<desc id=\"\(prefix)-desc\">\(description.htmlEscaped)</desc>\n"
            + "<style>\n\(Self.styleSheet)\n</style>\n"
            + "<rect class=\"bg\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\"/>\n"
            + content + "\n</svg>\n"
    }

    /// The Charts product's style sheet, taken from a rendered empty chart so that hand-drawn
    /// figures share its variables, classes and themes exactly.
    static let styleSheet: String = {
        let sample = (try? LineChart(title: "", series: []).render(theme: .auto)) ?? ""
        if let start = sample.range(of: "<style>\n"), let end = sample.range(of: "\n</style>", range: start.upperBound..<sample.endIndex) {
            return String(sample[start.upperBound..<end.lowerBound])
        }
        // Not expected; a minimal sheet keeps the figure legible.
        return ".mlc{font-family:system-ui,sans-serif;font-size:12px}.mlc .bg{fill:#fff}.mlc text{fill:#1f2328}"
    }()

    /// Coordinates with at most two decimals.
    static func f(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (min(max(value, -1e6), 1e6) * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded).replacingOccurrences(of: "0$", with: "", options: .regularExpression)
    }

    private static func optional(_ name: String, _ value: String?) -> String {
        value.map { " \(name)=\"\($0)\"" } ?? ""
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
