import Foundation
import LessonCode
import Testing

/// Checks the code of `math/calculus-optimization` against values worked out by hand.
@Suite struct CalculusOptimizationTests {
    @Test func derivatives() {
        // f(x) = x³ − 2x, f′(2) = 3·4 − 2 = 10. Expanding f(2 ± h): the forward difference is
        // 10 + 6h + h² exactly and the centred difference 10 + h² (f is a cubic).
        let h = 1e-4
        let d = CalculusOptimizationLesson.derivatives(step: h)
        #expect(d.exact == 10)
        #expect(abs(d.forward - (10 + 6 * h + h * h)) < 1e-9)
        #expect(abs(d.centred - (10 + h * h)) < 1e-9)
        #expect(abs(d.forward - 10) > 1e3 * abs(d.centred - 10), "the centred difference is far closer")
        #expect(abs(d.autodiff - 10) < 1e-12)
    }

    @Test func chainRule() {
        // (2·3 + 1 − 5)² = 4; ∂L/∂w = 2·2·3 = 12 and ∂L/∂b = 2·2 = 4.
        let c = CalculusOptimizationLesson.chainRule()
        #expect(c.loss == 4)
        #expect(c.byHand == [12, 4])
        #expect(c.autodiff.count == 2 && abs(c.autodiff[0] - 12) < 1e-12 && abs(c.autodiff[1] - 4) < 1e-12)
    }

    @Test func gradientDescentFactors() {
        // η = 0.15 on ½(x² + 10y²): x is multiplied by 0.85 and y by −0.5 at every step.
        let run = CalculusOptimizationLesson.gradientDescent(learningRate: 0.15, steps: 20)
        #expect(run.path.count == 21 && run.losses.count == 21)
        for (t, point) in run.path.enumerated() {
            #expect(abs(point.x - (-1.8 * pow(0.85, Double(t)))) < 1e-12)
            #expect(abs(point.y - 1.2 * pow(-0.5, Double(t))) < 1e-12)
        }
        #expect(abs(run.losses[0] - 0.5 * (1.8 * 1.8 + 10 * 1.2 * 1.2)) < 1e-12)   // 8.82
        #expect(zip(run.losses, run.losses.dropFirst()).allSatisfy { $1 < $0 })

        // η = 0.1 makes the y factor exactly 1 − 0.1·10 = 0: y is gone after one step.
        let flat = CalculusOptimizationLesson.gradientDescent(learningRate: 0.1, steps: 3)
        #expect(flat.path.dropFirst().allSatisfy { abs($0.y) < 1e-15 })
        #expect(abs(flat.path[3].x - (-1.8 * 0.729)) < 1e-12)

        // Above 2/10 the y factor is below −1 and the jumps grow: 1.2·1.1²⁰ ≈ 8.07 for η = 0.21.
        let wild = CalculusOptimizationLesson.gradientDescent(learningRate: 0.21, steps: 20)
        #expect(abs(wild.path[20].y - 1.2 * pow(-1.1, 20.0)) < 1e-9)
        #expect(wild.losses[20] > wild.losses[0])
    }

    @Test func momentumByHandIsTheEnginesSGD() {
        let m = CalculusOptimizationLesson.momentum(steps: 100)
        // The engine's first step copies the gradient into the velocity, exactly like v = 0.9·0 + g,
        // and both then do the same arithmetic: the same numbers to the last bit.
        #expect(m.byHand == m.engine)
        // Plain SGD at 0.015: x shrinks by 0.985 per step and y by −0.5 (gone after 100 steps),
        // so the loss is ½(1.8·0.985¹⁰⁰)² ≈ 0.0788.
        let expected = 0.5 * pow(1.8 * pow(0.985, 100.0), 2.0)
        #expect(abs(m.plainLoss - expected) < 1e-9)
        #expect(m.plainLoss > 0.07 && m.plainLoss < 0.09)
        // Momentum's iteration matrix has complex eigenvalues of modulus √0.9 in both directions
        // (r² − (1 + μ − ηλ)r + μ = 0 with a negative discriminant), far below 0.985.
        #expect(m.momentumLoss < 1e-4)
    }

    @Test func momentumStepsByHand() {
        // Two steps traced by hand from (−1.8, 1.2) with η = 0.015, μ = 0.9, κ = 100:
        // g₀ = (−1.8, 120), v₁ = g₀, p₁ = (−1.773, −0.6);
        // g₁ = (−1.773, −60), v₂ = 0.9·v₁ + g₁ = (−3.393, 48), p₂ = (−1.722105, −1.32).
        let m = CalculusOptimizationLesson.momentum(steps: 2)
        #expect(abs(m.byHand[0] - (-1.722105)) < 1e-12)
        #expect(abs(m.byHand[1] - (-1.32)) < 1e-12)
    }

    @Test func adamIgnoresTheGradientsScale() {
        let a = CalculusOptimizationLesson.adam(steps: 5)
        // First step: m̂ = g and v̂ = g², so θ₁ = 1 − 0.1·g/(|g| + 10⁻⁸) ≈ 0.9 for any scale.
        #expect(abs(a.gentle[1] - 0.9) < 1e-5 && abs(a.steep[1] - 0.9) < 1e-9)
        // Every later step scales with the gradient in numerator and denominator alike; only ε
        // (10⁻⁸ against gradients of 10⁻² or 10²) tells the two runs apart.
        #expect(zip(a.gentle, a.steep).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(a.gentle.count == 6 && zip(a.gentle, a.gentle.dropFirst()).allSatisfy { $1 < $0 })
        // Second step by hand (g₂ = 90 for the steep bowl): m̂ = 0.18/0.19 · 100,
        // v̂ = 0.001809/0.001999 · 100², so θ₂ = 0.9 − 0.1 · (0.18/0.19)/√(0.001809/0.001999).
        let second = 0.9 - 0.1 * (0.18 / 0.19) / (0.001809 / 0.001999).squareRoot()
        #expect(abs(a.steep[2] - second) < 1e-9)
        // The engine's Adam agrees with the hand-written one.
        #expect(zip(a.engine, a.steep).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func adamWDecaysByExactlyTheRequestedAmount() {
        let a = CalculusOptimizationLesson.adam()
        // No gradient: Adam's moments stay 0 and AdamW only shrinks, θ ← θ(1 − 0.1·0.01), ten times.
        #expect(abs(a.decoupled - pow(0.999, 10.0)) < 1e-12)
        // Adam with L2 normalises the penalty gradient 0.01·θ: its first step alone is
        // 0.1·0.01/(0.01 + 10⁻⁸) ≈ 0.1, a hundred times AdamW's 0.001; the next ones shrink a
        // little as θ and its gradient do, and ten of them take θ from 1 to below 0.1.
        #expect(a.coupled > 0 && a.coupled < 0.1)
        #expect(1 - a.coupled > 50 * (1 - a.decoupled))
    }

    @Test func schedules() {
        let s = CalculusOptimizationLesson.schedules()
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }
        // Step: 0.1·0.1^⌊t/30⌋. Cosine: 0.05·(1 + cos(πt/100)). Warm-up: 0.1·t/10, then cosine over 90.
        #expect(close(s.step, [0.1, 0.1, 0.01, 0.001]))
        #expect(close(s.cosine, [0.1, 0.05, 0]))
        #expect(close(s.warmupCosine, [0, 0.05, 0.1, 0.05]))
        // Each step of ½w² multiplies w by 1 − η_t: the trained weight is 3·∏(1 − η_t).
        var expected = 3.0
        for t in 0..<100 {
            let rate = t < 10 ? 0.1 * Double(t) / 10 : 0.05 * (1 + cos(Double.pi * Double(t - 10) / 90))
            expected *= 1 - rate
        }
        #expect(abs(s.trained - expected) < 1e-12)
        #expect(s.trained > 0 && s.trained < 0.05)   // about 0.018, from 3
    }
}
