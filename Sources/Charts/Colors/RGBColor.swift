/// An sRGB colour with 8-bit channels.
public struct RGBColor: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit value: `RGBColor(0x0072B2)`.
    public init(_ hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb` in lower case.
    public var hex: String {
        let value = (UInt32(red) << 16) | (UInt32(green) << 8) | UInt32(blue)
        let digits = String(value, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public var description: String { hex }

    /// Relative luminance as WCAG defines it (0 for black, 1 for white).
    public var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Whether dark text reads better than white text on this colour: the choice with the
    /// higher WCAG contrast ratio.
    public var prefersDarkText: Bool {
        let l = relativeLuminance
        let contrastWithBlack = (l + 0.05) / 0.05
        let contrastWithWhite = 1.05 / (l + 0.05)
        return contrastWithBlack >= contrastWithWhite
    }

    /// The colour a fraction `t` (0…1) of the way from `self` to `other`, channel by channel.
    public func mixed(with other: RGBColor, fraction t: Double) -> RGBColor {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            let value = Double(a) + (Double(b) - Double(a)) * t
            return UInt8(min(max(value.rounded(.toNearestOrAwayFromZero), 0), 255))
        }
        return RGBColor(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }
}
