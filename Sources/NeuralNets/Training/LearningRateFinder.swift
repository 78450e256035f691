import Tensors

/// The learning-rate range test (Smith 2017): train for a few steps while the learning rate
/// grows exponentially, and record the loss. The curve shows where the loss falls fastest and
/// where it blows up; a good rate is usually a little below the steepest descent.
public enum LearningRateFinder {
    /// One point of the curve.
    public struct Point: Sendable, Equatable {
        public let learningRate: Double
        /// The loss, smoothed by an exponential moving average (bias-corrected).
        public let loss: Double
    }

    /// The curve and the rate where the smoothed loss fell fastest (in log-rate).
    public struct Result: Sendable {
        public let curve: [Point]
        public let steepestDescent: Double?
    }

    /// Runs the test. `step` computes a training loss for one batch; the finder clears the
    /// gradients, calls `backward()` and `optimizer.step()`. It stops early when the smoothed loss
    /// exceeds `divergence` times the best seen. The model is trained in the process: save its
    /// state first (``Module/stateDict()``) if you want it back.
    /// - Precondition: `0 < start < end`, `steps ≥ 2`.
    public static func run(optimizer: Optimizer, from start: Double = 1e-7, to end: Double = 10, steps: Int = 100,
                           smoothing: Double = 0.05, divergence: Double = 4,
                           step: () -> Tensor) -> Result {
        precondition(start > 0 && end > start && steps >= 2, "LearningRateFinder: need 0 < start < end and steps ≥ 2")
        let factor = Double.pow(end / start, 1 / Double(steps - 1))
        var curve: [Point] = []
        var average = 0.0, best = Double.infinity
        for i in 0..<steps {
            let rate = start * Double.pow(factor, Double(i))
            optimizer.learningRate = rate
            optimizer.zeroGrad()
            let loss = step()
            loss.backward()
            optimizer.step()
            let value = loss.item()
            guard value.isFinite else { break }
            average = smoothing * value + (1 - smoothing) * average
            let smoothed = average / (1 - Double.pow(1 - smoothing, Double(i + 1)))
            curve.append(Point(learningRate: rate, loss: smoothed))
            best = Swift.min(best, smoothed)
            if smoothed > divergence * best { break }
        }
        return Result(curve: curve, steepestDescent: steepest(curve))
    }

    /// The rate at the most negative slope of loss against log-rate.
    static func steepest(_ curve: [Point]) -> Double? {
        guard curve.count >= 3 else { return nil }
        var bestSlope = 0.0, bestRate: Double?
        for i in 1..<curve.count {
            let slope = (curve[i].loss - curve[i - 1].loss)
                / (Double.log(curve[i].learningRate) - Double.log(curve[i - 1].learningRate))
            if slope < bestSlope {
                bestSlope = slope
                bestRate = curve[i].learningRate
            }
        }
        return bestRate
    }
}
