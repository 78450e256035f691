import Tensors

/// 2-D max pooling (PyTorch's `nn.MaxPool2d`); the stride defaults to the kernel size.
public final class MaxPool2d: Module, UnaryLayer {
    public let kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int)
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1) {
        self.kernelSize = (kernelSize, kernelSize)
        self.stride = (stride ?? kernelSize, stride ?? kernelSize)
        self.padding = (padding, padding)
        self.dilation = (dilation, dilation)
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.maxPool2d(kernel: kernelSize, stride: stride, padding: padding, dilation: dilation)
    }
}

/// 2-D average pooling (PyTorch's `nn.AvgPool2d`); the stride defaults to the kernel size.
public final class AvgPool2d: Module, UnaryLayer {
    public let kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int), countIncludePadding: Bool
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, countIncludePadding: Bool = true) {
        self.kernelSize = (kernelSize, kernelSize)
        self.stride = (stride ?? kernelSize, stride ?? kernelSize)
        self.padding = (padding, padding)
        self.countIncludePadding = countIncludePadding
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.avgPool2d(kernel: kernelSize, stride: stride, padding: padding, countIncludePadding: countIncludePadding)
    }
}

/// Average pooling to a fixed output size (PyTorch's `nn.AdaptiveAvgPool2d`).
public final class AdaptiveAvgPool2d: Module, UnaryLayer {
    public let outputSize: (Int, Int)
    public init(outputSize: (Int, Int)) { self.outputSize = outputSize }
    public convenience init(outputSize: Int) { self.init(outputSize: (outputSize, outputSize)) }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.adaptiveAvgPool2d(outputSize) }
}

/// Merges axes `startAxis...endAxis` (PyTorch's `nn.Flatten`: by default everything after the batch).
public final class Flatten: Module, UnaryLayer {
    public let startAxis: Int, endAxis: Int
    public init(startAxis: Int = 1, endAxis: Int = -1) {
        self.startAxis = startAxis
        self.endAxis = endAxis
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.flattened(startAxis: startAxis, endAxis: endAxis) }
}

/// Nearest-neighbour upsampling of the last two axes by an integer factor (PyTorch's
/// `nn.Upsample(scale_factor:, mode="nearest")`).
public final class Upsample: Module, UnaryLayer {
    public let scale: (Int, Int)
    public init(scale: Int) { self.scale = (scale, scale) }
    public init(scale: (Int, Int)) { self.scale = scale }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.upsampleNearest(scale: scale) }
}
