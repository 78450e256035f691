extension OptimizerRace {
    public static let id = "optimizer-race"

    /// The most optimizer steps one ``step(_:)`` call takes.
    public static let maximumStepsPerCall = 10_000

    /// The racers and the hyperparameters each takes (beyond its learning rate).
    enum Kind: String, CaseIterable, Sendable {
        case sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw

        var label: String {
            switch self {
            case .sgd: "SGD"
            case .momentum: "Momentum"
            case .nesterov: "Nesterov"
            case .adagrad: "AdaGrad"
            case .rmsprop: "RMSProp"
            case .adam: "Adam"
            case .adamw: "AdamW"
            }
        }

        var defaultLearningRate: Double {
            switch self {
            case .sgd, .momentum, .nesterov, .rmsprop: 0.05
            case .adagrad: 0.5
            case .adam, .adamw: 0.1
            }
        }
    }

    static func lr(_ kind: Kind) -> String { "\(kind.rawValue).lr" }

    public static let schema: DemoSchema = {
        var parameters: [DemoParameter] = [
            .choice("surface", label: "Surface", options: Surface.allCases.map { DemoOption($0.rawValue, $0.label) }, default: "bowl",
                    group: "Surface", effect: .restart,
                    help: "The loss to minimise: a bowl, Rosenbrock's valley, a saddle, Beale's function, or a bowl with noisy gradients."),
            .number("condition", label: "Condition number", range: 1...1_000, default: 10, scale: .log, group: "Surface", effect: .restart,
                    help: "For the bowls: how many times steeper the bowl is along y than along x."),
            .number("noise", label: "Gradient noise", range: 0...10, default: 1, group: "Surface", effect: .restart,
                    help: "For the noisy bowl: the standard deviation of the noise added to each gradient component."),
            .int("seed", label: "Seed", range: 0...999_999_999, default: 0, group: "Surface", effect: .restart,
                 help: "Fixes the gradient noise of the noisy bowl (every racer sees the same noise)."),
            .number("startX", label: "Start x", range: -10...10, default: -1.8, group: "Race", effect: .restart,
                    help: "Where every racer starts, x; it must lie in the surface's box."),
            .number("startY", label: "Start y", range: -10...10, default: 1.2, group: "Race", effect: .restart,
                    help: "Where every racer starts, y; it must lie in the surface's box."),
            .int("maxSteps", label: "Steps", range: 10...10_000, default: 500, group: "Race", effect: .restart,
                 help: "How many steps the race lasts."),
            .choiceSet("racers", label: "Racers", options: Kind.allCases.map { DemoOption($0.rawValue, $0.label) },
                       count: 1...Kind.allCases.count, default: Kind.allCases.map(\.rawValue), group: "Race", effect: .restart,
                       help: "Which optimizers race."),
        ]
        for kind in Kind.allCases {
            parameters.append(.number(lr(kind), label: "\(kind.label) learning rate", range: 0.00001...10, default: kind.defaultLearningRate,
                                      scale: .log, group: kind.label, effect: .restart, help: "The step size of \(kind.label)."))
            switch kind {
            case .sgd, .adagrad: break
            case .momentum, .nesterov:
                parameters.append(.number("\(kind.rawValue).momentum", label: "\(kind.label) momentum", range: 0...0.999, default: 0.9,
                                          group: kind.label, effect: .restart,
                                          help: "The fraction of the previous step \(kind.label) carries into the next."))
            case .rmsprop:
                parameters.append(.number("rmsprop.alpha", label: "RMSProp decay", range: 0...0.999, default: 0.99, group: kind.label,
                                          effect: .restart, help: "How slowly RMSProp's average of squared gradients forgets."))
            case .adam, .adamw:
                parameters.append(.number("\(kind.rawValue).beta1", label: "\(kind.label) β₁", range: 0...0.999, default: 0.9,
                                          group: kind.label, effect: .restart, help: "The decay of \(kind.label)'s gradient average (its momentum)."))
                parameters.append(.number("\(kind.rawValue).beta2", label: "\(kind.label) β₂", range: 0...0.9999, default: 0.999,
                                          group: kind.label, effect: .restart, help: "The decay of \(kind.label)'s average of squared gradients."))
                if kind == .adamw {
                    parameters.append(.number("adamw.weightDecay", label: "AdamW weight decay", range: 0...1, default: 0.01,
                                              group: kind.label, effect: .restart,
                                              help: "How much AdamW shrinks the point towards the origin each step, apart from the gradient."))
                }
            }
        }
        return DemoSchema(demo: id, title: "Optimizer race",
                          summary: "Gradient-descent optimizers race from one start point across a 2-D loss surface; their paths and losses show how momentum and adaptive steps help.",
                          parameters: parameters)
    }()
}
