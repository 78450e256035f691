import Testing
@testable import Charts

@Suite("ChartStatistics")
struct ChartStatisticsTests {
    // MARK: Histogram

    @Test func equalWidthBinsIncludeTheLastEdge() throws {
        let histogram = try Histogram(values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], binning: .count(5))
        #expect(histogram.edges == [0, 2, 4, 6, 8, 10])
        #expect(histogram.counts == [2, 2, 2, 2, 3])
    }

    @Test func valuesOnAnInnerEdgeGoToTheRightBin() throws {
        let histogram = try Histogram(values: [0.5, 1, 1, 1.5, 2], binning: .edges([0, 1, 2]))
        #expect(histogram.counts == [1, 4])
    }

    @Test func nonFiniteAndOutOfRangeValuesAreNotCounted() throws {
        let histogram = try Histogram(values: [.nan, 1, .infinity, 1.5, -.infinity, 7], binning: .edges([0, 1, 2]))
        #expect(histogram.counts == [0, 2])
    }

    @Test func widthBinsAlignToMultiples() throws {
        let histogram = try Histogram(values: [0.3, 1.2, 1.9, 2.5], binning: .width(1))
        #expect(histogram.edges == [0, 1, 2, 3])
        #expect(histogram.counts == [1, 2, 1])
        let exact = try Histogram(values: [0, 1, 2], binning: .width(1))
        #expect(exact.edges == [0, 1, 2])
        #expect(exact.counts == [1, 2])
    }

    @Test func automaticBinsHaveRoundEdges() throws {
        let values = (0..<200).map { Double($0 % 37) * 0.27 }
        let histogram = try Histogram(values: values)
        #expect(histogram.counts.reduce(0, +) == 200)
        let width = histogram.edges[1] - histogram.edges[0]
        #expect([0.5, 1, 2].contains(width))
        #expect(histogram.edges.first! <= 0 && histogram.edges.last! >= 9.72)
    }

    @Test func freedmanDiaconisBinCount() {
        // IQR of 1…100 is 48.5; width 2·48.5/100^(1/3) = 20.9; range 99 → 5 bins.
        #expect(Histogram.suggestedBinCount((1...100).map(Double.init)) == 5)
        #expect(Histogram.suggestedBinCount([1, 1, 1, 1]) == 1)
    }

    @Test func badBinningThrows() {
        #expect(throws: ChartError.invalidParameter(name: "bin count", value: "0", expected: "1…10000")) {
            try Histogram(values: [1, 2], binning: .count(0))
        }
        #expect(throws: ChartError.self) { try Histogram(values: [1, 2], binning: .width(-1)) }
        #expect(throws: ChartError.self) { try Histogram(values: [1, 2], binning: .edges([0, 2, 1])) }
        #expect(throws: ChartError.self) { try Histogram(values: [1, 2], binning: .edges([0])) }
    }

    // MARK: Kernel density

    @Test func kernelDensityMatchesHandValues() throws {
        let single = try KernelDensity(samples: [0], bandwidth: 1)
        #expect(abs(single.density(at: 0) - 0.398_942_280_4) < 1e-9)  // 1/√(2π)
        let pair = try KernelDensity(samples: [-1, 1], bandwidth: 1)
        #expect(abs(pair.density(at: 0) - 0.241_970_724_5) < 1e-9)  // φ(1)
        let three = try KernelDensity(samples: [0, 1, 3], bandwidth: 0.5)
        #expect(abs(three.density(at: 1) - 0.302_044_718_1) < 1e-9)
    }

    @Test func kernelDensityIntegratesToOne() throws {
        let estimate = try KernelDensity(samples: [0.2, 0.5, 0.9, 3, 3.1], bandwidth: 0.4)
        let step = 0.01
        let integral = stride(from: -5.0, through: 8.0, by: step).reduce(0) { $0 + estimate.density(at: $1) * step }
        #expect(abs(integral - 1) < 1e-4)
    }

    @Test func silvermanBandwidth() {
        // σ = 1.5811, IQR/1.34 = 1.4925 → 0.9 · 1.4925 · 5^(−1/5) = 0.97358.
        #expect(abs(KernelDensity.silvermanBandwidth([1, 2, 3, 4, 5]) - 0.973_584_622_9) < 1e-9)
        #expect(KernelDensity.silvermanBandwidth([2, 2, 2]) == 0.2)
        #expect(KernelDensity.silvermanBandwidth([]) == 1)
    }

    @Test func kernelDensitySkipsNonFiniteSamplesAndRejectsBadBandwidths() throws {
        #expect(try KernelDensity(samples: [1, .nan, .infinity, 2]).samples == [1, 2])
        #expect(throws: ChartError.self) { try KernelDensity(samples: [1], bandwidth: 0) }
        #expect(throws: ChartError.self) { try KernelDensity(samples: [1], bandwidth: .nan) }
    }

    // MARK: Box plots

    @Test func quartilesInterpolateLinearly() {
        let sorted = [1.0, 2, 3, 4]
        #expect(Quantiles.quantile(sorted: sorted, 0.25) == 1.75)
        #expect(Quantiles.quantile(sorted: sorted, 0.5) == 2.5)
        #expect(Quantiles.quantile(sorted: sorted, 1) == 4)
    }

    @Test func tukeyWhiskersAndOutliers() throws {
        let stats = try #require(BoxStatistics(values: [1, 2, 3, 4, 5, 6, 7, 8, 30, .nan]))
        #expect(stats.count == 9)
        #expect(stats.median == 5)
        #expect(stats.lowerQuartile == 3 && stats.upperQuartile == 7)
        #expect(stats.lowerWhisker == 1 && stats.upperWhisker == 8)
        #expect(stats.outliers == [30])
        #expect(BoxStatistics(values: [.nan]) == nil)
    }

    // MARK: Classifier curves

    @Test func rocAndAveragePrecisionMatchHandValues() throws {
        // The example in scikit-learn's documentation: AUC 0.75, AP 0.8333.
        let labels = [false, false, true, true]
        let scores = [0.1, 0.4, 0.35, 0.8]
        let roc = try #require(try ClassifierCurves.roc(scores: scores, labels: labels))
        #expect(roc.x == [0, 0, 0.5, 0.5, 1])
        #expect(roc.y == [0, 0.5, 0.5, 1, 1])
        #expect(roc.area == 0.75)
        let pr = try #require(try ClassifierCurves.precisionRecall(scores: scores, labels: labels))
        #expect(abs(pr.area - 5.0 / 6.0) < 1e-12)
        #expect(pr.x.first == 0 && pr.y.first == 1)
    }

    @Test func perfectAndReversedClassifiers() throws {
        let labels = [true, true, false, false, false]
        let perfect = [0.9, 0.8, 0.3, 0.2, 0.1]
        #expect(try ClassifierCurves.roc(scores: perfect, labels: labels)?.area == 1)
        #expect(try ClassifierCurves.precisionRecall(scores: perfect, labels: labels)?.area == 1)
        #expect(try ClassifierCurves.roc(scores: perfect.map { -$0 }, labels: labels)?.area == 0)
    }

    @Test func tiedScoresGiveTheDiagonal() throws {
        let roc = try #require(try ClassifierCurves.roc(scores: [0.5, 0.5, 0.5, 0.5], labels: [true, false, true, false]))
        #expect(roc.x == [0, 1] && roc.y == [0, 1])
        #expect(roc.area == 0.5)
    }

    @Test func curvesNeedBothClassesAndMatchingLengths() throws {
        #expect(try ClassifierCurves.roc(scores: [0.1, 0.2], labels: [true, true]) == nil)
        #expect(try ClassifierCurves.roc(scores: [.nan, 0.2, 0.3], labels: [false, true, true]) == nil)
        #expect(throws: ChartError.lengthMismatch(what: "labels (one per score)", expected: 2, got: 1)) {
            try ClassifierCurves.roc(scores: [0.1, 0.2], labels: [true])
        }
    }

    @Test func trapezoidArea() {
        #expect(ClassifierCurves.trapezoidArea(x: [0, 1, 2], y: [0, 1, 0]) == 1)
        #expect(ClassifierCurves.trapezoidArea(x: [], y: []) == 0)
    }

    // MARK: Contours

    static let ramp = try! ScalarGrid(x: [0, 1, 2, 3], y: [0, 1, 2], values: [[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]], name: "ramp")

    @Test func contourOfARampIsOneStraightLine() {
        let lines = Contours.lines(Self.ramp, level: 1.5)
        #expect(lines.count == 1)
        let line = lines[0]
        #expect(line.allSatisfy { abs($0.x - 1.5) < 1e-12 })
        #expect(Set(line.map(\.y)).isSuperset(of: [0, 2]))
    }

    @Test func superlevelRegionCoversTheRightArea() {
        let region = Contours.region(Self.ramp, atLeast: 1.5)
        var area = region.rectangles.reduce(0) { $0 + ($1.x1 - $1.x0) * ($1.y1 - $1.y0) }
        for polygon in region.polygons {
            var twice = 0.0
            for (index, point) in polygon.enumerated() {
                let next = polygon[(index + 1) % polygon.count]
                twice += point.x * next.y - next.x * point.y
            }
            area += abs(twice) / 2
        }
        #expect(abs(area - 3) < 1e-12)  // x from 1.5 to 3, y from 0 to 2
        #expect(Contours.region(Self.ramp, atLeast: nil).rectangles.count == 2)  // one run per row
    }

    @Test func nonFiniteCellsAreLeftOut() throws {
        let grid = try ScalarGrid(x: [0, 1, 2], y: [0, 1], values: [[0, .nan, 2], [0, 1, 2]], name: "g")
        #expect(Contours.lines(grid, level: 0.5).isEmpty)
        #expect(Contours.region(grid, atLeast: nil).rectangles.isEmpty)
    }

    @Test func gridsAreValidated() {
        #expect(throws: ChartError.self) { try ScalarGrid(x: [0, 1], y: [0, 1], values: [[0, 1]], name: "g") }
        #expect(throws: ChartError.self) { try ScalarGrid(x: [0, 1], y: [0, 1], values: [[0, 1], [0]], name: "g") }
        #expect(throws: ChartError.self) { try ScalarGrid(x: [1, 0], y: [0, 1], values: [[0, 1], [0, 1]], name: "g") }
        #expect(throws: ChartError.self) { try ScalarGrid(x: [0], y: [0, 1], values: [[0], [0]], name: "g") }
    }
}

@Suite("ChartImageEncoding")
struct ChartImageEncodingTests {
    @Test func checksumsMatchTheirReferenceValues() {
        #expect(PNGEncoder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func base64() {
        #expect(Base64.encode(Array("Man".utf8)) == "TWFu")
        #expect(Base64.encode(Array("Ma".utf8)) == "TWE=")
        #expect(Base64.encode(Array("M".utf8)) == "TQ==")
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
    }

    @Test func pngHasSignatureHeaderAndStoredData() {
        let png = PNGEncoder.encode(width: 2, height: 1, pixels: [RGBColor(0xFF0000), nil])
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0, 2, 0, 0, 0, 1])
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
        // One filter byte and two RGBA pixels, stored uncompressed after the zlib header.
        let raw: [UInt8] = [0, 255, 0, 0, 255, 0, 0, 0, 0]
        let stream = PNGEncoder.zlibStored(raw)
        #expect(Array(stream.prefix(7)) == [0x78, 0x01, 1, 9, 0, 0xF6, 0xFF])
        #expect(Array(stream[7..<16]) == raw)
    }

    @Test func largeImagesSplitIntoSeveralStoredBlocks() {
        let data = [UInt8](repeating: 7, count: 70_000)
        let stream = PNGEncoder.zlibStored(data)
        #expect(stream.count == 2 + 5 + 65_535 + 5 + (70_000 - 65_535) + 4)
        #expect(stream[2] == 0)  // first block is not final
    }
}
