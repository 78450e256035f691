extension DataFrame: CustomStringConvertible {
    /// The table as aligned text, pandas-style: a header, a row index, numbers right-aligned and
    /// texts left-aligned, `NA` for missing cells. Long tables show their first and last five
    /// rows around a `…` line; a footer gives the size.
    ///
    /// ```
    ///    city   rain
    /// 0  Oslo    7.2
    /// 1  Rome     NA
    /// [2 rows × 2 columns]
    /// ```
    public var description: String { formatted(maxRows: 10) }

    /// The table as text showing at most `maxRows` rows (half from each end when it has more)
    /// and at most `maxWidth` characters per cell.
    public func formatted(maxRows: Int = 10, maxWidth: Int = 20) -> String {
        let shown: [Int?]
        if rowCount <= maxRows {
            shown = Array(0..<rowCount)
        } else {
            let half = Swift.max(maxRows / 2, 1)
            shown = Array(0..<half) + [nil] + Array((rowCount - half)..<rowCount)
        }
        func clip(_ s: String) -> String {
            let flat = s.replacingNewlines()
            return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
        }
        let indexCells = shown.map { $0.map(String.init) ?? "…" }
        let indexWidth = Swift.max(indexCells.map(\.count).max() ?? 0, 0)
        var lines = [String](repeating: "".padding(indexWidth), count: shown.count + 1)
        for (i, cell) in indexCells.enumerated() { lines[i + 1] = cell.padding(indexWidth) }
        for (name, column) in zip(columnNames, columns) {
            let cells = shown.map { r in r.map { clip(column[$0].description) } ?? "…" }
            let header = clip(name)
            let width = Swift.max(header.count, cells.map(\.count).max() ?? 0)
            let rightAligned = column.kind == .numeric
            lines[0] += "  " + (rightAligned ? header.padding(width, left: true) : header.padding(width))
            for (i, cell) in cells.enumerated() {
                lines[i + 1] += "  " + (rightAligned ? cell.padding(width, left: true) : cell.padding(width))
            }
        }
        let trimmed = lines.map { $0.trimmingTrailingSpaces() }
        let footer = "[\(rowCount) row\(rowCount == 1 ? "" : "s") × \(columnCount) column\(columnCount == 1 ? "" : "s")]"
        return (trimmed + [footer]).joined(separator: "\n")
    }
}

private extension String {
    /// Padded with spaces to `width` characters, on the left or the right.
    func padding(_ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(width - count, 0))
        return left ? fill + self : self + fill
    }

    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? "⏎" : $0 })
    }

    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
