/// A binary classifier's scores for one curve of a ROC or precision–recall chart.
public struct ClassifierScores: Sendable, Equatable {
    public var name: String
    /// Higher means more likely positive (probabilities, logits, decision values).
    public var scores: [Double]
    /// Whether each sample is positive.
    public var labels: [Bool]

    public init(name: String, scores: [Double], labels: [Bool]) {
        self.name = name
        self.scores = scores
        self.labels = labels
    }
}

/// Points of a ROC or precision–recall curve and the area under it.
public struct CurvePoints: Sendable, Equatable {
    /// Horizontal coordinates: false-positive rate (ROC) or recall (PR).
    public let x: [Double]
    /// Vertical coordinates: true-positive rate (ROC) or precision (PR).
    public let y: [Double]
    /// The area: trapezoidal AUC for ROC, average precision for PR.
    public let area: Double
}

/// ROC and precision–recall curves computed from scores and binary labels.
///
/// Scores are ranked from highest to lowest; tied scores form one threshold, so the curve moves
/// diagonally through a tie instead of depending on the input order. Pairs with a non-finite
/// score are skipped. Curves need both classes among the remaining pairs; otherwise the
/// functions return nil.
public enum ClassifierCurves {
    /// The ROC curve from (0, 0) to (1, 1) and its trapezoidal area.
    ///
    /// - Throws: ``ChartError/lengthMismatch(what:expected:got:)`` when the arrays differ in length.
    public static func roc(scores: [Double], labels: [Bool]) throws(ChartError) -> CurvePoints? {
        guard let counts = try cumulativeCounts(scores: scores, labels: labels) else { return nil }
        var fpr = [0.0]
        var tpr = [0.0]
        for (tp, fp) in counts.steps {
            fpr.append(Double(fp) / Double(counts.negatives))
            tpr.append(Double(tp) / Double(counts.positives))
        }
        return CurvePoints(x: fpr, y: tpr, area: trapezoidArea(x: fpr, y: tpr))
    }

    /// The precision–recall curve, starting at recall 0 with precision 1, and its average
    /// precision AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ: the area under the step-wise curve, the summary
    /// scikit-learn's `average_precision_score` reports.
    ///
    /// - Throws: ``ChartError/lengthMismatch(what:expected:got:)`` when the arrays differ in length.
    public static func precisionRecall(scores: [Double], labels: [Bool]) throws(ChartError) -> CurvePoints? {
        guard let counts = try cumulativeCounts(scores: scores, labels: labels) else { return nil }
        var recall = [0.0]
        var precision = [1.0]
        var area = 0.0
        for (tp, fp) in counts.steps {
            let r = Double(tp) / Double(counts.positives)
            let p = Double(tp) / Double(tp + fp)
            area += (r - recall[recall.count - 1]) * p
            recall.append(r)
            precision.append(p)
        }
        return CurvePoints(x: recall, y: precision, area: area)
    }

    /// The area under the polyline through (x, y) by the trapezoidal rule.
    public static func trapezoidArea(x: [Double], y: [Double]) -> Double {
        var area = 0.0
        for index in x.indices.dropFirst() where index < y.count {
            area += (x[index] - x[index - 1]) * (y[index] + y[index - 1]) / 2
        }
        return area
    }

    private struct Counts {
        var positives: Int
        var negatives: Int
        /// Cumulative (true positives, false positives) after each distinct score.
        var steps: [(Int, Int)]
    }

    private static func cumulativeCounts(scores: [Double], labels: [Bool]) throws(ChartError) -> Counts? {
        try Validate.sameLength("labels (one per score)", expected: scores.count, got: labels.count)
        // Sort by score, highest first; the index breaks ties so the order is fully determined.
        let ranked = scores.indices.filter { scores[$0].isFinite }.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
        }
        let positives = ranked.reduce(0) { $0 + (labels[$1] ? 1 : 0) }
        let negatives = ranked.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        var steps: [(Int, Int)] = []
        var tp = 0
        var fp = 0
        for (position, index) in ranked.enumerated() {
            if labels[index] { tp += 1 } else { fp += 1 }
            let isLastOfTie = position == ranked.count - 1 || scores[ranked[position + 1]] != scores[index]
            if isLastOfTie { steps.append((tp, fp)) }
        }
        return Counts(positives: positives, negatives: negatives, steps: steps)
    }
}
