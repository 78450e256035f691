import Testing
@testable import Charts

@Suite("ChartNumberFormatting")
struct ChartNumberFormattingTests {
    @Test func fixedTrimsTrailingZerosAndPoint() {
        #expect(NumberFormat.fixed(2.5, decimals: 2) == "2.5")
        #expect(NumberFormat.fixed(3.0, decimals: 2) == "3")
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.13")  // half away from zero
        #expect(NumberFormat.fixed(-0.125, decimals: 2) == "-0.13")
        #expect(NumberFormat.fixed(1234.5678, decimals: 1) == "1234.6")
        #expect(NumberFormat.fixed(0.1 + 0.2, decimals: 2) == "0.3")
        #expect(NumberFormat.fixed(0.05, decimals: 3, trimZeros: false) == "0.050")
    }

    @Test func negativeZeroAndTinyNegativesPrintAsZero() {
        #expect(NumberFormat.fixed(-0.0, decimals: 2) == "0")
        #expect(NumberFormat.fixed(-0.001, decimals: 2) == "0")
    }

    @Test func nonFiniteValuesHaveFixedSpellings() {
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "NaN")
        #expect(NumberFormat.fixed(.infinity, decimals: 2) == "inf")
        #expect(NumberFormat.plain(-.infinity) == "-inf")
    }

    @Test func hugeValuesFallBackToScientific() {
        #expect(NumberFormat.fixed(1e20, decimals: 2) == "1e20")
        #expect(NumberFormat.scientific(2.5e6, significantDigits: 3) == "2.5e6")
        #expect(NumberFormat.scientific(-1e-5, significantDigits: 2, minus: "−") == "−1e−5")
        #expect(NumberFormat.scientific(9.9996e3, significantDigits: 3) == "1e4")  // mantissa carry
    }

    @Test func significantDigits() {
        #expect(NumberFormat.significant(0.012345) == "0.0123")
        #expect(NumberFormat.significant(1234.5) == "1235")
        #expect(NumberFormat.significant(-0.5) == "−0.5")
        #expect(NumberFormat.significant(0) == "0")
        #expect(NumberFormat.significant(3.2e7) == "3.2e7")
    }

    @Test func decimalExponentIsExactAtPowersOfTen() {
        for exponent in -20...20 {
            #expect(NumberFormat.decimalExponent(NumberFormat.powerOfTen(exponent)) == exponent)
        }
        #expect(NumberFormat.decimalExponent(999.999) == 2)
        #expect(NumberFormat.decimalExponent(0) == 0)
        #expect(NumberFormat.decimalExponent(.nan) == 0)
    }

    @Test func powersOfTenUseSuperscripts() {
        #expect(NumberFormat.powerOfTenLabel(-3) == "10⁻³")
        #expect(NumberFormat.powerOfTenLabel(12) == "10¹²")
    }

    @Test func pathDataFormatsAndImpliesRepeatedLineCommands() {
        var path = PathData()
        path.move(1, 2.346)
        path.line(-3, 4)
        path.line(5.5, 6)
        path.close()
        #expect(path.text == "M1 2.35 -3 4 5.5 6Z")
        var coarse = PathData(decimals: 1)
        coarse.move(0.04, 1.25)
        #expect(coarse.text == "M0 1.3")
    }
}

@Suite("ChartEscaping")
struct ChartEscapingTests {
    @Test func theFiveXMLCharactersBecomeEntities() {
        #expect(XML.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;")
    }

    @Test func controlCharactersAreDroppedAndUnicodeKept() {
        #expect(XML.escape("a\u{0}b\u{1}c\u{1B}d\te\nf") == "abcd\te\nf")
        #expect(XML.escape("σ² ≤ 1 — 日本") == "σ² ≤ 1 — 日本")
    }

    @Test func userTextIsEscapedEverywhereInAChart() throws {
        let hostile = #"<script>alert("x")</script> & 'quotes'"#
        let svg = try LineChart(title: hostile, xLabel: hostile, yLabel: hostile,
                                series: [.init(name: hostile, y: [1, 2]), .init(name: "b", y: [2, 1])],
                                description: hostile).render()
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("\"x\")"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
    }

    @Test func attributesAreEscaped() {
        var writer = SVGWriter()
        writer.element("rect", ["class": "a\"b<c", "width": 1.5, "height": 2, "skipped": String?.none])
        #expect(writer.output == "<rect class=\"a&quot;b&lt;c\" width=\"1.5\" height=\"2\"/>\n")
    }
}
