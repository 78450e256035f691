/// Number formatting that does not depend on the locale or on the platform's `printf`: the same
/// value always gives the same characters, which keeps the SVG output byte-identical.
enum NumberFormat {
    /// Decimals used for coordinates in the SVG: a hundredth of a user unit is far below what a
    /// screen can show, and keeps the files small.
    static let coordinateDecimals = 2

    /// `value` rounded half away from zero to `decimals` places, with trailing zeros (and a
    /// trailing point) removed: 2.50 → "2.5", 3.0 → "3", -0.001 at two decimals → "0".
    /// Non-finite values give "NaN", "inf" or "-inf" (charts skip them before they get here).
    static func fixed(_ value: Double, decimals: Int, trimZeros: Bool = true, minus: String = "-") -> String {
        guard value.isFinite else { return plain(value) }
        let decimals = min(max(decimals, 0), 12)
        let scale = powerOfTen(decimals)
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer arithmetic below would no longer be exact.
        guard scaled < 9.0e15 else { return scientific(value, significantDigits: 6, minus: minus) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        var text = units == 0 ? "" : (value < 0 ? minus : "")
        text += String(units / divisor)
        if decimals > 0 {
            var fraction = String(units % divisor)
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            if trimZeros {
                while fraction.last == "0" { fraction.removeLast() }
            }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return text
    }

    /// A coordinate or length for an SVG attribute.
    static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: coordinateDecimals)
    }

    /// Any value, for messages: fixed-point with up to six decimals, or scientific when very
    /// large or very small.
    static func plain(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let magnitude = value.magnitude
        if magnitude != 0 && (magnitude >= 1e9 || magnitude < 1e-4) {
            return scientific(value, significantDigits: 6)
        }
        return fixed(value, decimals: 6)
    }

    /// `value` with about `significantDigits` significant digits, for labels such as heatmap
    /// cells: 0.012345 → "0.0123", 1234.5 → "1234" (at three digits), 12 → "12".
    static func significant(_ value: Double, digits: Int = 3, minus: String = "−") -> String {
        guard value.isFinite else { return plain(value) }
        if value == 0 { return "0" }
        let exponent = decimalExponent(value.magnitude)
        if exponent >= 6 || exponent <= -5 {
            return scientific(value, significantDigits: digits, minus: minus)
        }
        return fixed(value, decimals: max(0, digits - 1 - exponent), minus: minus)
    }

    /// Mantissa and exponent: 2.5e6, 1e-5. The mantissa keeps at most `significantDigits`.
    static func scientific(_ value: Double, significantDigits: Int, minus: String = "-") -> String {
        guard value.isFinite else { return plain(value) }
        if value == 0 { return "0" }
        var exponent = decimalExponent(value.magnitude)
        var mantissa = value.magnitude / powerOfTen(exponent)
        let decimals = max(significantDigits - 1, 0)
        // Rounding can carry the mantissa to 10 (9.9996 → 10.000); renormalise.
        if (mantissa * powerOfTen(decimals)).rounded(.toNearestOrAwayFromZero) >= 10 * powerOfTen(decimals) {
            exponent += 1
            mantissa /= 10
        }
        let sign = value < 0 ? minus : ""
        let exponentText = exponent < 0 ? minus + String(-exponent) : String(exponent)
        return sign + fixed(mantissa, decimals: decimals) + "e" + exponentText
    }

    /// floor(log10(x)) for finite x > 0 (0 otherwise), corrected so that exact powers of ten land on their exponent
    /// whatever the platform's `log10` returns in the last bit.
    static func decimalExponent(_ magnitude: Double) -> Int {
        guard magnitude > 0, magnitude.isFinite else { return 0 }
        var exponent = Int(Math.log10(magnitude).rounded(.down))
        if powerOfTen(exponent) > magnitude { exponent -= 1 }
        if powerOfTen(exponent + 1) <= magnitude { exponent += 1 }
        return exponent
    }

    /// 10^n, exact for |n| ≤ 22 (the range where powers of ten are representable).
    static func powerOfTen(_ n: Int) -> Double {
        if n >= 0 {
            var result = 1.0
            for _ in 0..<min(n, 308) { result *= 10 }
            return result
        }
        return 1 / powerOfTen(-n)
    }

    static let superscriptDigits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// "10" followed by the exponent in superscript digits: 10⁻³.
    static func powerOfTenLabel(_ exponent: Int) -> String {
        var text = "10"
        if exponent < 0 { text += "⁻" }
        for digit in String(exponent.magnitude) {
            text.append(superscriptDigits[Int(String(digit))!])
        }
        return text
    }
}
