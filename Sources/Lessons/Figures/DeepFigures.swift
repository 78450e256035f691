import Charts
import Datasets
import NeuralNets
import Tensors

// Figures of the module "deep": activation functions, gradients through depth, and a small
// network's decision surface. Every random draw uses a generator seeded from the parameters, so
// a figure is the same on every build and never touches the engine's shared generator.

extension StandardFigures {
    static let deep: [FigureFunction] = [activationFunctions, gradientNormsByDepth, mlpDecisionSurface]

    // MARK: - Activation functions

    /// The activations the figure can draw: parameter name, legend label, function.
    private static let activations: [(name: String, label: String, apply: @Sendable (Tensor) -> Tensor)] = [
        ("sigmoid", "sigmoid", { $0.sigmoid() }),
        ("tanh", "tanh", { $0.tanh() }),
        ("relu", "ReLU", { $0.relu() }),
        ("leaky-relu", "leaky ReLU (slope 0.1)", { $0.leakyRelu(negativeSlope: 0.1) }),
        ("prelu", "PReLU (a = 0.25)", { $0.prelu(Tensor([0.25])) }),
        ("elu", "ELU", { $0.elu() }),
        ("selu", "SELU", { $0.selu() }),
        ("gelu", "GELU", { $0.gelu() }),
        ("silu", "SiLU (swish)", { $0.silu() }),
        ("mish", "Mish", { $0.mish() }),
        ("softplus", "softplus", { $0.softplus() }),
    ]

    static let activationFunctions = FigureFunction(
        name: "activation-functions",
        summary: "Activation functions, or their derivatives computed by the engine's autodiff.",
        parameters: [
            FigureParameter("functions", .string, default: "sigmoid,tanh,relu,leaky-relu,elu,gelu,silu,softplus",
                            help: "up to 8 of sigmoid, tanh, relu, leaky-relu, prelu, elu, selu, gelu, silu, mish, softplus"),
            FigureParameter("derivative", .bool, default: "false", help: "draw the derivatives instead of the functions"),
            FigureParameter("range", .double, default: "4", help: "x runs from −range to range, 1…10"),
        ],
        render: { arguments in
            let names = try FigureSupport.names(arguments.string("functions"), name: "functions",
                                                choices: activations.map(\.name), limit: 8)
            let range = try arguments.double("range", in: 1...10)
            let derivative = arguments.bool("derivative")
            // An even number of points, so that no sample sits on the kink at 0.
            let x = Tensor.linspace(-range, range, count: 400, dtype: .float64)
            let xs = x.scalars(as: Double.self)
            var series: [LineChart.Series] = []
            for name in names {
                let activation = activations.first { $0.name == name }!
                let input = x.clone().requiringGrad()
                let output = activation.apply(input)
                let ys: [Double]
                if derivative {
                    // Each output depends only on its own input, so the gradient of the sum is f′(x).
                    output.sum().backward()
                    ys = input.grad?.scalars(as: Double.self) ?? []
                } else {
                    ys = output.scalars(as: Double.self)
                }
                series.append(.init(name: activation.label, x: xs, y: ys))
            }
            let chart = LineChart(
                title: derivative ? "Derivatives of activation functions" : "Activation functions",
                xLabel: "x", yLabel: derivative ? "f′(x), by autodiff" : "f(x)", series: series,
                description: derivative
                    ? "The slope of each function, computed by backpropagating through the engine's own implementation."
                    : "Each function applied to inputs from \(FigureSupport.number(-range)) to \(FigureSupport.number(range)).")
            return try FigureSupport.render(chart)
        })

    // MARK: - Gradients through depth

    static let gradientNormsByDepth = FigureFunction(
        name: "gradient-norms-by-depth",
        summary: "The size of each layer's weight gradient in a deep sigmoid network and a deep ReLU network.",
        parameters: [
            FigureParameter("depth", .int, default: "20", help: "hidden layers, 2…30"),
            FigureParameter("width", .int, default: "32", help: "units per layer, 4…128"),
            FigureParameter("init", .string, default: "matched",
                            help: "matched (Xavier for sigmoid, He for ReLU), xavier or he for both"),
            FigureParameter("seed", .int, default: "0", help: "seed for the weights and inputs, 0…999"),
        ],
        render: { arguments in
            let depth = try arguments.int("depth", in: 2...30)
            let width = try arguments.int("width", in: 4...128)
            let initialisation = try arguments.choice("init", of: ["matched", "xavier", "he"])
            let seed = UInt64(try arguments.int("seed", in: 0...999))
            let layers = (1...depth).map(Double.init)
            var series: [LineChart.Series] = []
            var ratios: [String] = []
            for (name, activation, useHe) in [("sigmoid", { (t: Tensor) in t.sigmoid() }, initialisation == "he"),
                                              ("ReLU", { (t: Tensor) in t.relu() }, initialisation != "xavier")] {
                let norms = layerGradientNorms(depth: depth, width: width, activation: activation, he: useHe, seed: seed)
                series.append(.init(name: "\(name), \(useHe ? "He" : "Xavier") init", x: layers, y: norms, showsMarkers: true))
                ratios.append("\(name): the first layer's gradient is \(FigureSupport.significant(norms[0] / norms[depth - 1])) "
                              + "times the last layer's")
            }
            let chart = LineChart(
                title: "Weight-gradient size in each layer of a \(depth)-layer network", xLabel: "Layer (1 is next to the input)",
                yLabel: "Gradient norm (log scale)", series: series, yScale: .log,
                description: "Networks of \(depth) layers of \(width) units, one batch of 64 random inputs, gradients by the "
                    + "engine's autodiff. " + ratios.joined(separator: "; ") + ".")
            return try FigureSupport.render(chart)
        })

    /// The Frobenius norm of ∂L/∂Wₗ for each layer l of a stack of linear layers and `activation`.
    static func layerGradientNorms(depth: Int, width: Int, activation: (Tensor) -> Tensor, he: Bool, seed: UInt64) -> [Double] {
        var generator = RandomGenerator(seed: seed)
        // Xavier: variance 2 / (fan-in + fan-out) = 1 / width; He: 2 / fan-in.
        let std = (he ? 2.0 : 1.0).squareRoot() / Double(width).squareRoot()
        let weights = (0..<depth).map { _ in
            Tensor.normal([width, width], std: std, dtype: .float64, generator: &generator).requiringGrad()
        }
        let input = Tensor.normal([64, width], dtype: .float64, generator: &generator)
        let readout = Tensor.normal([width], dtype: .float64, generator: &generator)
        var h = input
        for w in weights { h = activation(h.matmul(w)) }
        (h * readout).sum(axis: 1).mean().backward()
        return weights.map { w in w.grad.map { ($0 * $0).sum().item().squareRoot() } ?? 0 }
    }

    // MARK: - A small network's decision surface

    static let mlpDecisionSurface = FigureFunction(
        name: "mlp-decision-surface",
        summary: "A one-hidden-layer network trained by the engine on a 2-D data set, with its predicted probability over the plane.",
        parameters: [
            FigureParameter("dataset", .string, default: "xor", help: "xor, circles or moons"),
            FigureParameter("hidden", .int, default: "8", help: "hidden units, 2…16"),
            FigureParameter("activation", .string, default: "tanh", help: "tanh or relu"),
            FigureParameter("steps", .int, default: "300", help: "full-batch Adam steps, 10…500"),
            FigureParameter("seed", .int, default: "0", help: "seed for the data and the initial weights, 0…999"),
        ],
        render: { arguments in
            let setName = try arguments.choice("dataset", of: ["xor", "circles", "moons"])
            let hidden = try arguments.int("hidden", in: 2...16)
            let activationName = try arguments.choice("activation", of: ["tanh", "relu"])
            let steps = try arguments.int("steps", in: 10...500)
            let seed = UInt64(try arguments.int("seed", in: 0...999))
            let data: Dataset
            do {
                switch setName {
                case "xor": data = try Dataset.xor(count: 160, noise: 0, seed: seed)
                case "circles": data = try Dataset.circles(count: 160, noise: 0.08, factor: 0.5, seed: seed)
                default: data = try Dataset.moons(count: 160, noise: 0.15, seed: seed)
                }
            } catch {
                throw FigureError("the \(setName) data could not be generated: \(error)")
            }
            let activation: (Tensor) -> Tensor = activationName == "tanh" ? { $0.tanh() } : { $0.relu() }
            let x = data.features                                  // [160, 2] float64
            let y = data.target.to(.float64).reshaped([-1, 1])

            // PyTorch's default initialisation, from a seeded generator.
            var generator = RandomGenerator(seed: seed &+ 1000)
            func uniform(_ shape: [Int], fanIn: Int) -> Tensor {
                let bound = 1 / Double(fanIn).squareRoot()
                return Tensor.uniform(shape, low: -bound, high: bound, dtype: .float64, generator: &generator).requiringGrad()
            }
            let w1 = uniform([2, hidden], fanIn: 2), b1 = uniform([hidden], fanIn: 2)
            let w2 = uniform([hidden, 1], fanIn: hidden), b2 = uniform([1], fanIn: hidden)
            func logits(_ input: Tensor) -> Tensor { activation(input.matmul(w1) + b1).matmul(w2) + b2 }

            let optimizer = Adam([w1, b1, w2, b2], learningRate: 0.05)
            var loss = 0.0
            for _ in 0..<steps {
                optimizer.zeroGrad()
                let l = Tensor.binaryCrossEntropyWithLogits(logits(x), y)
                l.backward()
                optimizer.step()
                loss = l.item()
            }

            let px = x[.all, 0].scalars(as: Double.self), py = x[.all, 1].scalars(as: Double.self)
            let classes = data.target.scalars(as: Int.self)
            func axis(_ values: [Double]) -> [Double] {
                let low = values.min()! - 0.3, high = values.max()! + 0.3
                return (0..<60).map { low + (high - low) * Double($0) / 59 }
            }
            let gridX = axis(px), gridY = axis(py)
            let grid = Tensor(gridY.flatMap { gy in gridX.flatMap { gx in [gx, gy] } }, shape: [gridX.count * gridY.count, 2])
            let (probabilities, accuracy) = withNoGrad { () -> ([Double], Double) in
                let p = logits(grid).sigmoid().scalars(as: Double.self)
                let correct = ((logits(x) .> 0).to(.float64) .== y).to(.float64).mean().item()
                return (p, correct)
            }
            let rows = gridY.indices.map { j in Array(probabilities[(j * gridX.count)..<((j + 1) * gridX.count)]) }
            let setLabel = ["xor": "XOR", "circles": "circles", "moons": "two moons"][setName]!
            let chart = DecisionSurfaceChart(
                title: "A 2-\(hidden)-1 \(activationName) network after \(steps) steps on \(setLabel)",
                xLabel: "x₁", yLabel: "x₂", gridX: gridX, gridY: gridY, surface: .probability(rows),
                points: LabeledPoints(x: px, y: py, classes: classes), classNames: data.targetNames,
                description: "Trained by the engine with full-batch Adam (learning rate 0.05) on \(data.count) points: "
                    + "final cross-entropy \(FigureSupport.number(loss, digits: 3)), training accuracy "
                    + "\(FigureSupport.number(100 * accuracy, digits: 1)) %.")
            return try FigureSupport.render(chart)
        })
}
