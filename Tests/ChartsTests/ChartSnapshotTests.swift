import Charts
import Foundation
import Testing

@Suite("ChartSnapshots")
struct ChartSnapshotTests {
    @Test("Each sample chart matches its committed snapshot", arguments: SampleCharts.names)
    func matchesSnapshot(name: String) throws {
        let svg = try SampleCharts.chart(named: name).render()
        try Snapshots.assertMatches(svg, named: name)
    }

    @Test("Rendering twice gives identical bytes", arguments: SampleCharts.names)
    func renderingIsDeterministic(name: String) throws {
        let chart = SampleCharts.chart(named: name)
        #expect(try chart.render(theme: .dark) == chart.render(theme: .dark))
    }

    @Test func aChangedOutputFailsTheComparison() throws {
        guard !Snapshots.isRecording else { return }
        let svg = try SampleCharts.line.render()
        #expect(Snapshots.mismatch(svg, named: "line") == nil)
        let changed = svg.replacingOccurrences(of: "Epoch", with: "Epochs")
        let message = try #require(Snapshots.mismatch(changed, named: "line"))
        #expect(message.contains("Epochs"))
        #expect(Snapshots.mismatch(svg + " ", named: "line") != nil)
        #expect(Snapshots.mismatch(svg, named: "no-such-chart") != nil)
    }

    @Test func everySnapshotFileBelongsToASample() throws {
        guard !Snapshots.isRecording else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: Snapshots.directory.path)
            .filter { $0.hasSuffix(".svg") }
            .map { String($0.dropLast(4)) }
        #expect(Set(files) == Set(SampleCharts.names), "stale or missing snapshot files")
    }
}
