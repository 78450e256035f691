import Tensors

/// Named tensors in a fixed order: a model's parameters and buffers, as saved and loaded.
public struct StateDict: Sendable {
    public private(set) var names: [String] = []
    private var tensors: [String: Tensor] = [:]

    public init() {}

    public init(_ entries: [(String, Tensor)]) {
        for (name, tensor) in entries { self[name] = tensor }
    }

    public subscript(_ name: String) -> Tensor? {
        get { tensors[name] }
        set {
            if tensors[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            tensors[name] = newValue
        }
    }

    /// The entries in order.
    public var entries: [(name: String, tensor: Tensor)] { names.map { ($0, tensors[$0]!) } }

    public var count: Int { names.count }
}

/// Why a state dictionary did not load into a module.
public enum StateDictError: Error, Equatable, CustomStringConvertible {
    /// Names the module expects that the dictionary lacks.
    case missingKeys([String])
    /// Names in the dictionary that the module does not have.
    case unexpectedKeys([String])
    /// A tensor whose shape differs from the module's.
    case shapeMismatch(name: String, expected: [Int], got: [Int])
    /// A tensor whose dtype cannot be used (bool into a float parameter, say).
    case dtypeMismatch(name: String, expected: DType, got: DType)

    public var description: String {
        switch self {
        case .missingKeys(let keys): "state dictionary lacks \(keys.joined(separator: ", "))"
        case .unexpectedKeys(let keys): "state dictionary has entries the model does not: \(keys.joined(separator: ", "))"
        case let .shapeMismatch(name, expected, got): "\(name): expected shape \(expected), got \(got)"
        case let .dtypeMismatch(name, expected, got): "\(name): expected \(expected), got \(got)"
        }
    }
}

extension Module {
    /// Parameters and buffers by name, sharing memory with the module (as PyTorch's `state_dict`).
    public func stateDict() -> StateDict {
        StateDict((namedParameters() + namedBuffers()).map { ($0.name, $0.tensor) })
    }

    /// Copies values from `dict` into this module's parameters and buffers, converting float
    /// dtypes. Nothing is changed unless every entry is valid.
    /// - Parameter strict: when `true` (the default), missing and unexpected names are errors.
    /// - Throws: ``StateDictError``.
    public func loadStateDict(_ dict: StateDict, strict: Bool = true) throws(StateDictError) {
        let own = namedParameters() + namedBuffers()
        let ownNames = Set(own.map(\.name))
        if strict {
            let missing = own.map(\.name).filter { dict[$0] == nil }
            if !missing.isEmpty { throw .missingKeys(missing) }
            let unexpected = dict.names.filter { !ownNames.contains($0) }
            if !unexpected.isEmpty { throw .unexpectedKeys(unexpected) }
        }
        var updates: [(Tensor, Tensor)] = []
        for (name, target) in own {
            guard let source = dict[name] else { continue }
            guard source.shape == target.shape else {
                throw .shapeMismatch(name: name, expected: target.shape, got: source.shape)
            }
            guard source.dtype == target.dtype || (source.dtype.isFloatingPoint && target.dtype.isFloatingPoint) else {
                throw .dtypeMismatch(name: name, expected: target.dtype, got: source.dtype)
            }
            updates.append((target, source))
        }
        withNoGrad {
            for (target, source) in updates { target.assign(source) }
        }
    }
}
