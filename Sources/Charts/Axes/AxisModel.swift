/// One continuous axis: its scale kind, domain and labelled ticks, chosen so that the labels
/// fit the axis's length without overlapping.
struct AxisModel {
    let kind: AxisScale
    let domain: ClosedRange<Double>
    let ticks: [Tick]
    let minor: [Double]

    static let tickFontSize = 11.0
    static let tickLabelHeight = 13.0

    /// - Parameters:
    ///   - extent: the finite data range (positive for a log axis).
    ///   - length: the axis length in user units.
    ///   - horizontal: labels sit side by side (their widths matter) rather than stacked.
    ///   - padding: extra room on both sides, as a fraction of the span, so that markers at
    ///     the extremes do not sit on the axis line.
    ///   - expand: end the axis on ticks; otherwise keep `extent` exactly.
    static func make(kind: AxisScale, extent: ClosedRange<Double>, length: Double, horizontal: Bool,
                     padding: Double = 0, expand: Bool = true) -> AxisModel {
        let extent = padded(extent, kind: kind, by: padding)
        switch kind {
        case .linear:
            var target = max(2, min(10, Int(length / (horizontal ? 60 : 42))))
            while true {
                let ticks = NiceTicks.linear(extent, targetCount: target, expand: expand)
                let labels = NiceTicks.labels(ticks)
                let model = AxisModel(kind: .linear, domain: ticks.domain,
                                      ticks: zip(ticks.values, labels).map { Tick(value: $0, label: $1) }, minor: [])
                if model.labelsFit(length: length, horizontal: horizontal) { return model }
                if target <= 2 { return model.thinned(length: length, horizontal: horizontal) }
                target -= 1
            }
        case .log:
            var maxLabels = max(2, min(12, Int(length / (horizontal ? 60 : 28))))
            var twosAndFives = true
            while true {
                let ticks = NiceTicks.log(extent, maxLabels: maxLabels, labelTwosAndFives: twosAndFives)
                let model = AxisModel(kind: .log, domain: ticks.domain, ticks: ticks.ticks, minor: ticks.minor)
                if model.labelsFit(length: length, horizontal: horizontal) { return model }
                if maxLabels <= 2 { return model.thinned(length: length, horizontal: horizontal) }
                if twosAndFives { twosAndFives = false } else { maxLabels -= 1 }
            }
        }
    }

    /// The scale from this axis's domain to positions `start`…`end`.
    func scale(from start: Double, to end: Double) -> any ContinuousScale {
        switch kind {
        case .linear: return LinearScale(domain: domain, range: (start, end))
        case .log: return LogScale(domain: domain, range: (start, end))
        }
    }

    /// The widest tick label.
    var maxLabelWidth: Double {
        ticks.map { TextMetrics.width($0.label, fontSize: Self.tickFontSize) }.max() ?? 0
    }

    /// Whether neighbouring labels keep a gap between them (ticks without a label are skipped).
    func labelsFit(length: Double, horizontal: Bool) -> Bool {
        let scale = self.scale(from: 0, to: length)
        let labelled = ticks.filter { !$0.label.isEmpty }.compactMap { tick in
            scale.position(tick.value).map { (position: $0, width: TextMetrics.width(tick.label, fontSize: Self.tickFontSize)) }
        }
        for index in labelled.indices.dropFirst() {
            let distance = abs(labelled[index].position - labelled[index - 1].position)
            let needed = horizontal ? (labelled[index].width + labelled[index - 1].width) / 2 + 10 : Self.tickLabelHeight + 6
            if distance < needed { return false }
        }
        return true
    }

    /// The last resort on a very short axis: keep every tick as a mark, but label only every
    /// second (then fourth, …) one until the labels fit, down to the first tick alone.
    func thinned(length: Double, horizontal: Bool) -> AxisModel {
        var stride = 2
        while true {
            let kept = ticks.enumerated().map { index, tick in
                Tick(value: tick.value, label: index % stride == 0 ? tick.label : "")
            }
            let model = AxisModel(kind: kind, domain: domain, ticks: kept, minor: minor)
            if stride >= ticks.count || model.labelsFit(length: length, horizontal: horizontal) { return model }
            stride *= 2
        }
    }

    private static func padded(_ extent: ClosedRange<Double>, kind: AxisScale, by fraction: Double) -> ClosedRange<Double> {
        guard fraction > 0 else { return extent }
        switch kind {
        case .linear:
            let pad = (extent.upperBound - extent.lowerBound) * fraction
            return (extent.lowerBound - pad)...(extent.upperBound + pad)
        case .log:
            let factor = Math.pow(extent.upperBound / extent.lowerBound, fraction)
            return (extent.lowerBound / factor)...(extent.upperBound * factor)
        }
    }
}
