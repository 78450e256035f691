import Testing
import TestSupport
@testable import Tensors

/// A recorded result must be freed with its graph once nothing holds it: a gradient rule that
/// captured the result tensor itself would keep it (and everything it saved) alive forever, a
/// leak of every training step. Each case records an operation on inputs that require
/// gradients, drops the result, and checks through a weak reference that it is gone.
@Suite("Recorded graphs are released")
struct GraphReleaseTests {
    static let names = [
        "add",
        "subtract",
        "multiply",
        "divide",
        "pow",
        "minimum",
        "maximum",
        "scalar",
        "exp",
        "tanh",
        "sigmoid",
        "relu",
        "sqrt",
        "clamp",
        "softmax last axis",
        "softmax first axis",
        "logSoftmax",
        "sum",
        "sum axis",
        "max axis",
        "mean",
        "variance",
        "logsumexp",
        "matmul",
        "linear",
        "reshape",
        "permute",
        "identity permute",
        "transpose",
        "expand",
        "narrow",
        "concat",
        "stack",
        "where",
        "cumsum",
        "flip",
        "diagonal",
        "gather",
        "clone",
        "contiguous of a transpose",
        "vector norm",
        "binary cross-entropy"
    ]

    /// The operation called `name`, recorded on `a` and `b` (`[3, 4]` each).
    static func apply(_ name: String, _ a: Tensor, _ b: Tensor) -> Tensor {
        switch name {
        case "add": a + b
        case "subtract": a - b
        case "multiply": a * b
        case "divide": a / (b.abs() + 1)
        case "pow": (a.abs() + 1).pow(b)
        case "minimum": Tensor.minimum(a, b)
        case "maximum": Tensor.maximum(a, b)
        case "scalar": a * 3 + 1
        case "exp": a.exp()
        case "tanh": a.tanh()
        case "sigmoid": a.sigmoid()
        case "relu": a.relu()
        case "sqrt": (a.abs() + 1).sqrt()
        case "clamp": a.clamp(min: -0.5, max: 0.5)
        case "softmax last axis": a.softmax(axis: -1)
        case "softmax first axis": a.softmax(axis: 0)
        case "logSoftmax": a.logSoftmax(axis: -1)
        case "sum": a.sum()
        case "sum axis": a.sum(axis: 1)
        case "max axis": a.max(axis: 1)
        case "mean": a.mean()
        case "variance": a.variance(axis: 1)
        case "logsumexp": a.logsumexp(axis: 1)
        case "matmul": a.matmul(b.transposed())
        case "linear": Tensor.linear(a, weight: b, bias: nil)
        case "reshape": a.reshaped([12])
        case "permute": a.permuted([1, 0])
        case "identity permute": a.permuted([0, 1])
        case "transpose": a.transposed()
        case "expand": a.narrowed(axis: 0, start: 0, length: 1).expanded(to: [3, 4])
        case "narrow": a.narrowed(axis: 1, start: 1, length: 2)
        case "concat": Tensor.concat([a, b], axis: 0)
        case "stack": Tensor.stack([a, b], axis: 0)
        case "where": Tensor.`where`(a .> 0, a, b)
        case "cumsum": a.cumsum(axis: 1)
        case "flip": a.flipped(axis: 1)
        case "diagonal": a.narrowed(axis: 1, start: 0, length: 3).diagonal()
        case "gather": a.gather(axis: 1, indices: Tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], shape: [3, 4]).to(.int64))
        case "clone": a.clone()
        case "contiguous of a transpose": a.transposed().contiguous()
        case "vector norm": Linalg.vectorNorm(a)
        case "binary cross-entropy": Tensor.binaryCrossEntropyWithLogits(a, (b .> 0).to(.float64))
        default: fatalError("no operation \(name)")
        }
    }

    @Test("a dropped result is freed", arguments: names)
    func droppedResultIsFreed(_ name: String) {
        weak var weakResult: Tensor?
        do {
            let a = sample([3, 4], seed: 1).requiringGrad(), b = sample([3, 4], seed: 2).requiringGrad()
            let result = Self.apply(name, a, b)
            #expect(result.requiresGrad, "\(name) was not recorded")
            weakResult = result
        }
        #expect(weakResult == nil, "\(name): the result outlives every reference to it (a retain cycle through its gradient rule)")
    }

    @Test("a result freed after backward, too")
    func freedAfterBackward() {
        weak var weakResult: Tensor?
        do {
            let a = sample([3, 4], seed: 3).requiringGrad()
            let result = a.softmax(axis: -1)
            (result * result).sum().backward()
            weakResult = result
        }
        #expect(weakResult == nil)
    }
}
