/// Arrows as path data: a shaft and a filled triangular head, in one subpath each so that many
/// arrows can share a single `<path>`.
enum Arrow {
    /// Adds an arrow from (x0, y0) to (x1, y1). The head is `headLength` long (capped at half
    /// the arrow) and about two thirds as wide.
    static func add(from x0: Double, _ y0: Double, to x1: Double, _ y1: Double, headLength: Double,
                    shaft: inout PathData, head: inout PathData) {
        let dx = x1 - x0
        let dy = y1 - y0
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.01 else { return }
        let ux = dx / length
        let uy = dy / length
        let h = min(headLength, length * 0.5)
        let w = h * 0.6
        let baseX = x1 - ux * h
        let baseY = y1 - uy * h
        shaft.move(x0, y0)
        shaft.line(baseX, baseY)
        head.polygon([(x1, y1), (baseX - uy * w, baseY + ux * w), (baseX + uy * w, baseY - ux * w)])
    }
}
