/// A continuous colour map: evenly spaced anchor colours with linear interpolation between them.
///
/// The anchors are published values sampled densely enough that interpolating in sRGB between
/// neighbours stays within a few units of the original map; SVG gradients interpolate in sRGB
/// too, so a colour bar drawn with these anchors as stops matches the cells exactly.
public struct ColorMap: Sendable, Equatable {
    /// The anchor colours, evenly spaced from 0 to 1.
    public let anchors: [RGBColor]
    /// Whether the map is meant for signed data centred on zero (charts then make the value
    /// range symmetric).
    public let isDiverging: Bool

    public init(anchors: [RGBColor], isDiverging: Bool = false) {
        precondition(anchors.count >= 2, "a colour map needs at least two anchors")
        self.anchors = anchors
        self.isDiverging = isDiverging
    }

    /// The colour at `t`, clamped to 0…1. NaN gives the first anchor (callers mark missing
    /// values themselves).
    public func color(at t: Double) -> RGBColor {
        guard t.isFinite else { return anchors[0] }
        let clamped = min(max(t, 0), 1)
        let position = clamped * Double(anchors.count - 1)
        let index = min(Int(position), anchors.count - 2)
        return anchors[index].mixed(with: anchors[index + 1], fraction: position - Double(index))
    }

    /// The same map run the other way.
    public var reversed: ColorMap { ColorMap(anchors: anchors.reversed(), isDiverging: isDiverging) }

    /// Viridis (van der Walt and Smith, matplotlib 2015): perceptually uniform, readable in grey
    /// scale and with colour-vision deficiency. Nine samples from dark purple to yellow.
    public static let viridis = ColorMap(anchors: [
        RGBColor(0x440154), RGBColor(0x472D7B), RGBColor(0x3B528B), RGBColor(0x2C728E), RGBColor(0x21908C),
        RGBColor(0x27AD81), RGBColor(0x5DC863), RGBColor(0xAADC32), RGBColor(0xFDE725),
    ])

    /// A blue–white–red diverging map for signed values: ColorBrewer's RdBu (Brewer, 2002;
    /// colour-blind safe), run from blue for negative to red for positive.
    public static let blueRed = ColorMap(anchors: [
        RGBColor(0x053061), RGBColor(0x2166AC), RGBColor(0x4393C3), RGBColor(0x92C5DE), RGBColor(0xD1E5F0),
        RGBColor(0xF7F7F7), RGBColor(0xFDDBC7), RGBColor(0xF4A582), RGBColor(0xD6604D), RGBColor(0xB2182B),
        RGBColor(0x67001F),
    ], isDiverging: true)

    /// Black to white.
    public static let grayscale = ColorMap(anchors: [RGBColor(0x000000), RGBColor(0xFFFFFF)])

    /// White to black, the usual way to show handwritten digits (dark ink on paper).
    public static let ink = ColorMap(anchors: [RGBColor(0xFFFFFF), RGBColor(0x000000)])
}
