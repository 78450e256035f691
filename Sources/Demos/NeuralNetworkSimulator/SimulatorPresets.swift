/// The simulator's ready setups. Each commentary's claim is checked by `PresetClaimTests`.
enum SimulatorPresets {
    static let all: [DemoPreset] = [
        DemoPreset(
            id: "high-learning-rate", title: "Too high a learning rate",
            commentary: """
                Plain SGD with a learning rate of 3 on the circle: each step overshoots the minimum it aims for, so the \
                loss jumps up and down instead of settling, and the weights grow until the neurons saturate. Lower the \
                learning rate to 0.03 and the same network learns the circle smoothly in a few hundred epochs.
                """,
            query: "optimizer=sgd&learningRate=3&batchSize=10", suggestedSteps: 200),
        DemoPreset(
            id: "linear-xor", title: "A linear model cannot do XOR",
            commentary: """
                With no hidden layer and only x₁ and x₂ as inputs, the network is logistic regression: its boundary is a \
                straight line, and no line separates the XOR quadrants, so the test accuracy stays near 50%. Add the \
                feature x₁x₂ (whose sign is the XOR) or one hidden layer of four neurons, and it climbs above 90%.
                """,
            query: "dataset=xor&hidden=&features=x1,x2", suggestedSteps: 200),
        DemoPreset(
            id: "spiral-features", title: "Features that make the spiral easy",
            commentary: """
                The spiral is hard from x₁ and x₂ alone: a small network needs many epochs to bend its boundary around \
                the arms. Give it x₁², x₂², x₁x₂, sin x₁ and sin x₂ as well and the same network separates the arms much \
                sooner, because the features already curve the way the data does.
                """,
            query: "dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&hidden=8,8&learningRate=0.03", suggestedSteps: 300),
        DemoPreset(
            id: "overfitting", title: "Overfitting with little data",
            commentary: """
                A hundred very noisy points of the circle, only 20% of them for training, and three hidden layers of \
                eight neurons: the training loss falls to nearly zero as the network memorises its twenty points, while \
                the test loss, after a brief dip, climbs to several times its best. The boundary wraps individual \
                points. Add L2 regularisation (rate 0.03) or more data and the gap closes.
                """,
            query: "dataset=circle&noise=0.5&points=100&trainRatio=20&hidden=8,8,8", suggestedSteps: 400),
        DemoPreset(
            id: "dead-relus", title: "Dead ReLUs",
            commentary: """
                ReLU neurons trained by SGD with momentum at a large learning rate (0.3): the first big updates push \
                many neurons' inputs below zero for every point, and a ReLU at 0 passes no gradient, so it never \
                recovers. A third or more of the surfaces go blank and the network is left unable to learn the circle. \
                Leaky ReLU, whose negative side keeps a small slope, keeps every neuron alive at the same rate.
                """,
            query: "activation=relu&hidden=8,8,8&optimizer=momentum&learningRate=0.3", suggestedSteps: 150),
    ]
}
