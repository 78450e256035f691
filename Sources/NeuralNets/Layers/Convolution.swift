import Tensors

/// PyTorch's default initialisation for convolution weights and biases: U(±1/√fanIn).
private func convolutionParameters(weightShape: [Int], fanIn: Int, bias: Bool, dtype: DType) -> (Tensor, Tensor?) {
    let bound = 1 / Double(fanIn).squareRoot()
    let weight = Tensor.uniform(weightShape, low: -bound, high: bound, dtype: dtype).requiringGrad()
    let b = bias ? Tensor.uniform([weightShape[0]], low: -bound, high: bound, dtype: dtype).requiringGrad() : nil
    return (weight, b)
}

/// 2-D convolution (PyTorch's `nn.Conv2d`): `[N, C, H, W]` → `[N, O, H′, W′]`, with stride,
/// zero padding, dilation and groups (groups = C gives a depthwise convolution; a 1×1 kernel a
/// pointwise one).
public final class Conv2d: Module, UnaryLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int), groups: Int

    /// - Precondition: positive sizes; channels divisible by `groups`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1, bias: Bool = true,
                dtype: DType = .float32) {
        precondition(inChannels > 0 && outChannels > 0 && groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "Conv2d: \(inChannels) → \(outChannels) channels do not divide into \(groups) groups")
        let perGroup = inChannels / groups
        (weight, self.bias) = convolutionParameters(weightShape: [outChannels, perGroup, kernelSize.0, kernelSize.1],
                                                    fanIn: perGroup * kernelSize.0 * kernelSize.1, bias: bias, dtype: dtype)
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
    }

    /// A square kernel, stride, padding and dilation.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                            dilation: Int = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .float32) {
        self.init(inChannels, outChannels, kernelSize: (kernelSize, kernelSize), stride: (stride, stride),
                  padding: (padding, padding), dilation: (dilation, dilation), groups: groups, bias: bias, dtype: dtype)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// 1-D convolution (PyTorch's `nn.Conv1d`): `[N, C, L]` → `[N, O, L′]`.
public final class Conv1d: Module, UnaryLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: Int, padding: Int, dilation: Int, groups: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .float32) {
        precondition(inChannels > 0 && outChannels > 0 && groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "Conv1d: \(inChannels) → \(outChannels) channels do not divide into \(groups) groups")
        let perGroup = inChannels / groups
        (weight, self.bias) = convolutionParameters(weightShape: [outChannels, perGroup, kernelSize],
                                                    fanIn: perGroup * kernelSize, bias: bias, dtype: dtype)
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.conv1d(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// 2-D transposed convolution (PyTorch's `nn.ConvTranspose2d`), which upsamples:
/// `[N, C, H, W]` → `[N, O, (H−1)s − 2p + d(k−1) + outputPadding + 1, …]`.
public final class ConvTranspose2d: Module, UnaryLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: (Int, Int), padding: (Int, Int), outputPadding: (Int, Int), dilation: (Int, Int), groups: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                groups: Int = 1, bias: Bool = true, dtype: DType = .float32) {
        precondition(inChannels > 0 && outChannels > 0 && groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                     "ConvTranspose2d: \(inChannels) → \(outChannels) channels do not divide into \(groups) groups")
        let perGroup = outChannels / groups
        // PyTorch computes the fan-in of this weight from its second axis: out/groups · k.
        let fanIn = perGroup * kernelSize.0 * kernelSize.1
        let bound = 1 / Double(fanIn).squareRoot()
        weight = Tensor.uniform([inChannels, perGroup, kernelSize.0, kernelSize.1], low: -bound, high: bound, dtype: dtype).requiringGrad()
        self.bias = bias ? Tensor.uniform([outChannels], low: -bound, high: bound, dtype: dtype).requiringGrad() : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        self.groups = groups
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.convTranspose2d(input, weight: weight, bias: bias, stride: stride, padding: padding,
                               outputPadding: outputPadding, dilation: dilation, groups: groups)
    }
}
