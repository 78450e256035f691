import Testing
import Tensors
import TestSupport
@testable import NeuralNets

/// A loss configuration of the fixture: its name, which inputs are differentiated, and the loss.
private struct LossCase: Sendable {
    let name: String
    let differentiable: [Bool]
    let loss: @Sendable ([Tensor]) -> Tensor
}

private let lossCases: [LossCase] = [
    LossCase(name: "mse_mean", differentiable: [true, true]) { MSELoss()($0[0], $0[1]) },
    LossCase(name: "mse_sum", differentiable: [true, true]) { MSELoss(reduction: .sum)($0[0], $0[1]) },
    LossCase(name: "mse_none", differentiable: [true, true]) { MSELoss(reduction: .none)($0[0], $0[1]) },
    LossCase(name: "l1", differentiable: [true, true]) { L1Loss()($0[0], $0[1]) },
    LossCase(name: "huber", differentiable: [true, true]) { HuberLoss(delta: 0.5)($0[0], $0[1]) },
    LossCase(name: "smooth_l1", differentiable: [true, true]) { SmoothL1Loss(beta: 0.5)($0[0], $0[1]) },
    LossCase(name: "bce", differentiable: [true, false]) { BCELoss()($0[0], $0[1]) },
    LossCase(name: "bce_weighted", differentiable: [true, false, false]) { BCELoss(weight: $0[2])($0[0], $0[1]) },
    LossCase(name: "bce_logits", differentiable: [true, true]) { BCEWithLogitsLoss()($0[0], $0[1]) },
    LossCase(name: "bce_logits_weighted", differentiable: [true, false, false, false]) {
        BCEWithLogitsLoss(weight: $0[2], positiveWeight: $0[3])($0[0], $0[1])
    },
    LossCase(name: "ce", differentiable: [true, false]) { CrossEntropyLoss()($0[0], $0[1]) },
    LossCase(name: "ce_sum", differentiable: [true, false]) { CrossEntropyLoss(reduction: .sum)($0[0], $0[1]) },
    LossCase(name: "ce_none", differentiable: [true, false]) { CrossEntropyLoss(reduction: .none)($0[0], $0[1]) },
    LossCase(name: "ce_weighted", differentiable: [true, false, false]) { CrossEntropyLoss(weight: $0[2])($0[0], $0[1]) },
    LossCase(name: "ce_ignore", differentiable: [true, false]) { CrossEntropyLoss(ignoreIndex: -1)($0[0], $0[1]) },
    LossCase(name: "ce_smoothing", differentiable: [true, false]) { CrossEntropyLoss(labelSmoothing: 0.2)($0[0], $0[1]) },
    LossCase(name: "ce_all_options", differentiable: [true, false, false]) {
        CrossEntropyLoss(weight: $0[2], ignoreIndex: -1, labelSmoothing: 0.1)($0[0], $0[1])
    },
    LossCase(name: "ce_all_options_sum", differentiable: [true, false, false]) {
        CrossEntropyLoss(weight: $0[2], ignoreIndex: -1, labelSmoothing: 0.1, reduction: .sum)($0[0], $0[1])
    },
    LossCase(name: "ce_probabilities", differentiable: [true, true, false]) {
        CrossEntropyLoss(weight: $0[2], labelSmoothing: 0.1)($0[0], $0[1])
    },
    LossCase(name: "ce_spatial", differentiable: [true, false]) { CrossEntropyLoss()($0[0], $0[1]) },
    LossCase(name: "nll_weighted_ignore", differentiable: [true, false, false]) {
        NLLLoss(weight: $0[2], ignoreIndex: -1)($0[0], $0[1])
    },
    LossCase(name: "kl_batchmean", differentiable: [true, false]) { KLDivLoss(batchMean: true)($0[0], $0[1]) },
    LossCase(name: "kl_mean", differentiable: [true, false]) { KLDivLoss()($0[0], $0[1]) },
    LossCase(name: "kl_log_target", differentiable: [true, true]) { KLDivLoss(reduction: .sum, logTarget: true)($0[0], $0[1]) },
    LossCase(name: "hinge_embedding", differentiable: [true, false]) { HingeEmbeddingLoss(margin: 0.5)($0[0], $0[1]) },
    LossCase(name: "cosine_embedding", differentiable: [true, true, false]) {
        CosineEmbeddingLoss(margin: 0.2)($0[0], $0[1], $0[2])
    },
    LossCase(name: "multi_margin", differentiable: [true, false]) { MultiMarginLoss()($0[0], $0[1]) },
    LossCase(name: "multi_margin_p2", differentiable: [true, false]) { MultiMarginLoss(p: 2, margin: 0.5)($0[0], $0[1]) },
]

@Suite("Losses against PyTorch")
struct LossTests {
    @Test(arguments: lossCases.map(\.name))
    func lossMatchesPyTorch(_ name: String) {
        let c = lossCases.first { $0.name == name }!
        let f = torchCase("loss_\(name)")
        let inputs = (0..<c.differentiable.count).map { f["in\($0)"] }
        for dtype in [DType.float32, .float64] {
            let (out, grads) = forwardBackward(inputs, differentiable: c.differentiable, dtype: dtype,
                                               cotangent: f["cotangent"], c.loss)
            let tolerance = dtype == .float32 ? float32Tolerance : 1e-10
            expectValues(out, like: f["output"], tolerance: tolerance)
            for (i, d) in c.differentiable.enumerated() where d {
                expectValues(grads[i]!, like: f["grad\(i)"], tolerance: tolerance)
            }
        }
    }

    @Test(arguments: lossCases.map(\.name))
    func lossGradientCheck(_ name: String) {
        let c = lossCases.first { $0.name == name }!
        let f = torchCase("loss_\(name)")
        // Only the differentiated inputs are perturbed; labels and weights stay as they are.
        let differentiated = c.differentiable.enumerated().filter(\.element).map(\.offset)
        let fixed = (0..<c.differentiable.count).map { f["in\($0)"] }
        expectGradientsMatch(differentiated.map { fixed[$0] }) { varying in
            var inputs = fixed
            for (k, i) in differentiated.enumerated() { inputs[i] = varying[k] }
            return c.loss(inputs)
        }
    }

    @Test func crossEntropyRejectsOutOfRangeLabels() async {
        await #expect(processExitsWith: .failure) {
            _ = CrossEntropyLoss()(Tensor.zeros([2, 3]), Tensor([0, 3]))
        }
    }
}
