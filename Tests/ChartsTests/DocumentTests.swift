import Foundation
import Testing
@testable import Charts
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects element names, ids and attributes while parsing, and fails on malformed XML.
private final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        current = attributes["id"]
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}

private func parse(_ svg: String) throws -> XMLCollector {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = XMLCollector()
    parser.delegate = collector
    let ok = parser.parse()
    #expect(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
    return collector
}

@Suite("ChartDocuments")
struct ChartDocumentTests {
    @Test("Every sample is well-formed, accessible and scalable SVG", arguments: SampleCharts.names)
    func documentStructure(name: String) throws {
        let svg = try SampleCharts.chart(named: name).render()
        let document = try parse(svg)
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["height"] == nil)
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        #expect(root.attributes["class"] == "mlc mlc-auto")
        // aria-labelledby names the <title> and the <desc>, which carry real text.
        let ids = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(ids.count == 2)
        #expect(document.elements[1].name == "title" && document.elements[1].attributes["id"] == ids[0])
        #expect(document.elements[2].name == "desc" && document.elements[2].attributes["id"] == ids[1])
        #expect(!(document.text[ids[0]] ?? "").isEmpty)
        #expect((document.text[ids[1]] ?? "").count > 20)
        // Every id is unique and every url(#…) reference resolves.
        let allIDs = document.elements.compactMap { $0.attributes["id"] }
        #expect(Set(allIDs).count == allIDs.count)
        for element in document.elements {
            for value in element.attributes.values where value.hasPrefix("url(#") {
                #expect(allIDs.contains(String(value.dropFirst(5).dropLast())))
            }
        }
        #expect(!svg.contains("NaN") && !svg.contains("inf\""))
    }

    @Test func themesOnlyChangeTheRootClass() throws {
        let chart = SampleCharts.bar
        let auto = try chart.render(theme: .auto)
        let dark = try chart.render(theme: .dark)
        let light = try chart.render(theme: .light)
        #expect(dark.contains("class=\"mlc mlc-dark\"") && light.contains("class=\"mlc mlc-light\""))
        // Same markup apart from the class (and the id prefix hashed from the markup).
        func normalized(_ svg: String) -> String {
            svg.replacingOccurrences(of: #"mlc-(auto|dark|light)"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"mlc[0-9a-f]{8}"#, with: "ID", options: .regularExpression)
        }
        #expect(normalized(auto) == normalized(dark) && normalized(dark) == normalized(light))
    }

    @Test func styleSheetDeclaresThemesWithCSSVariables() throws {
        let svg = try SampleCharts.line.render()
        #expect(svg.contains("<style>"))
        #expect(svg.contains(":where(.mlc){--chart-bg:#ffffff;--chart-fg:"))
        #expect(svg.contains("@media (prefers-color-scheme:dark){:where(.mlc-auto){--chart-bg:"))
        #expect(svg.contains(":where(.mlc-dark){"))
        #expect(svg.contains("var(--chart-c0)"))
    }

    @Test func idsAreStableButDifferBetweenCharts() throws {
        func ids(_ svg: String) -> String {
            let range = svg.range(of: #"mlc[0-9a-f]{8}"#, options: .regularExpression)!
            return String(svg[range])
        }
        let line = try SampleCharts.line.render(), again = try SampleCharts.line.render()
        let bar = try SampleCharts.bar.render()
        #expect(ids(line) == ids(again))
        #expect(ids(line) != ids(bar))
    }

    @Test func sizeSetsTheViewBox() throws {
        let svg = try SampleCharts.line.render(theme: .light, size: ChartSize(width: 300.5, height: 200))
        #expect(svg.contains("viewBox=\"0 0 300.5 200\""))
        #expect(try SampleCharts.heatmap.svg.contains("viewBox=\"0 0 520 520\""))
    }

    @Test func everyKindStaysReadableAtASmallSize() throws {
        for (name, chart) in SampleCharts.all {
            let svg = try chart.render(theme: .light, size: ChartSize(width: 240, height: 180))
            _ = try parse(svg)
            #expect(svg.contains("<title"), "\(name)")
        }
    }

    @Test func longTitlesAreShortenedOnTheChartButKeptForScreenReaders() throws {
        let title = String(repeating: "A very long title that keeps going ", count: 6)
        let svg = try BarChart(title: title, categories: ["a"], values: [1]).render()
        #expect(svg.contains("<title id=") && svg.contains(">" + XML.escape(title) + "</title>"))
        let shown = try #require(svg.components(separatedBy: "class=\"title\">").last?.components(separatedBy: "<").first)
        #expect(shown.hasSuffix("…"))
        #expect(TextMetrics.width(shown, fontSize: 16) <= 640 - 24)
    }
}
