import Tensors

/// The kinds of shape drawn by ``Dataset/shapesWithBoxes(count:imageSize:maxShapes:noise:seed:)``
/// and ``Dataset/shapesWithMasks(count:imageSize:maxShapes:noise:seed:)``.
public enum ShapeKind: Int, CaseIterable, Sendable {
    /// A filled square.
    case square
    /// A filled disc.
    case circle
    /// A filled upright isosceles triangle.
    case triangle

    /// `"square"`, `"circle"`, `"triangle"`.
    public var name: String { ["square", "circle", "triangle"][rawValue] }
}

/// A box around one object, in pixels: `x` is the first column and `y` the first row it covers;
/// it spans `width` columns and `height` rows.
public struct BoundingBox: Sendable, Equatable {
    /// The first column covered.
    public var x: Int
    /// The first row covered.
    public var y: Int
    /// Columns covered.
    public var width: Int
    /// Rows covered.
    public var height: Int
    /// The object's class: a ``ShapeKind`` raw value.
    public var label: Int

    /// A box at column `x`, row `y`, `width` × `height` pixels, of class `label`.
    public init(x: Int, y: Int, width: Int, height: Int, label: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.label = label
    }

    /// `true` when pixel (`row`, `column`) lies inside the box.
    public func contains(row: Int, column: Int) -> Bool {
        row >= y && row < y + height && column >= x && column < x + width
    }

    /// Intersection over union with `other`, in [0, 1].
    public func iou(_ other: BoundingBox) -> Double {
        let w = Swift.max(0, Swift.min(x + width, other.x + other.width) - Swift.max(x, other.x))
        let h = Swift.max(0, Swift.min(y + height, other.y + other.height) - Swift.max(y, other.y))
        let intersection = Double(w * h)
        let union = Double(width * height + other.width * other.height) - intersection
        return union > 0 ? intersection / union : 0
    }
}

/// Grey images of simple shapes with a box and class per shape, for object detection.
public struct DetectionSet: Sendable {
    /// `float64` `[count, imageSize, imageSize]` in [0, 1]: dark background, bright shapes.
    public var images: Tensor
    /// The boxes of each image, one per shape.
    public var boxes: [[BoundingBox]]
    /// `["square", "circle", "triangle"]`, indexed by ``BoundingBox/label``.
    public var classNames: [String]
    /// The side of every image, in pixels.
    public var imageSize: Int
}

/// Grey images of simple shapes with a class per pixel, for segmentation.
public struct SegmentationSet: Sendable {
    /// `float64` `[count, imageSize, imageSize]` in [0, 1]: dark background, bright shapes.
    public var images: Tensor
    /// `int64` `[count, imageSize, imageSize]`: 0 for background, `1 + ShapeKind.rawValue` on a
    /// shape.
    public var masks: Tensor
    /// `["background", "square", "circle", "triangle"]`, indexed by mask value.
    public var classNames: [String]
    /// The side of every image, in pixels.
    public var imageSize: Int
}

extension Dataset {
    /// Images with one to `maxShapes` non-overlapping squares, circles and triangles (upright,
    /// isosceles), each with its tight bounding box. Shapes are 1/5 to 2/5 of the image wide,
    /// with brightness in [0.5, 1]; Gaussian noise of standard deviation `noise` is added and
    /// the result clipped to [0, 1].
    ///
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for an image smaller than
    ///   16 pixels or bad counts; ``DatasetError/limitExceeded(what:value:limit:)`` past
    ///   ``generatorElementLimit`` pixels.
    public static func shapesWithBoxes(count: Int = 100, imageSize: Int = 32, maxShapes: Int = 3, noise: Double = 0.05,
                                       seed: UInt64 = 0) throws(DatasetError) -> DetectionSet {
        let scenes = try renderScenes(count: count, imageSize: imageSize, maxShapes: maxShapes, noise: noise, seed: seed)
        return DetectionSet(images: scenes.images, boxes: scenes.boxes, classNames: ShapeKind.allCases.map(\.name),
                            imageSize: imageSize)
    }

    /// The scenes of ``shapesWithBoxes(count:imageSize:maxShapes:noise:seed:)`` with a class per
    /// pixel instead of boxes (the same seed draws the same scenes).
    public static func shapesWithMasks(count: Int = 100, imageSize: Int = 32, maxShapes: Int = 3, noise: Double = 0.05,
                                       seed: UInt64 = 0) throws(DatasetError) -> SegmentationSet {
        let scenes = try renderScenes(count: count, imageSize: imageSize, maxShapes: maxShapes, noise: noise, seed: seed)
        return SegmentationSet(images: scenes.images, masks: Tensor(scenes.masks, shape: [count, imageSize, imageSize]),
                               classNames: ["background"] + ShapeKind.allCases.map(\.name), imageSize: imageSize)
    }

    private static func renderScenes(count: Int, imageSize: Int, maxShapes: Int, noise: Double,
                                     seed: UInt64) throws(DatasetError) -> (images: Tensor, masks: [Int], boxes: [[BoundingBox]]) {
        try Check.count(count, "count")
        try Check.range(imageSize, "imageSize", 16...4096)
        try Check.range(maxShapes, "maxShapes", 1...16)
        try Check.nonNegative(noise, "noise")
        try Check.size(count, imageSize, imageSize)
        var g = RandomGenerator(seed: seed)
        let side = imageSize, area = side * side
        var pixels = [Double](repeating: 0, count: count * area)
        var masks = [Int](repeating: 0, count: count * area)
        var allBoxes: [[BoundingBox]] = []
        for image in 0..<count {
            let wanted = 1 + g.nextInt(below: maxShapes)
            var boxes: [BoundingBox] = [], cells: [BoundingBox] = []
            var attempts = 0
            while boxes.count < wanted && attempts < 100 {
                attempts += 1
                let size = side / 5 + g.nextInt(below: side / 5 + 1)
                let x = g.nextInt(below: side - size + 1), y = g.nextInt(below: side - size + 1)
                let kind = ShapeKind(rawValue: g.nextInt(below: 3))!
                let brightness = g.uniform(0.5...1)
                // One free pixel around every shape keeps them apart.
                let frame = BoundingBox(x: x - 1, y: y - 1, width: size + 2, height: size + 2, label: 0)
                if cells.contains(where: { frame.iou($0) > 0 }) { continue }
                cells.append(BoundingBox(x: x, y: y, width: size, height: size, label: kind.rawValue))
                var minRow = side, maxRow = -1, minColumn = side, maxColumn = -1
                for r in y..<(y + size) {
                    for c in x..<(x + size) where covers(kind, row: r - y, column: c - x, size: size) {
                        pixels[image * area + r * side + c] = brightness
                        masks[image * area + r * side + c] = 1 + kind.rawValue
                        minRow = Swift.min(minRow, r); maxRow = Swift.max(maxRow, r)
                        minColumn = Swift.min(minColumn, c); maxColumn = Swift.max(maxColumn, c)
                    }
                }
                boxes.append(BoundingBox(x: minColumn, y: minRow, width: maxColumn - minColumn + 1,
                                         height: maxRow - minRow + 1, label: kind.rawValue))
            }
            allBoxes.append(boxes)
        }
        if noise > 0 {
            for i in pixels.indices { pixels[i] = Swift.min(Swift.max(pixels[i] + g.normal(std: noise), 0), 1) }
        }
        return (Tensor(pixels, shape: [count, side, side]), masks, allBoxes)
    }

    /// Whether pixel (`row`, `column`) of a `size`×`size` cell belongs to the shape, testing the
    /// pixel's centre.
    private static func covers(_ kind: ShapeKind, row: Int, column: Int, size: Int) -> Bool {
        let s = Double(size)
        let cy = Double(row) + 0.5, cx = Double(column) + 0.5
        switch kind {
        case .square:
            return true
        case .circle:
            let r = s / 2
            return (cx - r) * (cx - r) + (cy - r) * (cy - r) <= r * r
        case .triangle:
            // Apex at the top centre, base along the bottom row; the half-width grows with depth.
            return Swift.abs(cx - s / 2) <= cy / 2 + 0.25
        }
    }
}
