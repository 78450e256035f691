/// Precision–recall curves, one per classifier, with each curve's average precision (AP, the
/// area under the step-wise curve) in the legend and, for reference, the precision of a random
/// classifier (the share of positives in the first curve's data).
///
/// Pairs with a non-finite score are skipped. A classifier whose remaining labels are all of
/// one class has no curve; the legend says so.
public struct PrecisionRecallChart: Chart {
    public var title: String
    public var curves: [ClassifierScores]
    public var description: String?

    public init(title: String = "Precision–recall curve", curves: [ClassifierScores], description: String? = nil) {
        self.title = title
        self.curves = curves
        self.description = description
    }

    public var defaultSize: ChartSize { ClassifierCurveLayout.size }

    /// - Throws: ``ChartError/lengthMismatch(what:expected:got:)`` when a curve's labels and
    ///   scores differ in length.
    public func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String {
        var points: [CurvePoints?] = []
        for curve in curves {
            points.append(try ClassifierCurves.precisionRecall(scores: curve.scores, labels: curve.labels))
        }
        let baseline: Double? = curves.first.flatMap { curve in
            let labels = curve.scores.indices.filter { curve.scores[$0].isFinite }.map { curve.labels[$0] }
            return labels.isEmpty ? nil : Double(labels.filter { $0 }.count) / Double(labels.count)
        }
        return try ClassifierCurveLayout.render(
            kind: "Precision–recall", title: title, description: description, curves: curves, points: points,
            areaName: "AP", xLabel: "Recall", yLabel: "Precision", theme: theme, size: size, steps: true) { frame, canvas in
            guard let baseline, let a = frame.point(0, baseline), let b = frame.point(1, baseline) else { return }
            canvas.body.element("path", ["class": "axis", "stroke-dasharray": "5 4",
                                         "d": "M" + NumberFormat.coordinate(a.x) + " " + NumberFormat.coordinate(a.y)
                                            + "L" + NumberFormat.coordinate(b.x) + " " + NumberFormat.coordinate(b.y)])
        }
    }
}
