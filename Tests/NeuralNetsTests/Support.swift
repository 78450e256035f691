import Testing
import Tensors
import TestSupport

/// A case of `Fixtures/torch_reference.json` (written by PyTorch; see its generator script).
func torchCase(_ name: String, file: String = #filePath) -> ReferenceFixture.Case {
    ReferenceFixture.case(name, in: "torch_reference", folder: file)
}

/// Runs `f` on leaves made from `inputs` (in `dtype`), backpropagates `cotangent`, and returns
/// the output and the inputs' gradients (nil where an input is not differentiated).
func forwardBackward(_ inputs: [Tensor], differentiable: [Bool]? = nil, dtype: DType, cotangent: Tensor,
                     _ f: ([Tensor]) -> Tensor) -> (output: Tensor, gradients: [Tensor?]) {
    let leaves = inputs.enumerated().map { i, t -> Tensor in
        let converted = t.dtype.isFloatingPoint ? t.to(dtype).clone() : t
        return (differentiable?[i] ?? t.dtype.isFloatingPoint) ? converted.requiringGrad() : converted
    }
    let out = f(leaves)
    (out * cotangent.to(dtype)).sum().backward()
    return (out, leaves.map(\.grad))
}

/// Relative tolerance for float32 comparisons against PyTorch's float64 values.
let float32Tolerance = 1e-4
