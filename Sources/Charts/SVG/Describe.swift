/// Phrases for the `<desc>` element, which screen readers announce with the chart: what kind
/// of chart it is, what the axes show and over which ranges, and what the series are.
enum Describe {
    static func number(_ value: Double) -> String {
        NumberFormat.significant(value, digits: 3, minus: "-")
    }

    static func range(_ extent: ClosedRange<Double>) -> String {
        "from " + number(extent.lowerBound) + " to " + number(extent.upperBound)
    }

    /// "a", "a and b", "a, b and c", and "a, b, c and 5 more" past `limit` names.
    static func list(_ names: [String], limit: Int = 6) -> String {
        let shown = Array(names.prefix(limit))
        let rest = names.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// "x axis (Epoch, log scale) from 1 to 100".
    static func axis(_ name: String, label: String, extent: ClosedRange<Double>?, kind: AxisScale = .linear) -> String {
        var details: [String] = []
        if !label.isEmpty { details.append(label) }
        if kind == .log { details.append("log scale") }
        var text = name + " axis"
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        if let extent { text += " " + range(extent) }
        return text
    }

    static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : (pluralForm ?? singular + "s"))
    }

    /// Joins sentences, adding the caller's own description first when there is one.
    static func sentences(_ custom: String?, _ generated: [String]) -> String {
        var parts: [String] = []
        if let custom, !custom.isEmpty { parts.append(custom) }
        for sentence in generated where !sentence.isEmpty {
            let capitalized = sentence.prefix(1).uppercased() + sentence.dropFirst()
            parts.append(capitalized.hasSuffix(".") ? capitalized : capitalized + ".")
        }
        return parts.joined(separator: " ")
    }
}
