/// A value that can be written as an SVG attribute. `nil` optionals leave the attribute out.
protocol SVGAttributeValue {
    var svgAttributeText: String? { get }
}

extension Double: SVGAttributeValue {
    var svgAttributeText: String? { NumberFormat.coordinate(self) }
}

extension Int: SVGAttributeValue {
    var svgAttributeText: String? { String(self) }
}

extension String: SVGAttributeValue {
    var svgAttributeText: String? { XML.escape(self) }
}

extension Optional: SVGAttributeValue where Wrapped: SVGAttributeValue {
    var svgAttributeText: String? { self?.svgAttributeText }
}

/// Attributes in the order they are written (a dictionary literal keeps source order here,
/// unlike `Dictionary`, so the output never depends on hashing).
typealias SVGAttributes = KeyValuePairs<String, any SVGAttributeValue>

/// Appends SVG markup to a string, one element a line. It escapes text and attribute values
/// and formats numbers with ``NumberFormat``; nothing else in the module builds markup by hand.
struct SVGWriter {
    private(set) var output = ""

    var isEmpty: Bool { output.isEmpty }

    mutating func open(_ tag: String, _ attributes: SVGAttributes = [:]) {
        output += "<" + tag
        append(attributes)
        output += ">\n"
    }

    mutating func close(_ tag: String) {
        output += "</" + tag + ">\n"
    }

    /// An empty element: `<rect …/>`.
    mutating func element(_ tag: String, _ attributes: SVGAttributes) {
        output += "<" + tag
        append(attributes)
        output += "/>\n"
    }

    /// An element holding escaped text: `<text …>a &amp; b</text>`.
    mutating func text(_ content: String, _ attributes: SVGAttributes, tag: String = "text") {
        output += "<" + tag
        append(attributes)
        output += ">" + XML.escape(content) + "</" + tag + ">\n"
    }

    /// Markup produced by another writer.
    mutating func append(_ other: SVGWriter) {
        output += other.output
    }

    /// Trusted markup written by this module (the style sheet).
    mutating func raw(_ markup: String) {
        output += markup
    }

    private mutating func append(_ attributes: SVGAttributes) {
        for (name, value) in attributes {
            guard let text = value.svgAttributeText else { continue }
            output += " " + name + "=\"" + text + "\""
        }
    }
}

/// The `d` attribute of a path, with coordinates formatted like every other number.
struct PathData {
    private(set) var text = ""
    /// Decimals per coordinate: 2 by default; surfaces with many small pieces use 1.
    var decimals = NumberFormat.coordinateDecimals
    private var lastCommand: Character = " "

    init(decimals: Int = NumberFormat.coordinateDecimals) {
        self.decimals = decimals
    }

    var isEmpty: Bool { text.isEmpty }

    private func format(_ value: Double) -> String {
        NumberFormat.fixed(value, decimals: decimals)
    }

    mutating func move(_ x: Double, _ y: Double) {
        text += "M" + format(x) + " " + format(y)
        lastCommand = "M"
    }

    /// A line to (x, y). After a move or another line the command letter is implied (SVG reads
    /// further coordinate pairs after `M` or `L` as line segments), which keeps paths short.
    mutating func line(_ x: Double, _ y: Double) {
        let pair = format(x) + " " + format(y)
        text += (lastCommand == "L" || lastCommand == "M" ? " " : "L") + pair
        lastCommand = "L"
    }

    mutating func close() {
        text += "Z"
        lastCommand = "Z"
    }

    /// Another path's subpaths after this one's (the other path must start with a move).
    mutating func append(_ other: PathData) {
        text += other.text
        lastCommand = other.lastCommand
    }

    /// A closed polygon through `points`.
    mutating func polygon(_ points: [(x: Double, y: Double)]) {
        guard let first = points.first else { return }
        move(first.x, first.y)
        for point in points.dropFirst() { line(point.x, point.y) }
        close()
    }

    /// An axis-aligned rectangle as a subpath.
    mutating func rectangle(x: Double, y: Double, width: Double, height: Double) {
        polygon([(x, y), (x + width, y), (x + width, y + height), (x, y + height)])
    }
}
