import Foundation
import LessonCode
import Tensors
import Testing

/// Checks the code of `deep/neural-networks` against values worked out by hand. The training and
/// initialisation regions draw from the shared random generator (as a learner's script would),
/// so their checks are bounds that hold for any draw, not exact numbers.
@Suite struct NeuralNetworksTests {
    let corners: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    @Test func perceptronLearnsAnd() {
        // Traced by hand from zero weights, visiting the corners in order: the last correction
        // comes in the fifth pass, leaving w = (2, 1), b = −2 (the line 2x₁ + x₂ = 2), and the
        // sixth pass makes no mistake.
        let result = NeuralNetworksLesson.perceptron(points: corners, labels: [0, 0, 0, 1])
        #expect(result.weights == [2, 1])
        #expect(result.bias == -2)
        #expect(result.accuracy == 1)
    }

    @Test func perceptronCannotLearnXor() {
        // No line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other, so at
        // most three of the four corners can ever be right, however long it trains.
        for epochs in [1, 10, 100] {
            let result = NeuralNetworksLesson.perceptron(points: corners, labels: [0, 1, 1, 0], epochs: epochs)
            #expect(result.accuracy <= 0.75)
        }
    }

    @Test func xorByHand() {
        let (hidden, output) = NeuralNetworksLesson.xorByHand()
        #expect(hidden.scalars(as: Double.self) == [0, 0, 1, 0, 1, 0, 2, 1])
        #expect(output.shape == [4, 1])
        #expect(output.scalars(as: Double.self) == [0, 1, 1, 0])
    }

    @Test func backpropAtZeroWeights() {
        // All weights zero: every hidden unit and the output are σ(0) = ½, so the loss is ln 2.
        // ∂L/∂z₂ = (½ − y)/4 sums to zero over the four points and h is ½ everywhere, so every
        // gradient vanishes (the symmetry that random initialisation breaks).
        let r = NeuralNetworksLesson.backprop(w1: Tensor.zeros([2, 3], dtype: .float64), b1: Tensor.zeros([3], dtype: .float64),
                                              w2: Tensor.zeros([3, 1], dtype: .float64), b2: Tensor.zeros([1], dtype: .float64))
        #expect(abs(r.loss - log(2)) < 1e-12)
        for gradient in [r.dw1, r.db1, r.dw2, r.db2] {
            #expect(gradient.scalars(as: Double.self).allSatisfy { abs($0) < 1e-15 })
        }
        #expect(r.dw1.shape == [2, 3] && r.db1.shape == [3] && r.dw2.shape == [3, 1] && r.db2.shape == [1])
    }

    /// Weights with no symmetry, so that every gradient is different from zero.
    func weights() -> (Tensor, Tensor, Tensor, Tensor) {
        (Tensor([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]] as [[Double]]), Tensor([0.1, -0.2, 0.05] as [Double]),
         Tensor([[1.2], [-0.7], [0.4]] as [[Double]]), Tensor([-0.1] as [Double]))
    }

    @Test func backpropMatchesAutodiff() {
        let (w1, b1, w2, b2) = weights()
        let manual = NeuralNetworksLesson.backprop(w1: w1, b1: b1, w2: w2, b2: b2)
        // The same loss, differentiated by the engine's tape.
        let leaves = [w1, b1, w2, b2].map { $0.clone().requiringGrad() }
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]] as [[Double]]), y = Tensor([[0], [1], [1], [0]] as [[Double]])
        let p = ((x.matmul(leaves[0]) + leaves[1]).sigmoid().matmul(leaves[2]) + leaves[3]).sigmoid()
        let loss = -(y * p.log() + (1 - y) * (1 - p).log()).mean()
        loss.backward()
        #expect(abs(manual.loss - loss.item()) < 1e-14)
        for (mine, leaf) in zip([manual.dw1, manual.db1, manual.dw2, manual.db2], leaves) {
            let expected = leaf.grad!.scalars(as: Double.self)
            #expect(zip(mine.scalars(as: Double.self), expected).allSatisfy { abs($0 - $1) < 1e-14 })
            #expect(expected.contains { abs($0) > 1e-4 })
        }
    }

    @Test func gradientCheck() {
        let (w1, b1, w2, b2) = weights()
        let result = NeuralNetworksLesson.gradientCheck(w1: w1, b1: b1, w2: w2, b2: b2)
        #expect(abs(result.numeric - result.autodiff) < 1e-8)
        #expect(abs(result.autodiff) > 1e-4)
        #expect(result.report.passed)
        #expect(result.report.checkedElements == 6 + 3 + 3 + 1)
        // The hand-derived gradient of the same weight, from the backprop region.
        let manual = NeuralNetworksLesson.backprop(w1: w1, b1: b1, w2: w2, b2: b2)
        #expect(abs(manual.dw1[0, 0].item() - result.autodiff) < 1e-12)
    }

    @Test func training() throws {
        let result = try NeuralNetworksLesson.training()
        #expect(result.losses.count == 300)
        // It starts near ln 2 = 0.693 (an undecided network) and ends far below it.
        #expect(abs(result.losses[0] - log(2)) < 0.2)
        #expect(result.losses.last! < 0.1)
        #expect(result.accuracy >= 0.95)
    }

    @Test func initialisation() {
        let r = NeuralNetworksLesson.initialisation()
        for spreads in [r.tanhTiny, r.tanhXavier, r.reluXavier, r.reluHe] { #expect(spreads.count == 20) }
        // Weights of spread 0.01 over 64 inputs scale the signal by about 0.08 per layer.
        #expect(r.tanhTiny.last! < 1e-15)
        // Xavier with tanh's gain holds the spread steady.
        #expect(r.tanhXavier.last! > 0.3 && r.tanhXavier.last! < 1)
        // Xavier halves the variance at each ReLU (about 2⁻¹⁰ in spread after 20 layers); He does not.
        #expect(r.reluXavier.last! < 0.02)
        #expect(r.reluHe.last! > 0.05 && r.reluHe.last! < 5)
        #expect(r.lsuvVariances.count == 10)
        #expect(r.lsuvVariances.allSatisfy { abs($0 - 1) < 0.15 })
    }
}
