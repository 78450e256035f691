import Tensors

/// Parameters that share hyperparameters, as PyTorch's parameter groups: a schedule or a
/// layer-wise learning rate changes a group's values.
public struct ParameterGroup {
    public var parameters: [Tensor]
    public var learningRate: Double
    public var weightDecay: Double

    public init(_ parameters: [Tensor], learningRate: Double, weightDecay: Double = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }
}

/// What an optimizer remembers for one parameter: how many updates it has had and named
/// buffers of the parameter's shape (moment estimates, momentum).
public struct ParameterState {
    public var step = 0
    public var buffers: [String: Tensor] = [:]

    /// The buffer `name`, created as zeros like `parameter` on first use.
    public mutating func buffer(_ name: String, like parameter: Tensor, initialValue: Double = 0) -> Tensor {
        if let existing = buffers[name] { return existing }
        let created = Tensor.full(parameter.shape, initialValue, dtype: parameter.dtype)
        buffers[name] = created
        return created
    }
}

/// The base of every optimizer: it walks the parameter groups, skips parameters without a
/// gradient, keeps per-parameter state, and turns recording off. A subclass writes only its
/// update rule in ``update(_:gradient:state:group:)``.
///
/// The loop everyone knows: `optimizer.zeroGrad(); loss.backward(); optimizer.step()`.
open class Optimizer {
    public var groups: [ParameterGroup]
    public private(set) var states: [ObjectIdentifier: ParameterState] = [:]

    /// One group with the given hyperparameters.
    public init(_ parameters: [Tensor], learningRate: Double, weightDecay: Double = 0) {
        precondition(learningRate >= 0 && learningRate.isFinite, "optimizer: learning rate must be finite and ≥ 0, got \(learningRate)")
        precondition(weightDecay >= 0, "optimizer: weight decay must be ≥ 0, got \(weightDecay)")
        groups = [ParameterGroup(parameters, learningRate: learningRate, weightDecay: weightDecay)]
    }

    /// Several groups, each with its own learning rate and weight decay.
    public init(groups: [ParameterGroup]) {
        precondition(!groups.isEmpty, "optimizer: give at least one parameter group")
        self.groups = groups
    }

    /// The learning rate of the first group; setting it sets every group's (what a schedule does).
    public var learningRate: Double {
        get { groups[0].learningRate }
        set {
            for i in groups.indices { groups[i].learningRate = newValue }
        }
    }

    /// Clears the gradients of every parameter.
    public func zeroGrad() {
        for group in groups { for p in group.parameters { p.zeroGrad() } }
    }

    /// Updates every parameter that has a gradient.
    public func step() {
        withNoGrad {
            for group in groups {
                for parameter in group.parameters {
                    guard let gradient = parameter.grad else { continue }
                    let key = ObjectIdentifier(parameter)
                    var state = states[key] ?? ParameterState()
                    state.step += 1
                    update(parameter, gradient: gradient.contiguous(), state: &state, group: group)
                    states[key] = state
                }
            }
        }
    }

    /// Applies one update to `parameter` in place. Called with recording off, once per
    /// parameter that has a gradient, after `state.step` has been incremented.
    open func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        preconditionFailure("\(type(of: self)) must override update(_:gradient:state:group:)")
    }
}

/// An elementwise update over a parameter, its gradient and state buffers of the same shape,
/// written once for both float dtypes.
protocol ElementwiseRule {
    /// `p` the parameter, `g` the gradient, `s` the state buffers (in the order passed).
    func apply<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
                                        _ s: [UnsafeMutablePointer<T>], count: Int)
}

extension ElementwiseRule {
    /// Runs the rule over contiguous tensors.
    /// - Precondition: all are contiguous, of one float dtype and the same size.
    func run(_ parameter: Tensor, _ gradient: Tensor, _ buffers: [Tensor] = []) {
        precondition(parameter.dtype == gradient.dtype && buffers.allSatisfy { $0.dtype == parameter.dtype },
                     "optimizer: parameter, gradient and state must share a dtype")
        func go<T: FloatingPointElement>(_: T.Type) {
            parameter.withUnsafeMutableElements(as: T.self) { p in
                gradient.withUnsafeElements(as: T.self) { g in
                    let states = buffers.map { buffer in buffer.withUnsafeMutableElements(as: T.self) { $0.baseAddress! } }
                    apply(p.baseAddress!, g.baseAddress!, states, count: p.count)
                }
            }
        }
        switch parameter.dtype {
        case .float32: go(Float.self)
        case .float64: go(Double.self)
        default: preconditionFailure("optimizer: parameters must be float32 or float64, got \(parameter.dtype)")
        }
    }
}
