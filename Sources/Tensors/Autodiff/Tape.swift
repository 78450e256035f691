/// A readable record of the computation that produced a tensor: what the lessons draw.
///
/// Entries are in the order they were computed (inputs before the operations that use them).
/// Leaves appear as parameters (they require gradients) or constants.
public struct Tape: CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A leaf that requires gradients (a weight).
        case parameter
        /// A leaf that does not (data, labels, constants).
        case constant
        /// The output of a recorded operation.
        case operation
    }

    public struct Entry {
        /// Position in ``Tape/entries``.
        public let id: Int
        public let kind: Kind
        /// The operation's name ("matmul", "tanh", ...), or "parameter"/"constant" for leaves.
        public let op: String
        /// The ids of the entries this operation read.
        public let inputs: [Int]
        public let shape: [Int]
        public let dtype: DType
        /// The tensor itself (its values).
        public let value: Tensor
        /// Its gradient, when a backward pass left one: a leaf's ``Tensor/grad``, or for an
        /// operation the gradient kept with `retainGraph: true` or ``Tensor/retainGrad()``.
        public let gradient: Tensor?
    }

    public let entries: [Entry]

    public var description: String {
        entries.map { e in
            let args = e.inputs.isEmpty ? "" : "(" + e.inputs.map { "%\($0)" }.joined(separator: ", ") + ")"
            let grad = e.gradient == nil ? "" : "  grad ✓"
            return "%\(e.id) = \(e.op)\(args) : \(e.dtype)\(e.shape)\(grad)"
        }.joined(separator: "\n")
    }
}

extension Tensor {
    /// The recorded computation that produced this tensor (see ``Tape``). Call it before
    /// ``backward(_:retainGraph:createGraph:)``, or after one with `retainGraph: true`.
    public var tape: Tape {
        var ids: [ObjectIdentifier: Int] = [:]
        var entries: [Tape.Entry] = []
        func add(_ t: Tensor, op: String, kind: Tape.Kind, inputs: [Int], gradient: Tensor?) {
            ids[ObjectIdentifier(t)] = entries.count
            entries.append(Tape.Entry(id: entries.count, kind: kind, op: op, inputs: inputs, shape: t.shape,
                                      dtype: t.dtype, value: t, gradient: gradient))
        }
        for t in graphOrder() {
            let node = t.gradNode!
            for input in node.inputs where input.gradNode == nil && ids[ObjectIdentifier(input)] == nil {
                let kind: Tape.Kind = input.requiresGrad ? .parameter : .constant
                add(input, op: kind.rawValue, kind: kind, inputs: [], gradient: input.grad)
            }
            add(t, op: "\(node.op)", kind: .operation,
                inputs: node.inputs.map { ids[ObjectIdentifier($0)]! }, gradient: node.gradient ?? t.grad)
        }
        if gradNode == nil {
            add(self, op: requiresGrad ? "parameter" : "constant", kind: requiresGrad ? .parameter : .constant,
                inputs: [], gradient: grad)
        }
        return Tape(entries: entries)
    }
}
