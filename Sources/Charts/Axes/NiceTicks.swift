/// One labelled tick.
struct Tick: Equatable {
    let value: Double
    let label: String
}

/// Tick values people read easily: steps of 1, 2 or 5 times a power of ten on linear axes, and
/// whole decades on log axes (with 2 and 5 in between when only a decade or two is shown).
enum NiceTicks {
    /// A linear axis's ticks and the domain they span.
    struct Linear: Equatable {
        var domain: ClosedRange<Double>
        var values: [Double]
        /// The step is `mantissa × 10^exponent` with mantissa 1, 2 or 5.
        var mantissa: Int
        var exponent: Int

        var step: Double { NiceTicks.value(1, mantissa: mantissa, exponent: exponent) }
    }

    /// The 1-2-5 step closest to `span / targetCount`.
    static func step(span: Double, targetCount: Int) -> (mantissa: Int, exponent: Int) {
        let raw = span / Double(max(targetCount, 1))
        guard raw.isFinite, raw > 0 else { return (1, 0) }
        let exponent = NumberFormat.decimalExponent(raw)
        let normalized = raw / NumberFormat.powerOfTen(exponent)
        // Thresholds at the geometric means of neighbouring steps (√2, √10, √50).
        switch normalized {
        case ..<1.4142: return (1, exponent)
        case ..<3.1623: return (2, exponent)
        case ..<7.0711: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }

    /// `index × mantissa × 10^exponent`, computed so that 0.1-steps give 0.3 and not
    /// 0.30000000000000004: dividing an exact integer by an exact power of ten rounds once.
    static func value(_ index: Int, mantissa: Int, exponent: Int) -> Double {
        let units = Double(index * mantissa)
        return exponent >= 0
            ? units * NumberFormat.powerOfTen(exponent)
            : units / NumberFormat.powerOfTen(-exponent)
    }

    /// About `targetCount` ticks over `extent`.
    ///
    /// - Parameter expand: widen the domain outwards to the neighbouring ticks, so the axis
    ///   starts and ends on a labelled value. Without it the domain stays `extent` and only
    ///   ticks inside it are returned (colour bars use this).
    static func linear(_ extent: ClosedRange<Double>, targetCount: Int, expand: Bool = true) -> Linear {
        var lower = extent.lowerBound
        var upper = extent.upperBound
        guard lower.isFinite, upper.isFinite else {
            return Linear(domain: 0...1, values: [0, 1], mantissa: 1, exponent: 0)
        }
        if lower == upper {
            let pad = lower == 0 ? 1 : lower.magnitude * 0.1
            lower -= pad
            upper += pad
        }
        let (mantissa, exponent) = step(span: upper - lower, targetCount: targetCount)
        let stepValue = value(1, mantissa: mantissa, exponent: exponent)
        let first = (lower / stepValue).rounded(expand ? .down : .up)
        let last = (upper / stepValue).rounded(expand ? .up : .down)
        // Indices this large mean a span tiny against the values themselves: label the ends.
        guard first.magnitude < 1e12, last.magnitude < 1e12, last - first <= 1000 else {
            return Linear(domain: lower...upper, values: [lower, upper], mantissa: mantissa, exponent: exponent)
        }
        let values = (Int(first)...Int(max(first, last))).map { value($0, mantissa: mantissa, exponent: exponent) }
        let domain = expand ? values.first!...values.last! : lower...upper
        return Linear(domain: domain, values: values, mantissa: mantissa, exponent: exponent)
    }

    /// Labels for linear ticks: as many decimals as the step needs; scientific notation when the
    /// values are very large or very small. Negative numbers use a true minus sign.
    static func labels(_ ticks: Linear) -> [String] {
        let largest = ticks.values.map(\.magnitude).max() ?? 0
        if largest >= 1e6 || (largest > 0 && largest < 1e-3) {
            let exponent = NumberFormat.decimalExponent(largest)
            let decimals = max(0, exponent - ticks.exponent)
            let scale = NumberFormat.powerOfTen(exponent)
            return ticks.values.map { value in
                if value == 0 { return "0" }
                let exponentText = exponent < 0 ? "−" + String(-exponent) : String(exponent)
                return NumberFormat.fixed(value / scale, decimals: decimals, minus: "−") + "e" + exponentText
            }
        }
        let decimals = max(0, -ticks.exponent)
        return ticks.values.map { NumberFormat.fixed($0, decimals: decimals, minus: "−") }
    }

    /// A log axis's ticks.
    struct Log: Equatable {
        var domain: ClosedRange<Double>
        var ticks: [Tick]
        /// Unlabelled ticks at the other multiples of each power of ten.
        var minor: [Double]
    }

    /// Log ticks covering `extent` (positive), with at most about `maxLabels` labels.
    ///
    /// The domain is widened to the nearest 1, 2 or 5 times a power of ten (to whole decades
    /// when it spans more than three). Decades are labelled, thinned when there are too many; 2
    /// and 5 are labelled too when the axis spans at most about two decades.
    static func log(_ extent: ClosedRange<Double>, maxLabels: Int, labelTwosAndFives allowTwosAndFives: Bool = true) -> Log {
        guard extent.lowerBound > 0, extent.upperBound.isFinite else {
            return log(1...10, maxLabels: maxLabels, labelTwosAndFives: allowTwosAndFives)
        }
        var low = niceLogBound(extent.lowerBound, roundingUp: false)
        var high = niceLogBound(extent.upperBound, roundingUp: true)
        if high.value <= low.value {
            high = niceLogBound(low.value * 1.5, roundingUp: true)
        }
        var span = Math.log10(high.value / low.value)
        if span > 3 {
            low = (1, low.exponent, NiceTicks.value(1, mantissa: 1, exponent: low.exponent))
            if high.mantissa != 1 {
                high = (1, high.exponent + 1, NiceTicks.value(1, mantissa: 1, exponent: high.exponent + 1))
            }
            span = Math.log10(high.value / low.value)
        }
        let plain = low.exponent >= -3 && high.exponent <= 4
        let labelTwosAndFives = allowTwosAndFives && span <= 2.5
        let decadeCount = high.exponent - low.exponent + 1
        let stride = max(1, Int((Double(decadeCount) / Double(max(maxLabels, 2))).rounded(.up)))

        var ticks: [Tick] = []
        var minor: [Double] = []
        for exponent in low.exponent...high.exponent {
            for multiple in 1...9 {
                let value = NiceTicks.value(1, mantissa: multiple, exponent: exponent)
                guard value >= low.value, value <= high.value else { continue }
                if multiple == 1 && (exponent - low.exponent) % stride == 0 {
                    let label = plain
                        ? NumberFormat.fixed(value, decimals: max(0, -exponent))
                        : NumberFormat.powerOfTenLabel(exponent)
                    ticks.append(Tick(value: value, label: label))
                } else if labelTwosAndFives && (multiple == 2 || multiple == 5) {
                    let label = plain
                        ? NumberFormat.fixed(value, decimals: max(0, -exponent))
                        : NumberFormat.scientific(value, significantDigits: 1, minus: "−")
                    ticks.append(Tick(value: value, label: label))
                } else if decadeCount <= 7 || multiple == 1 {
                    minor.append(value)
                }
            }
        }
        return Log(domain: low.value...high.value, ticks: ticks, minor: minor)
    }

    /// The nearest value 1, 2 or 5 × 10^k at or below (or above) `x`.
    private static func niceLogBound(_ x: Double, roundingUp: Bool) -> (mantissa: Int, exponent: Int, value: Double) {
        let exponent = NumberFormat.decimalExponent(x)
        let candidates = roundingUp ? [1, 2, 5, 10] : [5, 2, 1]
        for mantissa in candidates {
            let value = NiceTicks.value(1, mantissa: mantissa, exponent: exponent)
            if roundingUp ? value >= x : value <= x {
                return mantissa == 10 ? (1, exponent + 1, NiceTicks.value(1, mantissa: 1, exponent: exponent + 1))
                                      : (mantissa, exponent, value)
            }
        }
        return (1, exponent, NiceTicks.value(1, mantissa: 1, exponent: exponent))
    }
}
