import Foundation
import Testing
import Tensors
@testable import Datasets

/// The regression generators against their formulas (noise-free) and their noise levels.
@Suite("DatasetsRegressionGenerators")
struct RegressionGeneratorTests {
    /// Least squares with an intercept column: (weights, bias, residual standard deviation).
    func fitPlane(_ data: Dataset) throws -> (weights: [Double], bias: Double, residualStd: Double) {
        let d = data.features.shape[1]
        let x = rows(data.features)
        let design = Tensor(x.flatMap { $0 + [1] }, shape: [data.count, d + 1])
        let solution = try Linalg.lstsq(design, data.target).scalars(as: Double.self)
        let fitted = design.matmul(Tensor(solution, shape: [d + 1])).scalars(as: Double.self)
        let residuals = zip(data.target.scalars(as: Double.self), fitted).map { $0 - $1 }
        return (Array(solution.prefix(d)), solution[d], meanAndStd(residuals).std)
    }

    @Test func planeFollowsItsWeights() throws {
        let clean = try Dataset.plane(count: 50, weights: [2, -1, 0.5], bias: 3, noise: 0, range: -2...2, seed: 1)
        #expect(clean.features.shape == [50, 3])
        #expect(!clean.isClassification && clean.target.dtype == .float64)
        for (x, y) in zip(rows(clean.features), clean.target.scalars(as: Double.self)) {
            #expect(Swift.abs(y - (2 * x[0] - x[1] + 0.5 * x[2] + 3)) < 1e-12)
            #expect(x.allSatisfy { $0 >= -2 && $0 <= 2 })
        }
        let noisy = try Dataset.plane(count: 5000, weights: [2, -1], bias: 0.5, noise: 0.3, seed: 2)
        let fit = try fitPlane(noisy)
        expectClose(fit.weights, [2, -1], tolerance: 0.03, "weights")
        #expect(Swift.abs(fit.bias - 0.5) < 0.02)
        #expect(Swift.abs(fit.residualStd - 0.3) < 0.015)
    }

    @Test func gaussianBumpsFollowTheirFormula() throws {
        let centres = [[-0.5], [0.4]], amplitudes = [1.0, -0.7]
        let clean = try Dataset.gaussians(count: 200, centers: centres, amplitudes: amplitudes, width: 0.2, noise: 0, seed: 3)
        for (x, y) in zip(rows(clean.features), clean.target.scalars(as: Double.self)) {
            let expected = exp(-pow(x[0] + 0.5, 2) / 0.08) - 0.7 * exp(-pow(x[0] - 0.4, 2) / 0.08)
            #expect(Swift.abs(y - expected) < 1e-12)
        }
        let noisy = try Dataset.gaussians(count: 5000, centers: centres, amplitudes: amplitudes, width: 0.2, noise: 0.1, seed: 3)
        let residuals = zip(rows(noisy.features), noisy.target.scalars(as: Double.self)).map {
            $1 - Dataset.gaussianBumps($0, centers: centres, amplitudes: amplitudes, width: 0.2)
        }
        #expect(Swift.abs(meanAndStd(residuals).std - 0.1) < 0.005)
        let random = try Dataset.gaussians(count: 100, features: 2, bumps: 4, seed: 4)
        #expect(random.features.shape == [100, 2])
        expectError(.invalidParameter(name: "width", value: "0.0", expected: "a finite number > 0")) {
            try Dataset.gaussians(centers: [[0]], amplitudes: [1], width: 0)
        }
    }

    @Test func makeRegressionIsLinearInItsInformativeFeatures() throws {
        let (clean, coefficients) = try Dataset.makeRegressionWithCoefficients(count: 100, features: 8, informative: 3,
                                                                               noise: 0, bias: 2, seed: 5)
        #expect(coefficients.filter { $0 != 0 }.count == 3)
        #expect(coefficients.allSatisfy { $0 >= 0 && $0 < 100 })
        for (x, y) in zip(rows(clean.features), clean.target.scalars(as: Double.self)) {
            #expect(Swift.abs(y - zip(x, coefficients).reduce(2) { $0 + $1.0 * $1.1 }) < 1e-9)
        }
        let noisy = try Dataset.makeRegressionWithCoefficients(count: 4000, features: 8, informative: 3, noise: 5, bias: 2, seed: 6)
        let fit = try fitPlane(noisy.dataset)
        // Standard error of each estimate ≈ noise/√count = 0.08.
        for (estimate, truth) in zip(fit.weights, noisy.coefficients) { #expect(Swift.abs(estimate - truth) < 0.4) }
        #expect(Swift.abs(fit.residualStd - 5) < 0.2)
        // The features are standard normal.
        let (mean, std) = meanAndStd(noisy.dataset.features.scalars(as: Double.self))
        #expect(Swift.abs(mean) < 0.03 && Swift.abs(std - 1) < 0.02)
        #expect(try Dataset.makeRegression(count: 10, seed: 6).features.shape == [10, 10])
    }

    @Test func friedman1FollowsItsFormula() throws {
        let clean = try Dataset.friedman1(count: 300, features: 6, noise: 0, seed: 7)
        #expect(clean.features.shape == [300, 6])
        for (x, y) in zip(rows(clean.features), clean.target.scalars(as: Double.self)) {
            let expected = 10 * sin(Double.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4]
            #expect(Swift.abs(y - expected) < 1e-12)
            #expect(x.allSatisfy { $0 >= 0 && $0 < 1 })
        }
        let noisy = try Dataset.friedman1(count: 5000, noise: 1.5, seed: 8)
        let residuals = zip(rows(noisy.features), noisy.target.scalars(as: Double.self)).map { $1 - Dataset.friedman1Target($0) }
        #expect(Swift.abs(meanAndStd(residuals).std - 1.5) < 0.05)
        #expect(Dataset.friedman1Target([1, 2]).isNaN)
        expectError(.invalidParameter(name: "features", value: "4", expected: "an integer ≥ 5")) {
            try Dataset.friedman1(features: 4)
        }
    }

    @Test func seedsReproduce() throws {
        let makers: [(UInt64) throws -> Dataset] = [
            { try Dataset.plane(seed: $0) }, { try Dataset.gaussians(seed: $0) },
            { try Dataset.makeRegression(noise: 1, seed: $0) }, { try Dataset.friedman1(seed: $0) },
        ]
        for make in makers {
            let a = try make(21), b = try make(21), c = try make(22)
            #expect(a.features.scalars(as: Double.self) == b.features.scalars(as: Double.self))
            #expect(a.target.scalars(as: Double.self) == b.target.scalars(as: Double.self))
            #expect(a.target.scalars(as: Double.self) != c.target.scalars(as: Double.self))
        }
    }
}

/// Trend, seasonality, noise and anomalies of the time-series generator.
@Suite("DatasetsTimeSeries")
struct TimeSeriesTests {
    @Test func componentsAddUp() throws {
        let series = try Dataset.timeSeries(length: 400, slope: 0.05, intercept: 3, period: 12, amplitude: 2, noise: 0.4,
                                            anomalies: 6, anomalySize: 8, seed: 1)
        #expect(series.count == 400 && series.period == 12)
        #expect(series.anomalies.count == 6 && series.anomalies == series.anomalies.sorted())
        #expect(Set(series.anomalies).count == 6)
        for t in 0..<400 {
            let base = series.trend[t] + series.seasonal[t] + series.noise[t]
            let spike = series.values[t] - base
            if series.anomalies.contains(t) {
                #expect(Swift.abs(Swift.abs(spike) - 8) < 1e-9)
            } else {
                #expect(Swift.abs(spike) < 1e-12)
            }
            #expect(Swift.abs(series.trend[t] - (3 + 0.05 * Double(t))) < 1e-12)
        }
        #expect(Swift.abs(meanAndStd(series.noise).std - 0.4) < 0.04)
        #expect(series.anomalyMask.filter { $0 }.count == 6)
        #expect(series.tensor.shape == [400])
    }

    @Test func seasonRepeatsEveryPeriod() throws {
        let series = try Dataset.timeSeries(length: 200, slope: 0, intercept: 0, period: 7, amplitude: 1.5, noise: 0,
                                            anomalies: 0, seed: 2)
        for t in 0..<(200 - 7) { #expect(series.values[t] == series.values[t + 7]) }
        // The seasonal wave's peak is the amplitude, and it averages to zero over a period.
        #expect(Swift.abs(series.seasonal.max()! - 1.5 * sin(2 * Double.pi * 2 / 7)) < 1e-12)
        #expect(Swift.abs(series.seasonal.prefix(7).reduce(0, +)) < 1e-12)
        // The autocorrelation of the series peaks at the period.
        func autocorrelation(_ lag: Int) -> Double {
            (0..<(200 - lag)).reduce(0) { $0 + series.values[$1] * series.values[$1 + lag] }
        }
        let best = (1...10).max { autocorrelation($0) < autocorrelation($1) }
        #expect(best == 7)
    }

    @Test func windowsForForecasting() throws {
        let series = try Dataset.timeSeries(length: 20, noise: 0, anomalies: 0, seed: 3)
        let windows = try series.windows(length: 5, horizon: 2)
        #expect(windows.features.shape == [14, 5])
        #expect(windows.featureNames == ["t-5", "t-4", "t-3", "t-2", "t-1"])
        #expect(rows(windows.features)[3] == Array(series.values[3..<8]))
        #expect(windows.target.scalars(as: Double.self)[3] == series.values[9])
        expectError(.invalidParameter(name: "window + horizon", value: "21", expected: "at most the series length 20")) {
            try series.windows(length: 20, horizon: 1)
        }
    }

    @Test func reproducibleAndValidated() throws {
        #expect(try Dataset.timeSeries(seed: 9) == Dataset.timeSeries(seed: 9))
        #expect(try Dataset.timeSeries(seed: 9) != Dataset.timeSeries(seed: 10))
        expectError(.invalidParameter(name: "period", value: "1", expected: "an integer ≥ 2")) { try Dataset.timeSeries(period: 1) }
        expectError(.invalidParameter(name: "anomalies", value: "11", expected: "an integer in 0...10")) {
            try Dataset.timeSeries(length: 10, anomalies: 11)
        }
    }
}
