import BrowserTestSupport
import Foundation
import Testing
@testable import MLHubCommands

@Suite("mlhub charts gallery", .serialized)
struct ChartGalleryTests {
    @Test func theGalleryHasEveryKindAndRendersInChromium() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-gallery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try ChartGallery.write(to: folder)
        // Every kind the issue lists: line (and log axes), scatter, histogram, density, bar (and
        // horizontal), box, heatmap, confusion matrix, contour, decision surface, ROC, PR,
        // dendrogram, network, grid world, image grid, vector field.
        #expect(files.count == 19)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
        let charts = try files.map { file in
            (name: String(file.dropLast(4)), svg: try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
        }
        for chart in charts {
            #expect(chart.svg.hasPrefix("<svg") && chart.svg.contains("<title"), "\(chart.name) is not a titled SVG")
        }
        let chromium = try Chromium.locate()
        let page = try ChartPage.writePage(charts: charts, theme: "auto", measure: true)
        defer { try? FileManager.default.removeItem(at: page) }
        let measurements = try ChartPage.measure(page: page, chromium: chromium, flags: [])
        #expect(measurements.map(\.name) == charts.map(\.name))
        for m in measurements {
            #expect(m.contentWidth > 100 && m.contentHeight > 100, "\(m.name): content box \(m.contentWidth)×\(m.contentHeight)")
            #expect(m.worstOverflow <= ChartPage.overflowTolerance, "\(m.name): \(m.worstOverflowElement) overflows by \(m.worstOverflow)")
            #expect(m.overlaps.isEmpty, "\(m.name): overlapping texts: \(m.overlaps.joined(separator: "; "))")
        }
    }

    @Test func theGalleryIsDeterministic() throws {
        let first = try ChartGallery.charts().map { try $0.chart.render() }
        let second = try ChartGallery.charts().map { try $0.chart.render() }
        #expect(first == second)
    }

    @Test func aFileInThePlaceOfTheFolderIsAValidationError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-not-a-folder-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: (any Error).self) { try ChartsCommand.Gallery.parse(["--out", file.path]) }
    }
}
