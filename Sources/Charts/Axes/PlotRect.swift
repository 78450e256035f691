/// A rectangle in SVG user units (y grows downwards).
struct PlotRect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// Whether the point lies inside, with `tolerance` to spare on each side.
    func contains(_ px: Double, _ py: Double, tolerance: Double = 0.5) -> Bool {
        px >= x - tolerance && px <= maxX + tolerance && py >= y - tolerance && py <= maxY + tolerance
    }
}
