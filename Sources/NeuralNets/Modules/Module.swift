import Tensors

/// Marks a module's tensor as a buffer: state saved in the state dictionary but not trained
/// (batch norm's running statistics, a fixed positional-encoding table).
@propertyWrapper
public struct Buffer {
    public var wrappedValue: Tensor
    public init(wrappedValue: Tensor) { self.wrappedValue = wrappedValue }
}

/// The base of every layer and model: it owns parameters (tensors that train), buffers, and
/// child modules, all found from its stored properties, as `torch.nn.Module` finds attributes.
///
/// A subclass declares what it holds as stored properties — `Tensor` properties are parameters,
/// `@Buffer` ones are buffers, and `Module` properties (alone, optional, or in arrays) are
/// children — and writes its computation in `callAsFunction`:
/// ```swift
/// final class MLP: Module, UnaryLayer {
///     let hidden = Linear(2, 16), output = Linear(16, 1)
///     func callAsFunction(_ x: Tensor) -> Tensor { output(hidden(x).tanh()) }
/// }
/// ```
/// Names follow the property names (`hidden.weight`), with array positions as `layers.0.bias`,
/// so that state dictionaries match PyTorch's for the same structure.
open class Module {
    /// `true` in training mode (dropout drops, batch norm updates its running statistics).
    public private(set) var isTraining = true

    public init() {}

    /// The child modules with their names. The default reads the stored properties; a
    /// container such as ``Sequential`` overrides it to name children by position.
    open var namedChildren: [(String, Module)] {
        var children: [(String, Module)] = []
        for (label, value) in storedProperties() {
            collectModules(value, name: label, into: &children)
        }
        return children
    }

    /// This module's own parameters (not its children's), with their names.
    open var ownParameters: [(String, Tensor)] {
        storedProperties().compactMap { label, value in (value as? Tensor).map { (label, $0) } }
            + storedProperties().flatMap { label, value -> [(String, Tensor)] in
                guard let list = value as? [Tensor] else { return [] }
                return list.enumerated().map { ("\(label).\($0.offset)", $0.element) }
            }
    }

    /// This module's own buffers (not its children's), with their names.
    open var ownBuffers: [(String, Tensor)] {
        storedProperties().compactMap { label, value in (value as? Buffer).map { (label, $0.wrappedValue) } }
    }

    /// Every parameter of this module and its descendants, with dotted names, in declaration order.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        visit(prefix: "") { prefix, module in
            for (name, t) in module.ownParameters { result.append((prefix + name, t)) }
        }
        return result
    }

    /// Every parameter (each tensor once, even if shared between modules).
    public func parameters() -> [Tensor] {
        var seen = Set<ObjectIdentifier>()
        return namedParameters().map(\.tensor).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// Every buffer of this module and its descendants, with dotted names.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        visit(prefix: "") { prefix, module in
            for (name, t) in module.ownBuffers { result.append((prefix + name, t)) }
        }
        return result
    }

    /// This module and every descendant, with dotted names ("" for this one).
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = []
        visit(prefix: "") { prefix, module in result.append((String(prefix.dropLast()), module)) }
        return result
    }

    /// The number of scalar parameters (trainable elements).
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Switches this module and its descendants to training mode.
    public func train(_ on: Bool = true) {
        visit(prefix: "") { _, module in module.isTraining = on }
    }

    /// Switches this module and its descendants to evaluation mode.
    public func eval() { train(false) }

    /// Clears the gradients of every parameter.
    public func zeroGrad() {
        for p in parameters() { p.zeroGrad() }
    }

    private func visit(prefix: String, _ body: (String, Module) -> Void) {
        body(prefix, self)
        for (name, child) in namedChildren { child.visit(prefix: prefix + name + ".", body) }
    }

    /// Stored properties from this class up through its superclasses, with property-wrapper
    /// underscores removed.
    private func storedProperties() -> [(String, Any)] {
        var result: [(String, Any)] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        var chain: [Mirror] = []
        while let m = mirror {
            chain.append(m)
            mirror = m.superclassMirror
        }
        for m in chain.reversed() {
            for child in m.children {
                guard var label = child.label else { continue }
                if label.hasPrefix("_") { label.removeFirst() }
                result.append((label, child.value))
            }
        }
        return result
    }

    private func collectModules(_ value: Any, name: String, into children: inout [(String, Module)]) {
        switch value {
        case let module as Module:
            children.append((name, module))
        case let list as [Module]:
            for (i, m) in list.enumerated() { children.append(("\(name).\(i)", m)) }
        case let list as [any UnaryLayer]:
            for (i, m) in list.enumerated() { children.append(("\(name).\(i)", m)) }
        default:
            // Optionals: unwrap one level.
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value {
                collectModules(wrapped, name: name, into: &children)
            }
        }
    }
}

/// A module that maps one tensor to one tensor, so that it can sit in a ``Sequential``.
public protocol UnaryLayer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}

/// Layers applied one after another; children are named by position ("0", "1", …) as in
/// PyTorch's `nn.Sequential`.
public final class Sequential: Module, UnaryLayer {
    public let layers: [any UnaryLayer]

    public init(_ layers: [any UnaryLayer]) {
        self.layers = layers
    }

    public convenience init(_ layers: any UnaryLayer...) { self.init(layers) }

    public override var namedChildren: [(String, Module)] {
        layers.enumerated().map { ("\($0.offset)", $0.element) }
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}

/// `x + f(x)`: a residual connection around a layer with matching input and output shapes.
public final class Residual: Module, UnaryLayer {
    public let body: any UnaryLayer

    public init(_ body: any UnaryLayer) { self.body = body }

    public func callAsFunction(_ input: Tensor) -> Tensor { input + body(input) }
}
