/// The outcome of ``GradientCheck/check(_:epsilon:absoluteTolerance:relativeTolerance:seed:_:)``.
public struct GradientCheckResult: CustomStringConvertible, Sendable {
    /// `true` when every element agreed within the tolerances.
    public let passed: Bool
    /// The largest |analytic − numeric| over all checked elements.
    public let maxAbsoluteError: Double
    /// The number of input elements compared.
    public let checkedElements: Int
    /// The worst element: which input, which flat position, and both values.
    public let worst: (input: Int, element: Int, analytic: Double, numeric: Double)?

    public var description: String {
        guard let worst else { return "gradient check: nothing to compare" }
        return "gradient check \(passed ? "passed" : "FAILED"): \(checkedElements) elements, max |error| "
            + "\(maxAbsoluteError) at input \(worst.input)[\(worst.element)] (autodiff \(worst.analytic), numeric \(worst.numeric))"
    }
}

/// Compares reverse-mode gradients with central finite differences, in Double.
public enum GradientCheck {
    /// Checks the gradients of `function` at `inputs`.
    ///
    /// Floating-point inputs are copied to `float64` leaves; other inputs (indices, masks) are
    /// passed unchanged and not checked. A non-scalar output is reduced with a fixed random
    /// weighting, `L = Σ wᵢ·yᵢ`, so that every output element takes part. Each input element
    /// `x` is compared as `|autodiff − numeric| ≤ absoluteTolerance + relativeTolerance·|numeric|`,
    /// with `numeric = (L(x+ε) − L(x−ε)) / 2ε`.
    ///
    /// Choose inputs away from kinks (|x| at 0, ties in max) where the derivative is not defined.
    public static func check(_ inputs: [Tensor], epsilon: Double = 1e-6, absoluteTolerance: Double = 1e-6,
                             relativeTolerance: Double = 1e-4, seed: UInt64 = 7,
                             _ function: ([Tensor]) -> Tensor) -> GradientCheckResult {
        let leaves = inputs.map { t -> Tensor in
            guard t.dtype.isFloatingPoint else { return t }
            return withNoGrad { t.detached().to(.float64).clone() }.requiringGrad()
        }
        return check(parameters: leaves.filter(\.dtype.isFloatingPoint), epsilon: epsilon, absoluteTolerance: absoluteTolerance,
                     relativeTolerance: relativeTolerance, seed: seed) { function(leaves) }
    }

    /// Checks the gradients of `function` with respect to tensors it reads itself — a model's
    /// parameters, say. Each must be a contiguous `float64` leaf that requires gradients; it is
    /// perturbed in place for the finite differences and restored. Existing gradients are
    /// cleared first and the autodiff gradients are left in ``Tensor/grad``.
    public static func check(parameters: [Tensor], epsilon: Double = 1e-6, absoluteTolerance: Double = 1e-6,
                             relativeTolerance: Double = 1e-4, seed: UInt64 = 7,
                             _ function: () -> Tensor) -> GradientCheckResult {
        for p in parameters {
            precondition(p.dtype == .float64 && p.isLeaf && p.requiresGrad && p.isContiguous,
                         "GradientCheck: parameters must be contiguous float64 leaves that require gradients")
            p.zeroGrad()
        }
        let output = function().to(.float64)
        var generator = RandomGenerator(seed: seed)
        let weights = Tensor.normal(output.shape, dtype: .float64, generator: &generator)
        func loss() -> Double { withNoGrad { (function().to(.float64) * weights).sum().item() } }
        if output.requiresGrad { (output * weights).sum().backward() }
        // Read every analytic gradient before evaluating the function again (it may touch them).
        let analyticGradients = parameters.map { p in
            p.grad?.scalars(as: Double.self) ?? [Double](repeating: 0, count: p.count)
        }

        var worst: (input: Int, element: Int, analytic: Double, numeric: Double)?
        var maxError = 0.0, checked = 0, passed = true
        for (index, leaf) in parameters.enumerated() {
            let analytic = analyticGradients[index]
            for i in 0..<leaf.count {
                let original = leaf.scalar(atFlat: i)
                leaf.setScalar(original + epsilon, atFlat: i)
                let plus = loss()
                leaf.setScalar(original - epsilon, atFlat: i)
                let minus = loss()
                leaf.setScalar(original, atFlat: i)
                let numeric = (plus - minus) / (2 * epsilon)
                let error = Swift.abs(analytic[i] - numeric)
                if !(error <= absoluteTolerance + relativeTolerance * Swift.abs(numeric)) { passed = false }
                if error > maxError || worst == nil || error.isNaN {
                    maxError = error.isNaN ? .nan : Swift.max(maxError, error)
                    worst = (index, i, analytic[i], numeric)
                }
                checked += 1
            }
        }
        return GradientCheckResult(passed: passed && checked > 0, maxAbsoluteError: maxError,
                                   checkedElements: checked, worst: worst)
    }
}
