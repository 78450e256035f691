/// Receiver operating characteristic curves: true-positive rate against false-positive rate as
/// the threshold falls, one curve per classifier, with the area under each curve (AUC) in the
/// legend and the diagonal of a random classifier for reference.
///
/// Pairs with a non-finite score are skipped. A classifier whose remaining labels are all of
/// one class has no curve; the legend says so.
public struct ROCChart: Chart {
    public var title: String
    public var curves: [ClassifierScores]
    public var description: String?

    public init(title: String = "ROC curve", curves: [ClassifierScores], description: String? = nil) {
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
            points.append(try ClassifierCurves.roc(scores: curve.scores, labels: curve.labels))
        }
        return try ClassifierCurveLayout.render(
            kind: "ROC", title: title, description: description, curves: curves, points: points,
            areaName: "AUC", xLabel: "False-positive rate", yLabel: "True-positive rate",
            theme: theme, size: size, steps: false) { frame, canvas in
            // A classifier that guesses at random lies on the diagonal.
            guard let a = frame.point(0, 0), let b = frame.point(1, 1) else { return }
            canvas.body.element("path", ["class": "axis", "stroke-dasharray": "5 4",
                                         "d": "M" + NumberFormat.coordinate(a.x) + " " + NumberFormat.coordinate(a.y)
                                            + "L" + NumberFormat.coordinate(b.x) + " " + NumberFormat.coordinate(b.y)])
        }
    }
}
