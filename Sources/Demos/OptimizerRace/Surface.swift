import Foundation

/// A 2-D loss surface with its analytic gradient, the box it is drawn over and its minima.
enum Surface: String, CaseIterable, Sendable {
    /// `½(x² + κ·y²)`: a bowl whose curvatures differ by the condition number κ.
    case bowl
    /// `(1 − x)² + 100(y − x²)²`: a curved, flat-bottomed valley to (1, 1).
    case rosenbrock
    /// `½x² + ¼y⁴ − ½y²`: a saddle point at the origin between minima at (0, ±1).
    case saddle
    /// Beale's function, minimum 0 at (3, 0.5), with steep walls and flat plateaus.
    case beale
    /// The bowl, with seeded Gaussian noise added to every gradient (as minibatches do).
    case noisyBowl = "noisy-bowl"

    var label: String {
        switch self {
        case .bowl: "Quadratic bowl"
        case .rosenbrock: "Rosenbrock valley"
        case .saddle: "Saddle"
        case .beale: "Beale"
        case .noisyBowl: "Noisy bowl"
        }
    }

    var box: DemoBox {
        switch self {
        case .bowl, .noisyBowl, .saddle: DemoBox(xMin: -2, xMax: 2, yMin: -2, yMax: 2)
        case .rosenbrock: DemoBox(xMin: -2, xMax: 2, yMin: -1, yMax: 3)
        case .beale: DemoBox(xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5)
        }
    }

    /// A start that shows the surface's character.
    var defaultStart: (x: Double, y: Double) {
        switch self {
        case .bowl, .noisyBowl: (-1.8, 1.2)
        case .rosenbrock: (-1.5, 2)
        case .saddle: (1.8, 0.01)
        case .beale: (1, 1.5)
        }
    }

    var minima: [(x: Double, y: Double)] {
        switch self {
        case .bowl, .noisyBowl: [(0, 0)]
        case .rosenbrock: [(1, 1)]
        case .saddle: [(0, -1), (0, 1)]
        case .beale: [(3, 0.5)]
        }
    }

    /// Whether contours read better on a logarithmic scale (steep walls, flat floors).
    var prefersLogScale: Bool { self == .rosenbrock || self == .beale }

    /// f(x, y); `condition` is κ for the bowls.
    func value(_ x: Double, _ y: Double, condition: Double) -> Double {
        switch self {
        case .bowl, .noisyBowl: 0.5 * (x * x + condition * y * y)
        case .rosenbrock: (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        case .saddle: 0.5 * x * x + 0.25 * y * y * y * y - 0.5 * y * y
        case .beale:
            Self.square(1.5 - x + x * y) + Self.square(2.25 - x + x * y * y) + Self.square(2.625 - x + x * y * y * y)
        }
    }

    /// ∇f(x, y) (without noise).
    func gradient(_ x: Double, _ y: Double, condition: Double) -> (Double, Double) {
        switch self {
        case .bowl, .noisyBowl:
            return (x, condition * y)
        case .rosenbrock:
            return (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
        case .saddle:
            return (x, y * y * y - y)
        case .beale:
            let a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y
            let dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1)
            let dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y
            return (dx, dy)
        }
    }

    private static func square(_ v: Double) -> Double { v * v }
}
