import Testing
@testable import Charts

@Suite("ChartTicks")
struct ChartTickTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(NiceTicks.step(span: 1, targetCount: 5) == (2, -1))
        #expect(NiceTicks.step(span: 97, targetCount: 5) == (2, 1))
        #expect(NiceTicks.step(span: 10, targetCount: 2) == (5, 0))
        #expect(NiceTicks.step(span: 0.03, targetCount: 3) == (1, -2))
        #expect(NiceTicks.step(span: 800, targetCount: 1) == (1, 3))
    }

    @Test func linearTicksCoverTheDataOnRoundValues() {
        let ticks = NiceTicks.linear(0.03...0.97, targetCount: 5)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ticks.domain == 0...1)
        #expect(NiceTicks.labels(ticks) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }

    @Test func tickValuesAreExactDecimals() {
        let ticks = NiceTicks.linear(0...1, targetCount: 10)
        #expect(ticks.values[3] == 0.3)  // not 0.30000000000000004
        #expect(ticks.values[7] == 0.7)
    }

    @Test func negativeTicksUseATrueMinusSign() {
        let ticks = NiceTicks.linear(-2.2...1.1, targetCount: 4)
        #expect(NiceTicks.labels(ticks) == ["−3", "−2", "−1", "0", "1", "2"])
    }

    @Test func unexpandedTicksStayInsideTheExtent() {
        let ticks = NiceTicks.linear(0.13...0.87, targetCount: 4, expand: false)
        #expect(ticks.domain == 0.13...0.87)
        #expect(ticks.values == [0.2, 0.4, 0.6, 0.8])
    }

    @Test func aFlatExtentIsWidened() {
        let ticks = NiceTicks.linear(5...5, targetCount: 5)
        #expect(ticks.domain.lowerBound < 5 && ticks.domain.upperBound > 5)
        #expect(NiceTicks.linear(0...0, targetCount: 5).domain == -1...1)
    }

    @Test func largeAndSmallValuesGetScientificLabels() {
        #expect(NiceTicks.labels(NiceTicks.linear(0...3e6, targetCount: 3)) == ["0", "1e6", "2e6", "3e6"])
        #expect(NiceTicks.labels(NiceTicks.linear(0...2e-4, targetCount: 2)) == ["0", "1e−4", "2e−4"])
    }

    @Test func logTicksAreDecades() {
        let ticks = NiceTicks.log(1e-5...0.8, maxLabels: 10)
        #expect(ticks.domain == 1e-5...1)
        #expect(ticks.ticks.map(\.label) == ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        #expect(ticks.minor.contains(2e-5))
    }

    @Test func shortLogAxesLabelOneTwoFive() {
        let ticks = NiceTicks.log(0.06...2.3, maxLabels: 10)
        #expect(ticks.domain == 0.05...5)
        #expect(ticks.ticks.map(\.label) == ["0.05", "0.1", "0.2", "0.5", "1", "2", "5"])
    }

    @Test func manyDecadesAreThinned() {
        let ticks = NiceTicks.log(1e-12...1e12, maxLabels: 7)
        #expect(ticks.ticks.count <= 7)
        #expect(ticks.ticks.first?.value == 1e-12)
    }

    @Test(arguments: [80.0, 200, 470, 900])
    func axisLabelsNeverOverlap(length: Double) {
        for extent in [0.0...1, -3.7...12_345, 1e-7...3e-7, 0...59] {
            let axis = AxisModel.make(kind: .linear, extent: extent, length: length, horizontal: true)
            #expect(axis.ticks.count >= 2)
            #expect(axis.ticks.count == 2 || axis.labelsFit(length: length, horizontal: true))
        }
        let log = AxisModel.make(kind: .log, extent: 1e-6...1e3, length: length, horizontal: true)
        #expect(log.ticks.count == 2 || log.labelsFit(length: length, horizontal: true))
    }
}

@Suite("ChartScales")
struct ChartScaleTests {
    @Test func linearScaleMapsAndInverts() {
        let scale = LinearScale(domain: 0...10, range: (100, 200))
        #expect(scale.position(0) == 100)
        #expect(scale.position(2.5) == 125)
        #expect(scale.position(-10) == 0)  // extrapolates
        #expect(scale.value(at: 150) == 5)
        #expect(scale.position(.nan) == nil)
        #expect(scale.position(.infinity) == nil)
    }

    @Test func reversedRangesWorkForYAxes() {
        let scale = LinearScale(domain: 0...1, range: (300, 100))
        #expect(scale.position(1) == 100)
        #expect(scale.position(0.25) == 250)
    }

    @Test func zeroWidthDomainsAreWidened() {
        let scale = LinearScale(domain: 4...4, range: (0, 100))
        #expect(scale.position(4) == 50)
    }

    @Test func logScaleMapsDecadesEvenly() throws {
        let scale = LogScale(domain: 1...1000, range: (0, 300))
        #expect(try #require(scale.position(1)) == 0)
        #expect(abs(try #require(scale.position(10)) - 100) < 1e-9)
        #expect(abs(try #require(scale.position(1000)) - 300) < 1e-9)
        #expect(scale.position(0) == nil)
        #expect(scale.position(-5) == nil)
    }

    @Test func bandScaleSplitsTheRange() {
        let bands = BandScale(count: 4, range: (0, 400), padding: 0.2)
        #expect(bands.step == 100)
        #expect(bands.bandwidth == 80)
        #expect(bands.start(0) == 10)
        #expect(bands.center(3) == 350)
    }

    @Test func extentsSkipNonFiniteValues() {
        #expect(Extent.of([3, .nan, -1, .infinity, 2]) == -1...3)
        #expect(Extent.of([.nan]) == nil)
        #expect(Extent.of([-2, 0, 5, 0.1], positiveOnly: true) == 0.1...5)
    }
}

@Suite("ChartColors")
struct ChartColorTests {
    @Test func colorMapsHitTheirAnchorsAndClamp() {
        let map = ColorMap.viridis
        #expect(map.color(at: 0) == RGBColor(0x440154))
        #expect(map.color(at: 1) == RGBColor(0xFDE725))
        #expect(map.color(at: 0.5) == RGBColor(0x21908C))
        #expect(map.color(at: -3) == RGBColor(0x440154))
        #expect(map.color(at: 7) == RGBColor(0xFDE725))
        #expect(map.color(at: .nan) == RGBColor(0x440154))
    }

    @Test func interpolationIsLinearBetweenAnchors() {
        let map = ColorMap(anchors: [RGBColor(0x000000), RGBColor(0xFF0080)])
        #expect(map.color(at: 0.5) == RGBColor(red: 128, green: 0, blue: 64))
        #expect(map.reversed.color(at: 0.25) == RGBColor(red: 191, green: 0, blue: 96))
    }

    @Test func divergingMapIsWhiteInTheMiddle() {
        #expect(ColorMap.blueRed.isDiverging)
        #expect(ColorMap.blueRed.color(at: 0.5) == RGBColor(0xF7F7F7))
        let low = ColorMap.blueRed.color(at: 0), high = ColorMap.blueRed.color(at: 1)
        #expect(low.blue > low.red && high.red > high.blue)
    }

    @Test func viridisGetsLighterMonotonically() {
        let luminances = (0...20).map { ColorMap.viridis.color(at: Double($0) / 20).relativeLuminance }
        #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func hexAndContrast() {
        #expect(RGBColor(0x0072B2).hex == "#0072b2")
        #expect(RGBColor(red: 0, green: 0, blue: 0).relativeLuminance == 0)
        #expect(abs(RGBColor(0xFFFFFF).relativeLuminance - 1) < 1e-12)
        #expect(RGBColor(0xFDE725).prefersDarkText)
        #expect(!RGBColor(0x440154).prefersDarkText)
    }

    @Test func okabeItoPaletteHasEightDistinctColours() {
        #expect(Palette.okabeIto.count == 8)
        #expect(Set(Palette.okabeIto).count == 8)
        #expect(Palette.okabeIto[1] == RGBColor(0xE69F00))
        #expect(Palette.fillClass(9) == "f1")
        #expect(Palette.dashArray(3) == nil && Palette.dashArray(8) != nil)
    }
}
