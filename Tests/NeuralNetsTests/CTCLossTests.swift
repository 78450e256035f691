import Foundation
import Testing
import Tensors
import TestSupport
import NeuralNets

@Suite("CTC loss against PyTorch")
struct CTCLossTests {
    static let cases: [(name: String, loss: CTCLoss)] = [
        ("mean_padded", CTCLoss()),
        ("sum_concatenated_blank4", CTCLoss(blank: 4, reduction: .sum)),
        ("none_empty_target", CTCLoss(reduction: .none)),
        ("mean_zero_infinity", CTCLoss(zeroInfinity: true)),
        ("unbatched", CTCLoss(reduction: .none)),
    ]

    /// PyTorch applied `log_softmax` to the logits and differentiated with respect to the logits;
    /// so does the test (PyTorch's gradient with respect to the log-probabilities themselves uses
    /// another convention, see ``CTCLoss``).
    @Test(arguments: cases.map(\.name))
    func ctcLossMatchesPyTorch(_ name: String) {
        let loss = Self.cases.first { $0.name == name }!.loss
        let f = SequenceCase("ctc_\(name)")
        for dtype in [DType.float32, .float64] {
            expectSequenceCaseMatchesTorch(f, module: nil, dtype: dtype) { x in
                let logProbabilities = x["logits"]!.logSoftmax(axis: -1)
                return ["output": loss(logProbabilities, x["targets"]!, inputLengths: x["input_lengths"]!,
                                       targetLengths: x["target_lengths"]!)]
            }
        }
    }

    @Test func gradientWithRespectToLogProbabilitiesIsPyTorchsMinusTheSoftmaxTerm() {
        // PyTorch returns exp(lp)·ḡ − γ·ḡ; the exact derivative is −γ·ḡ (ḡ: the upstream gradient
        // of each sample's loss). With reduction .sum and cotangent c, ḡ = c on every frame inside
        // the input length.
        let f = SequenceCase("ctc_sum_concatenated_blank4")
        let lp = f["logits"].logSoftmax(axis: -1).clone().requiringGrad()
        let out = CTCLoss(blank: 4, reduction: .sum)(lp, f["targets"], inputLengths: f["input_lengths"],
                                                      targetLengths: f["target_lengths"])
        (out * f["cot_output"]).backward()
        let lengths = f["input_lengths"].scalars(as: Int.self)
        let inside = Tensor.arange(12).reshaped([12, 1, 1]) .< Tensor(lengths.map(Double.init), shape: [1, 3, 1]).to(.int64)
        let softmaxTerm = lp.detached().exp() * f["cot_output"] * inside.to(.float64)
        expectValues(lp.grad! + softmaxTerm, like: f["torch_grad_log_probs"], tolerance: 1e-10)
    }

    @Test func impossibleAlignmentsAreInfiniteUnlessZeroed() {
        let f = SequenceCase("ctc_mean_zero_infinity")
        let lp = f["logits"].logSoftmax(axis: -1)
        let perSample = CTCLoss(reduction: .none)(lp, f["targets"], inputLengths: f["input_lengths"],
                                                  targetLengths: f["target_lengths"])
        let values = perSample.scalars(as: Double.self)
        #expect(values[1] == .infinity && values[0].isFinite && values[2].isFinite)
        let zeroed = CTCLoss(reduction: .none, zeroInfinity: true)(lp.requiringGrad(), f["targets"],
                                                                      inputLengths: [12, 4, 10], targetLengths: [3, 3, 2])
        #expect(zeroed.scalars(as: Double.self)[1] == 0)
        zeroed.sum().backward()
    }

    @Test func singleFrameAndEmptyTargetsHaveClosedForms() {
        // One frame, target [2]: the only alignment emits 2.
        let lp = Tensor([[[-1.2, -0.7, -2.3]]]).to(.float64)
        let one = CTCLoss(reduction: .sum)(lp, Tensor([2], dtype: .int64), inputLengths: [1], targetLengths: [1])
        expectValues(one, [2.3], tolerance: 1e-12)
        // Empty target: every frame blank.
        let frames = Tensor([[[-0.1, -2.0]], [[-0.3, -1.5]], [[-0.2, -1.8]]]).to(.float64)
        let empty = CTCLoss(reduction: .sum)(frames, Tensor.zeros([0], dtype: .int64), inputLengths: [3], targetLengths: [0])
        expectValues(empty, [0.6], tolerance: 1e-12)
        // Two frames, target [1]: alignments (1,1), (1,b), (b,1).
        let two = Tensor([[[-0.5, -1.0]], [[-0.4, -1.2]]]).to(.float64)
        let paths: [Double] = [-1.0 - 1.2, -1.0 - 0.4, -0.5 - 1.2]
        let expected = -Foundation.log(paths.map { Foundation.exp($0) }.reduce(0, +))
        expectValues(CTCLoss(reduction: .sum)(two, Tensor([[1]], dtype: .int64), inputLengths: [2], targetLengths: [1]),
                     [expected], tolerance: 1e-12)
    }

    @Test func ctcGradientCheck() {
        // Free log-probabilities (not normalised): the exact derivative −γ.
        let targets = Tensor([[1, 2, 2], [3, 1, 0]], dtype: .int64)
        expectGradientsMatch([sample([6, 2, 4], seed: 61, low: -3, high: -0.1)]) {
            CTCLoss(reduction: .none)($0[0], targets, inputLengths: [6, 5], targetLengths: [3, 2])
        }
        // Through log-softmax, with the mean reduction and a non-zero blank.
        expectGradientsMatch([sample([7, 2, 5], seed: 62, low: -2, high: 2)]) {
            CTCLoss(blank: 2, reduction: .mean)($0[0].logSoftmax(axis: -1), Tensor([0, 1, 1, 4, 3], dtype: .int64),
                                                 inputLengths: [7, 6], targetLengths: [3, 2])
        }
    }
}
