/// How an environment lays out its table.
struct EnvironmentLayout {
    enum Columns: Equatable {
        /// Every column centred (matrices, `gather`).
        case centered
        /// Right/left pairs meeting at the `&` (`align`, `aligned`).
        case alignedPairs
        /// Every column flush left (`cases`).
        case left
        /// From the column spec argument (`array`).
        case spec
    }

    var columns: Columns
    var open: String? = nil
    var close: String? = nil
    /// Alignments are display material in TeX; matrix and `cases` cells are text style.
    var displayStyle = false
    var takesColumnSpec = false
    var takesColumnCount = false
    /// Accepts a vertical position like `[t]`, which has no meaning in a single formula.
    var takesPosition = false
    var scriptLevel: String? = nil

    static func lines(display: Bool) -> EnvironmentLayout { EnvironmentLayout(columns: .centered, displayStyle: display) }

    static let known: [String: EnvironmentLayout] = {
        var table: [String: EnvironmentLayout] = [
            "matrix": .init(columns: .centered),
            "pmatrix": .init(columns: .centered, open: "(", close: ")"),
            "bmatrix": .init(columns: .centered, open: "[", close: "]"),
            "Bmatrix": .init(columns: .centered, open: "{", close: "}"),
            "vmatrix": .init(columns: .centered, open: "|", close: "|"),
            "Vmatrix": .init(columns: .centered, open: "‖", close: "‖"),
            "smallmatrix": .init(columns: .centered, scriptLevel: "1"),
            "cases": .init(columns: .left, open: "{"),
            "dcases": .init(columns: .left, open: "{", displayStyle: true),
            "rcases": .init(columns: .left, close: "}"),
            "aligned": .init(columns: .alignedPairs, displayStyle: true, takesPosition: true),
            "alignedat": .init(columns: .alignedPairs, displayStyle: true, takesColumnCount: true, takesPosition: true),
            "gathered": .init(columns: .centered, displayStyle: true, takesPosition: true),
            "array": .init(columns: .spec, takesColumnSpec: true, takesPosition: true),
        ]
        for name in ["align", "align*", "split", "flalign", "flalign*"] {
            table[name] = .init(columns: .alignedPairs, displayStyle: true)
        }
        for name in ["alignat", "alignat*"] {
            table[name] = .init(columns: .alignedPairs, displayStyle: true, takesColumnCount: true)
        }
        for name in ["gather", "gather*", "equation", "equation*", "multline", "multline*"] {
            table[name] = .init(columns: .centered, displayStyle: true)
        }
        return table
    }()
}

/// One table column's alignment, as the `columnalign` keyword and as the CSS that Chromium
/// actually applies to `<mtd>` (it does not implement `columnalign`).
struct ColumnStyle: Equatable {
    var align: String
    var css: [String]

    /// Chromium lays out `<mtd>` content as math, where only the `-webkit-` keywords of
    /// `text-align` take effect; plain `right` is kept first for other engines.
    static func textAlign(_ align: String) -> [String] {
        align == "center" ? ["text-align:center"] : ["text-align:\(align)", "text-align:-webkit-\(align)"]
    }
}

/// `\begin{…} … \end{…}`: matrices, cases and alignments as `<mtable>`.
extension LaTeXParser {
    /// An unknown environment still has its body laid out as a table, after an error box
    /// naming it, so the content stays visible.
    func parseEnvironment() -> Atom {
        guard let name = readEnvironmentName(), !name.isEmpty else {
            warn("\\begin without an environment name")
            return .ord(.error("\\begin"))
        }
        let known = EnvironmentLayout.known[name]
        if known == nil { warn("unknown environment \(name)") }
        let layout = known ?? EnvironmentLayout(columns: .centered)
        if layout.takesPosition, nextToken() == .character("[") {
            while let token = advance(), token.token != .character("]") {}
        }
        let spec = layout.takesColumnSpec ? parseColumnSpec(readBracedRaw(for: "\\begin{\(name)}")) : []
        if layout.takesColumnCount { _ = readBracedRaw(for: "\\begin{\(name)}") }

        let rows = parseRows(of: name, layout: layout)
        var nodes: [MathNode] = known == nil ? [.error("\\begin{\(name)}")] : []
        if let open = layout.open { nodes.append(fence(open, form: "prefix")) }
        nodes.append(makeTable(rows, columns: spec, layout: layout))
        if let close = layout.close { nodes.append(fence(close, form: "postfix")) }
        return Atom(node: .row(nodes), kind: .inner)
    }

    private func parseRows(of name: String, layout: EnvironmentLayout) -> [[[MathNode]]] {
        var rows: [[[MathNode]]] = [], row: [[MathNode]] = []
        openEnvironments += 1
        defer { openEnvironments -= 1 }
        while true {
            let rightOfPair = layout.columns == .alignedPairs && row.count % 2 == 1
            let (cell, end) = withDisplay(layout.displayStyle) { parseList(.cell(startsAfterOrd: rightOfPair)) }
            row.append(cell)
            if end == .alignment {
                advance()
                continue
            }
            if end == .rowBreak {
                advance()
                skipRowOptions()
                rows.append(row)
                row = []
                continue
            }
            if end == .end {
                advance()
                let endName = readEnvironmentName() ?? ""
                if endName != name { warn("\\begin{\(name)} ended by \\end{\(endName)}") }
            } else {
                warn("missing \\end{\(name)}")
            }
            break
        }
        rows.append(row)
        // A `\\` before `\end` leaves an empty last row that TeX does not show.
        if rows.count > 1, let last = rows.last, last.count == 1, last[0].isEmpty { rows.removeLast() }
        return rows
    }

    func makeTable(_ rows: [[[MathNode]]], columns spec: [ColumnStyle], layout: EnvironmentLayout) -> MathNode {
        let columnCount = max(rows.map(\.count).max() ?? 1, 1)
        let styles = (0..<columnCount).map { columnStyle($0, layout: layout, spec: spec) }
        let tableRows = rows.map { row in
            MathNode.element("mtr", (0..<columnCount).map { column in
                let cell = column < row.count ? row[column] : []
                let css = styles[column].css
                return MathNode.element("mtd", cell, css.isEmpty ? [] : [("style", css.joined(separator: ";"))])
            })
        }
        var attributes: [(String, String)] = []
        if layout.displayStyle { attributes.append(("displaystyle", "true")) }
        if styles.contains(where: { $0.align != "center" }) {
            attributes.append(("columnalign", styles.map(\.align).joined(separator: " ")))
        }
        if let level = layout.scriptLevel { attributes.append(("scriptlevel", level)) }
        return .element("mtable", tableRows, attributes)
    }

    private func columnStyle(_ column: Int, layout: EnvironmentLayout, spec: [ColumnStyle]) -> ColumnStyle {
        switch layout.columns {
        case .centered:
            return ColumnStyle(align: "center", css: [])
        case .left:
            return ColumnStyle(align: "left", css: ColumnStyle.textAlign("left") + (column > 0 ? ["padding-left:1em"] : []))
        case .alignedPairs:
            // The pair meets without padding so `x &= y` reads as one line; pairs are 1em apart.
            if column % 2 == 1 { return ColumnStyle(align: "left", css: ColumnStyle.textAlign("left") + ["padding-left:0"]) }
            return ColumnStyle(align: "right", css: ColumnStyle.textAlign("right") + ["padding-right:0"] + (column > 0 ? ["padding-left:1em"] : []))
        case .spec:
            return column < spec.count ? spec[column] : ColumnStyle(align: "center", css: [])
        }
    }

    /// `array`'s column spec: `l c r` (and `p{…}` as left), with `|` drawn as cell borders.
    private func parseColumnSpec(_ spec: String) -> [ColumnStyle] {
        var columns: [ColumnStyle] = []
        var ruleBefore = false
        var characters = Array(spec)[...]
        while let character = characters.popFirst() {
            switch character {
            case "l", "c", "r", "p", "m", "b":
                if "pmb".contains(character) { skipBracedSpec(&characters) }
                let align = character == "r" ? "right" : character == "c" ? "center" : "left"
                var css = ColumnStyle.textAlign(align)
                if ruleBefore { css.append("border-left:0.06em solid") }
                ruleBefore = false
                columns.append(ColumnStyle(align: align, css: css))
            case "|":
                if columns.isEmpty { ruleBefore = true } else { columns[columns.count - 1].css.append("border-right:0.06em solid") }
            case "@", "!", ">", "<":
                skipBracedSpec(&characters)
            case _ where character.isWhitespace:
                continue
            default:
                warn("unsupported column specifier \(character) in array")
            }
        }
        return columns
    }

    private func skipBracedSpec(_ characters: inout ArraySlice<Character>) {
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        guard characters.first == "{" else { return }
        var level = 0
        while let character = characters.popFirst() {
            if character == "{" { level += 1 }
            if character == "}" { level -= 1; if level == 0 { return } }
        }
    }
}
