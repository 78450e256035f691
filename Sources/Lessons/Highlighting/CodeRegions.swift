/// A named stretch of a Swift file, marked by a `// region: NAME` line before it and a
/// `// endregion` line after it.
public struct CodeRegion: Equatable, Sendable {
    public var name: String
    /// The lines between the markers, without the markers of regions nested inside, with their
    /// common leading indentation removed, whitespace-only lines emptied and trailing blank
    /// lines dropped; joined by `\n`, with no final line break.
    public var text: String
    /// The 1-based line in the file of the region's first line (the one after its marker).
    public var startLine: Int

    public init(name: String, text: String, startLine: Int) {
        self.name = name
        self.text = text
        self.startLine = startLine
    }
}

public enum CodeRegionError: Error, Equatable, CustomStringConvertible {
    /// A `// region:` whose `// endregion` never comes.
    case unterminatedRegion(name: String, line: Int)
    /// A `// endregion` with no open region.
    case endWithoutRegion(line: Int)
    /// A second region with the name of an earlier one.
    case duplicateName(name: String, line: Int, firstLine: Int)
    /// A region name that is not made of `a`–`z`, `0`–`9` and `-`.
    case badName(name: String, line: Int)

    public var description: String {
        switch self {
        case .unterminatedRegion(let name, let line):
            "line \(line): region '\(name)' has no '// endregion'"
        case .endWithoutRegion(let line):
            "line \(line): '// endregion' without an open region"
        case .duplicateName(let name, let line, let firstLine):
            "line \(line): region '\(name)' is already declared on line \(firstLine)"
        case .badName(let name, let line):
            "line \(line): region name '\(name)' must be lowercase letters, digits and hyphens"
        }
    }
}

public enum CodeRegions {
    static let startMarker = "// region:"
    static let endMarker = "// endregion"

    /// Every region of `source`, by name. Regions may nest; an inner region's marker lines are
    /// left out of the outer region's text.
    public static func extract(from source: String) throws(CodeRegionError) -> [String: CodeRegion] {
        struct Open {
            var name: String
            var markerLine: Int
            var lines: [(number: Int, text: Substring)] = []
        }
        var regions: [String: CodeRegion] = [:]
        var firstLines: [String: Int] = [:]
        var open: [Open] = []
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let marker = line.drop(while: { $0 == " " || $0 == "\t" })
            let trimmed = marker.trimmingTrailingWhitespace()
            if trimmed.hasPrefix(startMarker) {
                let name = String(trimmed.dropFirst(startMarker.count).drop(while: { $0 == " " || $0 == "\t" }))
                guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameCharacter) else {
                    throw .badName(name: name, line: number)
                }
                if let first = firstLines[name] {
                    throw .duplicateName(name: name, line: number, firstLine: first)
                }
                firstLines[name] = number
                open.append(Open(name: name, markerLine: number))
            } else if trimmed == endMarker {
                guard let region = open.popLast() else { throw .endWithoutRegion(line: number) }
                regions[region.name] = CodeRegion(
                    name: region.name,
                    text: dedent(region.lines.map(\.text)),
                    startLine: region.lines.first?.number ?? region.markerLine + 1
                )
            } else {
                for k in open.indices { open[k].lines.append((number, line)) }
            }
        }
        if let unterminated = open.last {
            throw .unterminatedRegion(name: unterminated.name, line: unterminated.markerLine)
        }
        return regions
    }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-"
    }

    /// The lines without their longest common leading whitespace (of the lines that are not
    /// blank), blank lines emptied and trailing blank lines dropped.
    static func dedent(_ lines: [Substring]) -> String {
        var lines = lines.map { $0.allSatisfy(\.isWhitespace) ? Substring() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var common: Substring?
        for line in lines where !line.isEmpty {
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
            guard let current = common else { common = indent; continue }
            common = Substring(zip(current, indent).prefix(while: { $0 == $1 }).map(\.0))
        }
        let width = common?.count ?? 0
        return lines.map { $0.dropFirst($0.isEmpty ? 0 : width) }.joined(separator: "\n")
    }
}

extension Substring {
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}
