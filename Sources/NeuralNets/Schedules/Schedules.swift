#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning rate as a function of the step (or epoch) count, starting at 0. Schedules are
/// plain functions so that they compose (``Schedules/warmup(steps:startFactor:then:)``) and so
/// that a lesson can plot one without an optimizer. Apply one with
/// `optimizer.learningRate = schedule(step)`.
public typealias LearningRateSchedule = @Sendable (Int) -> Double

/// The usual schedules, each matching the PyTorch scheduler named in its description at every
/// step.
public enum Schedules {
    /// A constant rate.
    public static func constant(_ rate: Double) -> LearningRateSchedule { { _ in rate } }

    /// `initial · γ^⌊t / stepSize⌋` (PyTorch's `StepLR`).
    public static func step(initial: Double, stepSize: Int, gamma: Double = 0.1) -> LearningRateSchedule {
        precondition(stepSize > 0, "Schedules.step: stepSize must be positive")
        return { t in initial * pow(gamma, Double(t / stepSize)) }
    }

    /// `initial · γ^(number of milestones ≤ t)` (PyTorch's `MultiStepLR`).
    public static func multiStep(initial: Double, milestones: [Int], gamma: Double = 0.1) -> LearningRateSchedule {
        { t in initial * pow(gamma, Double(milestones.filter { $0 <= t }.count)) }
    }

    /// `initial · γ^t` (PyTorch's `ExponentialLR`).
    public static func exponential(initial: Double, gamma: Double) -> LearningRateSchedule {
        { t in initial * pow(gamma, Double(t)) }
    }

    /// `initial · (1 − min(t, total)/total)^power`, reaching 0 at `totalSteps` (PyTorch's
    /// `PolynomialLR`).
    public static func polynomial(initial: Double, totalSteps: Int, power: Double = 1) -> LearningRateSchedule {
        precondition(totalSteps > 0, "Schedules.polynomial: totalSteps must be positive")
        return { t in initial * pow(1 - Double(Swift.min(t, totalSteps)) / Double(totalSteps), power) }
    }

    /// Half a cosine from `initial` at 0 down to `minimum` at `period` (PyTorch's
    /// `CosineAnnealingLR`; past the period it rises again, as PyTorch's does).
    public static func cosineAnnealing(initial: Double, period: Int, minimum: Double = 0) -> LearningRateSchedule {
        precondition(period > 0, "Schedules.cosineAnnealing: period must be positive")
        return { t in minimum + (initial - minimum) * (1 + cos(Double.pi * Double(t) / Double(period))) / 2 }
    }

    /// Cosine annealing restarted every cycle, the cycles growing by `periodFactor` (SGDR;
    /// PyTorch's `CosineAnnealingWarmRestarts`).
    public static func cosineWithRestarts(initial: Double, firstPeriod: Int, periodFactor: Int = 1,
                                          minimum: Double = 0) -> LearningRateSchedule {
        precondition(firstPeriod > 0 && periodFactor >= 1, "Schedules.cosineWithRestarts: need firstPeriod > 0 and periodFactor ≥ 1")
        return { t in
            var position = t, period = firstPeriod
            while position >= period {
                position -= period
                period *= periodFactor
            }
            return minimum + (initial - minimum) * (1 + cos(Double.pi * Double(position) / Double(period))) / 2
        }
    }

    /// A linear warm-up over `steps` from `startFactor · next(0)` to `next(0)`, then `next`
    /// with its own count starting at 0 (PyTorch's `LinearLR` followed by another scheduler in
    /// `SequentialLR`).
    public static func warmup(steps: Int, startFactor: Double = 0, then next: @escaping LearningRateSchedule) -> LearningRateSchedule {
        precondition(steps > 0, "Schedules.warmup: steps must be positive")
        return { t in
            guard t < steps else { return next(t - steps) }
            return next(0) * (startFactor + (1 - startFactor) * Double(t) / Double(steps))
        }
    }

    /// How a one-cycle schedule moves between its rates.
    public enum Annealing: Sendable { case cosine, linear }

    /// The one-cycle policy (Smith and Topin 2019; PyTorch's `OneCycleLR`): up from
    /// `maximum / divFactor` to `maximum` over the first `warmupFraction` of the steps, then down
    /// to `maximum / divFactor / finalDivFactor` at the last step.
    public static func oneCycle(maximum: Double, totalSteps: Int, warmupFraction: Double = 0.3,
                                divFactor: Double = 25, finalDivFactor: Double = 1e4,
                                annealing: Annealing = .cosine) -> LearningRateSchedule {
        precondition(totalSteps > 1, "Schedules.oneCycle: totalSteps must be at least 2")
        precondition(warmupFraction > 0 && warmupFraction < 1, "Schedules.oneCycle: warmupFraction must be in (0, 1)")
        let start = maximum / divFactor, end = start / finalDivFactor
        let peak = Double(warmupFraction) * Double(totalSteps) - 1, last = Double(totalSteps - 1)
        @Sendable func anneal(_ from: Double, _ to: Double, _ fraction: Double) -> Double {
            switch annealing {
            case .cosine: to + (from - to) / 2 * (1 + cos(Double.pi * fraction))
            case .linear: from + (to - from) * fraction
            }
        }
        return { t in
            let step = Double(t)
            if step <= peak { return anneal(start, maximum, step / peak) }
            return anneal(maximum, end, Swift.min(1, (step - peak) / (last - peak)))
        }
    }
}
