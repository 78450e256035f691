/// Estimates of rendered text widths, used to size margins and legends and to keep tick labels
/// from overlapping. The estimates follow DejaVu Sans, one of the widest common sans-serif faces,
/// so that layouts computed here also fit narrower fonts.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += advance(scalar)
        }
        return ems * fontSize
    }

    /// `text` shortened with an ellipsis so that it fits in `maxWidth`.
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        var kept = ""
        let budget = maxWidth - width("…", fontSize: fontSize)
        for character in text {
            let candidate = kept + String(character)
            if width(candidate, fontSize: fontSize) > budget { break }
            kept = candidate
        }
        return kept + "…"
    }

    private static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "0"..."9": return 0.64
        case "i", "j", "l", "'", "|", ".", ",", ":", ";", "!": return 0.3
        case "f", "t", "r", " ", "(", ")", "[", "]", "I", "-": return 0.4
        case "m", "w": return 0.9
        case "M", "W", "%", "@", "—": return 0.95
        case "a"..."z": return 0.6
        case "A"..."Z": return 0.72
        case "−", "+", "=", "×", "<", ">": return 0.84
        case "⁰"..."⁹", "¹", "²", "³": return 0.42
        default:
            return scalar.value >= 0x2E80 ? 1.0 : 0.66
        }
    }
}
