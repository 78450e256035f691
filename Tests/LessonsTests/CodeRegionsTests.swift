import Testing
@testable import Lessons

@Suite("CodeRegions")
struct CodeRegionsTests {
    @Test func extractsARegionWithoutItsMarkersAndIndentation() throws {
        let source = """
            import Tensors

            public enum BroadcastingLesson {
                public static func run() {
                    // region: broadcasting
                    let a = Tensor([1, 2, 3])
                    if a.count > 1 {
                        print(a)
                    }

                    // endregion
                }
            }
            """
        let regions = try CodeRegions.extract(from: source)
        #expect(regions.count == 1)
        let region = try #require(regions["broadcasting"])
        #expect(region.name == "broadcasting")
        #expect(region.startLine == 6)
        #expect(region.text == "let a = Tensor([1, 2, 3])\nif a.count > 1 {\n    print(a)\n}")
    }

    @Test func markersMayBeIndentedWithTabsAndCarryTrailingSpaces() throws {
        let source = "\t// region: tabbed-1  \n\t\tx()\n\t\ty()\n  // endregion \n"
        let region = try #require(try CodeRegions.extract(from: source)["tabbed-1"])
        #expect(region.text == "x()\ny()")
        #expect(region.startLine == 2)
    }

    @Test func blankLinesInsideAreKeptAndEmptiedTrailingOnesDropped() throws {
        let source = "// region: a\n    one()\n      \n\n    two()\n   \n\n// endregion"
        #expect(try CodeRegions.extract(from: source)["a"]?.text == "one()\n\n\ntwo()")
    }

    @Test func indentationIsTheLongestCommonPrefix() throws {
        let source = "// region: a\n        deep()\n    shallow()\n// endregion\n// region: b\n    same()\n// endregion"
        let regions = try CodeRegions.extract(from: source)
        #expect(regions["a"]?.text == "    deep()\nshallow()")
        #expect(regions["b"]?.text == "same()")
    }

    @Test func nestedRegionsLeaveTheirMarkersOutOfTheOuterText() throws {
        let source = """
            // region: outer
            // region: inner
            let a = 1
            // endregion
            let b = 2
                // region: deep
                let c = 3
                // endregion
            // endregion
            """
        let regions = try CodeRegions.extract(from: source)
        #expect(regions.keys.sorted() == ["deep", "inner", "outer"])
        #expect(regions["outer"] == CodeRegion(name: "outer", text: "let a = 1\nlet b = 2\n    let c = 3", startLine: 3))
        #expect(regions["inner"] == CodeRegion(name: "inner", text: "let a = 1", startLine: 3))
        #expect(regions["deep"] == CodeRegion(name: "deep", text: "let c = 3", startLine: 7))
    }

    @Test func emptyRegionStartsAfterItsMarker() throws {
        let regions = try CodeRegions.extract(from: "x\n// region: empty\n\n// endregion\n")
        #expect(regions["empty"] == CodeRegion(name: "empty", text: "", startLine: 3))
    }

    @Test func sourceWithoutRegionsGivesNone() throws {
        #expect(try CodeRegions.extract(from: "").isEmpty)
        #expect(try CodeRegions.extract(from: "// regions are not markers\n// region is not one either\nlet x = 1").isEmpty)
    }

    @Test func windowsLineEndingsAreLineBreaks() throws {
        let region = try #require(try CodeRegions.extract(from: "a\r\n  // region: crlf\r\n  x\r\n  y\r\n  // endregion\r\n")["crlf"])
        #expect(region.text == "x\ny")
        #expect(region.startLine == 3)
    }

    @Test func unterminatedRegionNamesItsMarkerLine() {
        #expect(throws: CodeRegionError.unterminatedRegion(name: "open", line: 2)) {
            try CodeRegions.extract(from: "x\n// region: open\ny\n")
        }
        // An inner region left open: the outer one's end closes it, and the outer one is reported.
        #expect(throws: CodeRegionError.unterminatedRegion(name: "outer", line: 1)) {
            try CodeRegions.extract(from: "// region: outer\n// region: inner\ny\n// endregion\n")
        }
    }

    @Test func endregionWithoutRegionNamesItsLine() {
        #expect(throws: CodeRegionError.endWithoutRegion(line: 4)) {
            try CodeRegions.extract(from: "// region: a\n// endregion\nx\n    // endregion\n")
        }
    }

    @Test func duplicateNamesNameBothLines() {
        #expect(throws: CodeRegionError.duplicateName(name: "a", line: 4, firstLine: 1)) {
            try CodeRegions.extract(from: "// region: a\n// endregion\n\n// region: a\n// endregion\n")
        }
        // Also when the first is still open.
        #expect(throws: CodeRegionError.duplicateName(name: "a", line: 2, firstLine: 1)) {
            try CodeRegions.extract(from: "// region: a\n// region: a\n// endregion\n// endregion\n")
        }
    }

    @Test(arguments: ["Broadcasting", "two words", "under_score", "", "ünïcode", "dot.name"])
    func badNamesAreRejected(name: String) {
        #expect(throws: CodeRegionError.badName(name: name, line: 2)) {
            try CodeRegions.extract(from: "x\n  // region: \(name)\ny\n// endregion\n")
        }
    }

    @Test func errorDescriptionsNameTheLine() {
        let errors: [CodeRegionError] = [
            .unterminatedRegion(name: "a", line: 3), .endWithoutRegion(line: 3),
            .duplicateName(name: "a", line: 3, firstLine: 1), .badName(name: "A", line: 3),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("line 3: "), "\(error.description)")
        }
        #expect(CodeRegionError.duplicateName(name: "a", line: 3, firstLine: 1).description.contains("line 1"))
    }
}
