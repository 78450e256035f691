/// Small images in a grid, each with an optional caption: digits, convolution filters,
/// feature maps, reconstructions. Pixels are drawn sharp (no smoothing between them).
///
/// Non-finite pixels are transparent.
public struct ImageGrid: Chart {
    /// How pixel values map to the ends of the colour map.
    public enum Scaling: Sendable, Equatable {
        /// One range over all images, so their brightness compares.
        case shared
        /// Each image stretched over its own range (for filters and feature maps of different
        /// magnitudes).
        case perImage
        /// A fixed range, such as 0…255 or 0…1.
        case fixed(ClosedRange<Double>)
    }

    public var title: String
    /// Each image row-major, `width × height` values.
    public var images: [[Double]]
    public var width: Int
    public var height: Int
    /// One caption per image, or empty for none.
    public var labels: [String]
    /// Images per row; nil picks the count that makes the images largest.
    public var columns: Int?
    public var colorMap: ColorMap
    public var scaling: Scaling
    /// Shows a colour bar; nil shows one for diverging maps with a shared or fixed range.
    public var showsColorBar: Bool?
    public var description: String?

    public init(title: String, images: [[Double]], width: Int, height: Int, labels: [String] = [],
                columns: Int? = nil, colorMap: ColorMap = .ink, scaling: Scaling = .shared,
                showsColorBar: Bool? = nil, description: String? = nil) {
        self.title = title
        self.images = images
        self.width = width
        self.height = height
        self.labels = labels
        self.columns = columns
        self.colorMap = colorMap
        self.scaling = scaling
        self.showsColorBar = showsColorBar
        self.description = description
    }

    /// - Throws: ``ChartError`` when the image size is not positive, an image has another
    ///   number of pixels, labels do not match the images, `columns` is below 1, or a fixed range
    ///   is not finite and increasing.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        guard width >= 1, height >= 1, width <= 4096, height <= 4096 else {
            throw .invalidParameter(name: "image size", value: "\(width) × \(height)", expected: "1…4096 pixels a side")
        }
        for (index, image) in images.enumerated() {
            try Validate.sameLength("images[\(index)] (width × height pixels)", expected: width * height, got: image.count)
        }
        if !labels.isEmpty { try Validate.sameLength("labels (one per image)", expected: images.count, got: labels.count) }
        if let columns, columns < 1 {
            throw .invalidParameter(name: "columns", value: String(columns), expected: "at least 1")
        }
        if case .fixed(let range) = scaling { try LineChart.validate(range, kind: .linear, name: "scaling range") }
        let shared: ClosedRange<Double>? = switch scaling {
        case .fixed(let range): range
        case .shared: Heatmap.colorDomain(images.joined(), map: colorMap)
        case .perImage: nil
        }
        let colorBar = (showsColorBar ?? (colorMap.isDiverging && scaling != .perImage)) ? shared : nil
        let summary = Describe.sentences(description, [
            "Grid of " + Describe.plural(images.count, "image") + " of \(width) by \(height) pixels",
            labels.isEmpty ? "" : "Captions: " + Describe.list(labels, limit: 12),
            shared.map { "Pixel values " + Describe.range($0) } ?? "Each image scaled to its own range",
        ])

        return try ChartDocument.render(title: title, description: summary, theme: theme, size: size) { canvas in
            guard !images.isEmpty else {
                canvas.drawEmptyChart(title: title)
                return
            }
            canvas.drawTitle(title)
            let top = Canvas.titleHeight(title) + 4
            let reserve = colorBar.map { ColorBar.reservedWidth(domain: $0, label: "") } ?? 0
            let area = PlotRect(x: 12, y: top, width: canvas.width - 24 - reserve, height: canvas.height - top - 10)
            let captionHeight = labels.isEmpty ? 0.0 : 16.0
            let gap = 6.0
            let aspect = Double(width) / Double(height)

            // The tile size for `c` columns: the largest image that fits both ways.
            func tileWidth(_ c: Int) -> Double {
                let rows = (images.count + c - 1) / c
                let byWidth = (area.width - gap * Double(c - 1)) / Double(c)
                let byHeight = ((area.height - gap * Double(rows - 1)) / Double(rows) - captionHeight) * aspect
                return min(byWidth, byHeight)
            }
            let count = columns ?? (1...images.count).max { tileWidth($0) < tileWidth($1) }!
            let tile = max(tileWidth(count), 1)
            let tileHeight = tile / aspect
            let rows = (images.count + count - 1) / count
            let blockWidth = Double(count) * tile + Double(count - 1) * gap
            let blockHeight = Double(rows) * (tileHeight + captionHeight) + Double(rows - 1) * gap
            let left = area.x + (area.width - blockWidth) / 2
            let blockTop = area.y + max(0, (area.height - blockHeight) / 2)

            for (index, image) in images.enumerated() {
                let x = left + Double(index % count) * (tile + gap)
                let y = blockTop + Double(index / count) * (tileHeight + captionHeight + gap)
                let range = shared ?? Heatmap.colorDomain(image, map: colorMap) ?? 0...1
                let span = range.upperBound - range.lowerBound
                let pixels: [RGBColor?] = image.map { value in
                    value.isFinite ? colorMap.color(at: span > 0 ? (value - range.lowerBound) / span : 0.5) : nil
                }
                canvas.body.element("image", [
                    "x": x, "y": y, "width": tile, "height": tileHeight, "preserveAspectRatio": "none",
                    "style": "image-rendering:pixelated",
                    "href": RawAttribute(text: PNGEncoder.dataURL(width: width, height: height, pixels: pixels)),
                ])
                canvas.body.element("rect", ["x": x, "y": y, "width": tile, "height": tileHeight, "class": "frame"])
                if index < labels.count {
                    let caption = TextMetrics.truncate(labels[index], toWidth: tile + gap, fontSize: 11)
                    canvas.body.text(caption, ["x": x + tile / 2, "y": y + tileHeight + 12, "text-anchor": "middle", "class": "tick-label"])
                }
            }
            if let colorBar {
                let bar = PlotRect(x: left, y: blockTop, width: blockWidth, height: blockHeight)
                ColorBar.draw(map: colorMap, domain: colorBar, label: "", beside: bar, canvas: &canvas)
            }
        }
    }
}
