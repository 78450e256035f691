import Tensors

extension Activation {
    /// The activation as a layer for ``Sequential`` (``Identity`` for `.linear`).
    public func makeLayer() -> any UnaryLayer {
        switch self {
        case .relu: ReLU()
        case .leakyRelu: LeakyReLU()
        case .tanh: Tanh()
        case .sigmoid: Sigmoid()
        case .linear: Identity()
        case .gelu: GELU()
        case .silu: SiLU()
        case .elu: ELU()
        case .selu: SELU()
        case .mish: Mish()
        case .softplus: Softplus()
        case .hardswish: Hardswish()
        }
    }

    /// The Swift expression that builds ``makeLayer()``, e.g. `"Tanh()"`, for generated code.
    public var layerSource: String {
        switch self {
        case .relu: "ReLU()"
        case .leakyRelu: "LeakyReLU()"
        case .tanh: "Tanh()"
        case .sigmoid: "Sigmoid()"
        case .linear: "Identity()"
        case .gelu: "GELU()"
        case .silu: "SiLU()"
        case .elu: "ELU()"
        case .selu: "SELU()"
        case .mish: "Mish()"
        case .softplus: "Softplus()"
        case .hardswish: "Hardswish()"
        }
    }
}

extension FusedMLP {
    /// One entry of ``layerPlan``: what ``makeSequential()`` puts at one position.
    public enum PlannedLayer: Equatable, Sendable {
        /// `Linear(inputs, outputs)` holding linear layer `index`'s parameters.
        case linear(index: Int, inputs: Int, outputs: Int)
        case activation(Activation)
        case dropout(Double)
        /// `Residual(Sequential(body…))`.
        case residual([PlannedLayer])

        /// The Swift expression that builds this layer.
        public var source: String {
            switch self {
            case let .linear(_, inputs, outputs): "Linear(\(inputs), \(outputs))"
            case .activation(let activation): activation.layerSource
            case .dropout(let p): "Dropout(p: \(p))"
            case .residual(let body): "Residual(Sequential(\(body.map(\.source).joined(separator: ", "))))"
            }
        }
    }

    /// The layers of the equivalent ``Sequential``, in order: per hidden layer `Linear`, its
    /// activation and (when ``dropout`` > 0) `Dropout`, wrapped in `Residual` where the layer has
    /// a residual connection; then the output `Linear`.
    public var layerPlan: [PlannedLayer] {
        var plan: [PlannedLayer] = []
        for h in 0..<(layerCount - 1) {
            var block: [PlannedLayer] = [.linear(index: h, inputs: sizes[h], outputs: sizes[h + 1]), .activation(activations[h])]
            if dropout > 0 { block.append(.dropout(dropout)) }
            plan += residual[h] ? [.residual(block)] : block
        }
        plan.append(.linear(index: layerCount - 1, inputs: sizes[layerCount - 1], outputs: sizes[layerCount]))
        return plan
    }

    /// The same network built from the engine's layers (tape autodiff), holding a copy of the
    /// current parameters as float32. Its state dictionary is what the network exports.
    public func makeSequential() -> Sequential {
        func build(_ planned: PlannedLayer) -> any UnaryLayer {
            switch planned {
            case let .linear(index, inputs, outputs):
                let layer = Linear(inputs, outputs)
                withNoGrad {
                    layer.weight.assign(Tensor(weights(layer: index), shape: [outputs, inputs]))
                    layer.bias?.assign(Tensor(biases(layer: index), shape: [outputs]))
                }
                return layer
            case .activation(let activation): return activation.makeLayer()
            case .dropout(let p): return Dropout(p: p)
            case .residual(let body): return Residual(Sequential(body.map(build)))
            }
        }
        return Sequential(layerPlan.map(build))
    }
}
