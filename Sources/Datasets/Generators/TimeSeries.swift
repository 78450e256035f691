import Foundation
import Tensors

/// A synthetic time series, one value per time step, with the components it was built from so
/// that a lesson can show a decomposition and check an anomaly detector.
public struct TimeSeries: Sendable, Equatable {
    /// The observed series: `trend + seasonal + noise`, plus a spike at each anomaly.
    public var values: [Double]
    /// The linear trend at each step.
    public var trend: [Double]
    /// The periodic component at each step; it repeats every ``period`` steps.
    public var seasonal: [Double]
    /// The Gaussian noise at each step.
    public var noise: [Double]
    /// The steps where a spike was added, ascending.
    public var anomalies: [Int]
    /// The length of one season, in steps.
    public var period: Int

    /// The number of steps.
    public var count: Int { values.count }

    /// The series as a `float64` tensor `[count]`.
    public var tensor: Tensor { Tensor(values, shape: [values.count]) }

    /// `true` at the anomalous steps: a label per step for anomaly detection.
    public var anomalyMask: [Bool] {
        var mask = [Bool](repeating: false, count: values.count)
        for i in anomalies where mask.indices.contains(i) { mask[i] = true }
        return mask
    }

    /// Sliding windows for forecasting: each sample holds `window` consecutive values and its
    /// target is the value `horizon` steps after the window's last one.
    ///
    /// - Returns: features `[count − window − horizon + 1, window]`, target `[same]`, `float64`.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when the series is too
    ///   short for one window.
    public func windows(length window: Int, horizon: Int = 1) throws(DatasetError) -> Dataset {
        try Check.count(window, "window")
        try Check.count(horizon, "horizon")
        let samples = values.count - window - horizon + 1
        guard samples >= 1 else {
            throw .invalidParameter(name: "window + horizon", value: "\(window + horizon)",
                                    expected: "at most the series length \(values.count)")
        }
        var features = [Double]()
        features.reserveCapacity(samples * window)
        for start in 0..<samples { features.append(contentsOf: values[start..<(start + window)]) }
        let targets = (0..<samples).map { values[$0 + window + horizon - 1] }
        return Dataset(features: Tensor(features, shape: [samples, window]), target: Tensor(targets, shape: [samples]),
                       featureNames: (0..<window).map { "t-\(window - $0)" },
                       source: "windows of \(window) steps predicting \(horizon) ahead")
    }
}

extension Dataset {
    /// A seasonal series with a trend, noise and a few anomalies:
    /// `value[t] = intercept + slope·t + amplitude·sin(2π·t/period) + noise·N(0, 1)`, plus
    /// `±anomalySize` at `anomalies` distinct random steps.
    ///
    /// - Parameters:
    ///   - length: the number of steps.
    ///   - slope: trend per step.
    ///   - intercept: the value of the trend at step 0.
    ///   - period: steps per season (7 for daily data with a weekly rhythm, 12 for monthly).
    ///   - amplitude: the height of the seasonal wave.
    ///   - noise: the noise's standard deviation.
    ///   - anomalies: how many spikes to inject, at most `length`.
    ///   - anomalySize: the spikes' absolute height; each has a random sign.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for out-of-range values.
    public static func timeSeries(length: Int = 365, slope: Double = 0.02, intercept: Double = 10, period: Int = 7,
                                  amplitude: Double = 2, noise: Double = 0.3, anomalies: Int = 5,
                                  anomalySize: Double = 5, seed: UInt64 = 0) throws(DatasetError) -> TimeSeries {
        try Check.count(length, "length", atLeast: 2)
        try Check.size(length, 4)
        try Check.finite(slope, "slope")
        try Check.finite(intercept, "intercept")
        try Check.count(period, "period", atLeast: 2)
        try Check.nonNegative(amplitude, "amplitude")
        try Check.nonNegative(noise, "noise")
        try Check.range(anomalies, "anomalies", 0...length)
        try Check.nonNegative(anomalySize, "anomalySize")
        var g = RandomGenerator(seed: seed)
        let trend = (0..<length).map { intercept + slope * Double($0) }
        // The phase is reduced to one period first, so that every season repeats exactly.
        let seasonal = (0..<length).map { amplitude * sin(2 * Double.pi * Double($0 % period) / Double(period)) }
        let noiseValues = (0..<length).map { _ in g.normal(std: noise) }
        var values = (0..<length).map { trend[$0] + seasonal[$0] + noiseValues[$0] }
        let spikes = g.permutation(length).prefix(anomalies).sorted()
        for i in spikes { values[i] += g.nextInt(below: 2) == 0 ? anomalySize : -anomalySize }
        return TimeSeries(values: values, trend: trend, seasonal: seasonal, noise: noiseValues, anomalies: spikes,
                          period: period)
    }
}
