/// An N-dimensional array of `float32`, `float64`, `int64` or `bool` elements, stored row-major
/// with explicit strides, that can record the operations applied to it for reverse-mode
/// automatic differentiation.
///
/// Tensors are reference types, as in PyTorch: views (``reshaped(_:)``, ``transposed()``,
/// slices, ``expanded(to:)``) share memory with the tensor they view, and a parameter's
/// ``grad`` is visible through every reference to it.
///
/// Operations trap on programmer errors — mismatched shapes, an axis out of range — with a
/// message that names the shapes, as Swift arrays do for a bad index. Code that handles input
/// from outside (files, the network) validates first, with the throwing APIs such as
/// ``init(shape:scalars:)`` and ``broadcastShape(_:_:)``.
public final class Tensor: @unchecked Sendable {
    /// The size of each dimension.
    public let shape: [Int]
    /// The distance, in elements, between neighbours along each dimension.
    public let strides: [Int]
    /// The element type.
    public let dtype: DType
    /// The number of elements (the product of ``shape``; 1 for a scalar).
    public let count: Int
    /// Offset of the first element in ``storage``, in elements.
    let offset: Int
    let storage: TensorStorage
    /// `true` when the elements lie in row-major order with no gaps (views such as transposes
    /// and strided slices are not; ``contiguous()`` makes a copy that is).
    public let isContiguous: Bool

    // MARK: autodiff state
    /// The rule that produced this tensor, when it was recorded for differentiation.
    var gradNode: GradNode?
    var isLeafRequiringGrad = false
    var retainsGrad = false

    /// The accumulated gradient, filled by ``backward(_:retainGraph:createGraph:)`` for
    /// tensors that require gradients and are leaves (or called ``retainGrad()``).
    public var grad: Tensor?

    init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int, dtype: DType) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.dtype = dtype
        var n = 1
        for d in shape { n &*= d }
        count = n
        isContiguous = Shape.isContiguous(shape: shape, strides: strides)
    }

    /// A new contiguous tensor whose elements are not yet initialised.
    package init(uninitializedShape shape: [Int], dtype: DType) {
        var n = 1
        for d in shape { n &*= d }
        count = n
        storage = TensorStorage.make(count: n, dtype: dtype)
        self.shape = shape
        strides = Shape.contiguousStrides(shape)
        offset = 0
        self.dtype = dtype
        isContiguous = true
    }

    /// A new contiguous tensor like `template` (its shape and, when contiguous, its strides
    /// array, so that no new arrays are allocated).
    init(uninitializedLike template: Tensor, dtype: DType? = nil) {
        let dtype = dtype ?? template.dtype
        count = template.count
        storage = TensorStorage.make(count: template.count, dtype: dtype)
        shape = template.shape
        strides = template.isContiguous ? template.strides : Shape.contiguousStrides(template.shape)
        offset = 0
        self.dtype = dtype
        isContiguous = true
    }

    /// `true` when every element reads the same memory (a scalar, or a broadcast of one value).
    var isUniform: Bool {
        for (d, s) in zip(shape, strides) where d > 1 && s != 0 { return false }
        return true
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// `true` when this tensor records operations for differentiation: a leaf marked with
    /// ``requiresGrad`` or the result of a recorded operation on one.
    public var requiresGrad: Bool {
        get { isLeafRequiringGrad || gradNode != nil }
        set {
            precondition(gradNode == nil,
                         "requiresGrad can only be set on a leaf tensor; this one was computed from others (use detached().requiringGrad())")
            precondition(!newValue || dtype.isFloatingPoint,
                         "only float32 and float64 tensors can require gradients, not \(dtype)")
            if gradNode == nil { isLeafRequiringGrad = newValue }
        }
    }

    /// `true` for tensors not produced by a recorded operation.
    public var isLeaf: Bool { gradNode == nil }

    /// Sets ``requiresGrad`` and returns the tensor, for chaining: `Tensor.randn([3]).requiringGrad()`.
    @discardableResult
    public func requiringGrad(_ flag: Bool = true) -> Tensor {
        requiresGrad = flag
        return self
    }

    /// Keeps this (non-leaf) tensor's gradient in ``grad`` during the next backward pass.
    public func retainGrad() { retainsGrad = true }

    /// The same data with no autodiff history: gradients do not flow through it.
    public func detached() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset, dtype: dtype)
    }

    /// A view with new shape and strides over the same memory.
    func view(shape: [Int], strides: [Int], offset: Int? = nil) -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset ?? self.offset, dtype: dtype)
    }

    /// Typed pointer to the first element of this view.
    @inline(__always)
    func basePointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        storage.pointer(T.self) + offset
    }

    /// `true` when both tensors view the same memory block.
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }
}
