import Foundation

/// A rectangle of the plane: `{"xMin": -6, "xMax": 6, "yMin": -6, "yMax": 6}`.
public struct DemoBox: Sendable, Codable, Equatable {
    public var xMin: Double
    public var xMax: Double
    public var yMin: Double
    public var yMax: Double

    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
    }

    public func contains(x: Double, y: Double) -> Bool { x >= xMin && x <= xMax && y >= yMin && y <= yMax }

    /// The grid points of an `n × n` grid (`n ≥ 2`), row by row from `yMin` up, each row from
    /// `xMin` right: point `j·n + i` is `(xMin + i·(xMax − xMin)/(n − 1), yMin + j·(yMax − yMin)/(n − 1))`.
    func gridPoints(_ n: Int) -> [(x: Double, y: Double)] {
        let dx = (xMax - xMin) / Double(n - 1), dy = (yMax - yMin) / Double(n - 1)
        var points: [(x: Double, y: Double)] = []
        points.reserveCapacity(n * n)
        for j in 0..<n {
            for i in 0..<n { points.append((xMin + Double(i) * dx, yMin + Double(j) * dy)) }
        }
        return points
    }
}

/// Values on an `n × n` grid over a box (layout as ``DemoBox``'s grid points: row-major,
/// row 0 at `yMin`), with their range for a colour scale:
/// `{"resolution": 100, "min": -0.9, "max": 0.97, "values": [… n·n numbers …]}`.
///
/// Values are rounded to four significant digits of the grid's largest magnitude, which keeps
/// frames short without a visible difference.
public struct DemoGrid: Sendable, Codable, Equatable {
    public var resolution: Int
    public var min: Float
    public var max: Float
    public var values: [Float]

    init(resolution: Int, values raw: [Float]) {
        self.resolution = resolution
        let clean = raw.map { $0.isNaN ? 0 : Swift.min(Swift.max($0, -Float.greatestFiniteMagnitude), Float.greatestFiniteMagnitude) }
        values = Rounding.significant(clean)
        min = values.min() ?? 0
        max = values.max() ?? 0
    }
}

/// Rounding for snapshot numbers: shorter JSON, the same picture.
enum Rounding {
    /// Rounds every value to a multiple of 10^(e − 3), where 10^e bounds the largest
    /// magnitude: four significant digits of the largest value.
    static func significant(_ values: [Float], digits: Int = 4) -> [Float] {
        let largest = values.reduce(Float(0)) { Swift.max($0, Swift.abs($1)) }
        guard largest > 0, largest.isFinite else { return values }
        let exponent = Int(Foundation.log10(Double(largest)).rounded(.down)) - (digits - 1)
        return values.map { quantize($0, exponent: exponent) }
    }

    /// Rounds to `digits` decimals (a probability to 0.0001).
    static func decimals(_ values: [Float], _ digits: Int) -> [Float] {
        values.map { quantize($0, exponent: -digits) }
    }

    /// `x` rounded to a multiple of 10^exponent, as the float nearest that decimal (so that it
    /// prints short).
    @inline(__always)
    static func quantize(_ x: Float, exponent: Int) -> Float {
        guard x.isFinite else { return x.isNaN ? 0 : x }
        let rounded: Float
        if exponent >= 0 {
            let unit = power(exponent)
            rounded = Float((Double(x) / unit).rounded() * unit)
        } else {
            let scale = power(-exponent)
            rounded = Float((Double(x) * scale).rounded() / scale)
        }
        // Rounding next to the largest float can overflow; keep the value then.
        return rounded.isFinite ? rounded : x
    }

    /// Rounds a double to `digits` significant digits.
    static func significant(_ x: Double, digits: Int = 6) -> Double {
        guard x.isFinite, x != 0 else { return x.isFinite ? x : 0 }
        let exponent = Int(Foundation.log10(Swift.abs(x)).rounded(.down)) - (digits - 1)
        if exponent >= 0 { return (x / power(exponent)).rounded() * power(exponent) }
        return (x * power(-exponent)).rounded() / power(-exponent)
    }

    private static func power(_ n: Int) -> Double { Foundation.pow(10, Double(Swift.min(n, 300))) }
}
