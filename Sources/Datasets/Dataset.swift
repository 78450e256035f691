import Tensors

/// A supervised data set: a feature matrix, a target vector, and their names.
///
/// Classification targets are `int64` class indices into ``targetNames``; regression targets
/// are `float64` values and ``targetNames`` is empty.
public struct Dataset: Sendable {
    /// `[samples, features]`, `float64` (images: `[samples, height · width]`, see ``imageShape``).
    public var features: Tensor
    /// `[samples]`: `int64` classes or `float64` values.
    public var target: Tensor
    /// One name per feature column (per pixel for images).
    public var featureNames: [String]
    /// Class names in index order (empty for regression).
    public var targetNames: [String]
    /// For image data, the shape of one image (`[8, 8]` for digits, `[28, 28]` for
    /// Fashion-MNIST); `nil` otherwise.
    public var imageShape: [Int]?
    /// Where the data comes from and its licence, in a sentence or two.
    public var source: String

    /// A data set from its parts; see the properties for the expected shapes and dtypes.
    public init(features: Tensor, target: Tensor, featureNames: [String], targetNames: [String] = [],
                imageShape: [Int]? = nil, source: String) {
        self.features = features
        self.target = target
        self.featureNames = featureNames
        self.targetNames = targetNames
        self.imageShape = imageShape
        self.source = source
    }

    /// The number of samples.
    public var count: Int { features.shape.first ?? 0 }

    /// `true` when the target holds class indices.
    public var isClassification: Bool { target.dtype == .int64 }
}
