/// Point markers. Each category gets a shape as well as a colour (circle, square, triangle,
/// diamond, inverted triangle), so categories stay apart in grey-scale print and for readers
/// who cannot tell the colours apart.
enum Marker {
    static let shapeCount = 5

    static func draw(shapeIndex: Int, x: Double, y: Double, radius r: Double, classes: String,
                     opacity: Double? = nil, into svg: inout SVGWriter) {
        let opacityText = opacity.map { NumberFormat.fixed($0, decimals: 3) }
        switch shapeIndex % shapeCount {
        case 0:
            svg.element("circle", ["cx": x, "cy": y, "r": r, "class": classes, "fill-opacity": opacityText])
        case 1:
            // Squares and triangles are scaled to cover about the same area as the circle.
            let half = r * 0.89
            svg.element("rect", ["x": x - half, "y": y - half, "width": 2 * half, "height": 2 * half,
                                 "class": classes, "fill-opacity": opacityText])
        case 2:
            var path = PathData()
            let s = r * 1.35
            path.polygon([(x, y - s), (x + s * 0.866, y + s * 0.5), (x - s * 0.866, y + s * 0.5)])
            svg.element("path", ["d": path.text, "class": classes, "fill-opacity": opacityText])
        case 3:
            var path = PathData()
            let s = r * 1.25
            path.polygon([(x, y - s), (x + s, y), (x, y + s), (x - s, y)])
            svg.element("path", ["d": path.text, "class": classes, "fill-opacity": opacityText])
        default:
            var path = PathData()
            let s = r * 1.35
            path.polygon([(x, y + s), (x + s * 0.866, y - s * 0.5), (x - s * 0.866, y - s * 0.5)])
            svg.element("path", ["d": path.text, "class": classes, "fill-opacity": opacityText])
        }
    }
}
