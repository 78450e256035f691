/// An id for an element inside one chart (a clip path, a gradient). It is written with a
/// placeholder that the document replaces, once the markup is complete, by a prefix hashed
/// from that markup: ids are then the same on every run, yet differ between charts that are
/// inlined in the same page.
struct ElementID: SVGAttributeValue {
    let name: String

    var svgAttributeText: String? { ChartDocument.idPlaceholder + "-" + name }

    /// `url(#…)`, for `clip-path` and `fill`.
    var url: RawAttribute { RawAttribute(text: "url(#" + ChartDocument.idPlaceholder + "-" + name + ")") }
}

/// Attribute text this module composed itself from escaped parts.
struct RawAttribute: SVGAttributeValue {
    let text: String
    var svgAttributeText: String? { text }
}

/// Where a chart draws: the size, the markup for `<defs>` and for the body, and helpers that
/// every chart kind uses (the title, a "No data" message, unique ids).
struct Canvas {
    let size: ChartSize
    var defs = SVGWriter()
    var body = SVGWriter()

    var width: Double { size.width }
    var height: Double { size.height }

    func id(_ name: String) -> ElementID { ElementID(name: name) }

    /// Height taken by the title block at the top.
    static func titleHeight(_ title: String) -> Double { title.isEmpty ? 14 : 42 }

    mutating func drawTitle(_ title: String) {
        guard !title.isEmpty else { return }
        // Titles are bold, about a tenth wider than the regular face the metrics describe.
        let text = TextMetrics.truncate(title, toWidth: (width - 24) / 1.12, fontSize: 16)
        body.text(text, ["x": width / 2, "y": 27.0, "text-anchor": "middle", "class": "title"])
    }

    /// The explicit empty state: a centred message inside `rect`.
    mutating func drawNoData(in rect: PlotRect, message: String = "No data") {
        body.element("rect", ["x": rect.x, "y": rect.y, "width": rect.width, "height": rect.height, "class": "frame"])
        body.text(message, ["x": rect.midX, "y": rect.midY + 5, "text-anchor": "middle", "class": "nodata"])
    }

    /// A chart that has nothing to draw: the title and the message in the remaining space.
    mutating func drawEmptyChart(title: String, message: String = "No data") {
        drawTitle(title)
        let top = Canvas.titleHeight(title)
        drawNoData(in: PlotRect(x: 16, y: top, width: width - 32, height: height - top - 16), message: message)
    }
}

enum ChartDocument {
    /// Never appears in escaped text: XML escaping drops control characters.
    static let idPlaceholder = "\u{1}"

    /// Writes the document around what `draw` puts on the canvas.
    static func render(
        title: String,
        description: String,
        theme: ChartTheme,
        size: ChartSize,
        draw: (inout Canvas) throws(ChartError) -> Void
    ) throws(ChartError) -> String {
        let size = try size.validated()
        var canvas = Canvas(size: size)
        try draw(&canvas)

        let titleID = ElementID(name: "title")
        let descriptionID = ElementID(name: "desc")
        let viewBox = "0 0 " + NumberFormat.coordinate(size.width) + " " + NumberFormat.coordinate(size.height)
        let labelledBy = RawAttribute(text: titleID.svgAttributeText! + " " + descriptionID.svgAttributeText!)

        var document = SVGWriter()
        document.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "mlc mlc-" + theme.rawValue,
            "viewBox": viewBox,
            "width": "100%",
            "role": "img",
            "aria-labelledby": labelledBy,
        ])
        document.text(title.isEmpty ? "Chart" : title, ["id": titleID], tag: "title")
        document.text(description, ["id": descriptionID], tag: "desc")
        document.raw("<style>\n" + StyleSheet.css + "\n</style>\n")
        if !canvas.defs.isEmpty {
            document.open("defs")
            document.append(canvas.defs)
            document.close("defs")
        }
        document.element("rect", ["class": "bg", "width": size.width, "height": size.height])
        document.append(canvas.body)
        document.close("svg")

        let markup = document.output
        let prefix = "mlc" + hexDigits(fnv1a(markup), count: 8)
        return markup.replacing(idPlaceholder, with: prefix)
    }

    /// FNV-1a, 64-bit: a fixed, platform-independent hash (Swift's `Hasher` is seeded per run).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hexDigits(_ value: UInt64, count: Int) -> String {
        let digits = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - digits.count)) + digits
        return String(padded.prefix(count))
    }
}
