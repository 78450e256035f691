/// The math fonts of `\mathbf`, `\mathbb` and friends.
///
/// MathML Core dropped `mathvariant` except for `normal`, so styled letters are written as
/// the Unicode Mathematical Alphanumeric Symbols instead (𝐱, ℝ, 𝓛): that is what Chromium
/// renders with the math font, and it survives copy and paste.
enum MathFont: Sendable, Equatable {
    case upright, bold, italic, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace
}

enum MathAlphabet {
    /// The styled form of `character`, or nil when the font has none (e.g. Greek in
    /// blackboard bold) and the plain character should be used. `upright` never maps: it is
    /// expressed with `mathvariant="normal"` instead.
    static func styled(_ character: Character, in font: MathFont) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x61...0x7A:
            if let exception = latinExceptions[font]?[character] { return Character(Unicode.Scalar(exception)!) }
            guard let base = latinBase[font] else { return nil }
            let offset = value >= 0x61 ? 26 + value - 0x61 : value - 0x41
            return Unicode.Scalar(base + offset).map(Character.init)
        case 0x30...0x39:
            guard let base = digitBase[font] else { return nil }
            return Unicode.Scalar(base + value - 0x30).map(Character.init)
        default:
            guard let offset = greekOffset(value) else { return nil }
            // Capital Greek is upright in TeX, so bold italic makes it bold, not slanted.
            let greekFont = (font == .boldItalic && offset <= 0x19) ? .bold : font
            guard let base = greekBase[greekFont] else { return nil }
            return Unicode.Scalar(base + offset).map(Character.init)
        }
    }

    private static let latinBase: [MathFont: UInt32] = [
        .bold: 0x1D400, .italic: 0x1D434, .boldItalic: 0x1D468, .script: 0x1D49C,
        .fraktur: 0x1D504, .doubleStruck: 0x1D538, .sansSerif: 0x1D5A0, .monospace: 0x1D670,
    ]

    private static let digitBase: [MathFont: UInt32] = [
        .bold: 0x1D7CE, .boldItalic: 0x1D7CE, .doubleStruck: 0x1D7D8, .sansSerif: 0x1D7E2, .monospace: 0x1D7F6,
    ]

    private static let greekBase: [MathFont: UInt32] = [.bold: 0x1D6A8, .italic: 0x1D6E2, .boldItalic: 0x1D71C]

    /// Letters that were in Unicode (Letterlike Symbols) before the math alphabets, whose slots
    /// in the math block are left empty.
    private static let latinExceptions: [MathFont: [Character: UInt32]] = [
        .italic: ["h": 0x210E],
        .script: [
            "B": 0x212C, "E": 0x2130, "F": 0x2131, "H": 0x210B, "I": 0x2110, "L": 0x2112,
            "M": 0x2133, "R": 0x211B, "e": 0x212F, "g": 0x210A, "o": 0x2134,
        ],
        .fraktur: ["C": 0x212D, "H": 0x210C, "I": 0x2111, "R": 0x211C, "Z": 0x2128],
        .doubleStruck: ["C": 0x2102, "H": 0x210D, "N": 0x2115, "P": 0x2119, "Q": 0x211A, "R": 0x211D, "Z": 0x2124],
    ]

    /// Position within a math Greek block: Α…Ω (with ϴ in the gap at U+03A2), ∇, α…ω, then
    /// ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static func greekOffset(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x391...0x3A9: return value - 0x391
        case 0x3F4: return 0x11
        case 0x2207: return 0x19
        case 0x3B1...0x3C9: return 0x1A + value - 0x3B1
        case 0x2202: return 0x33
        case 0x3F5: return 0x34
        case 0x3D1: return 0x35
        case 0x3F0: return 0x36
        case 0x3D5: return 0x37
        case 0x3F1: return 0x38
        case 0x3D6: return 0x39
        default: return nil
        }
    }
}
