/// The race's ready setups.
enum RacePresets {
    static let all: [DemoPreset] = [
        DemoPreset(
            id: "ill-conditioned-bowl", title: "Momentum in a narrow valley",
            commentary: """
                A bowl 100 times steeper across than along: SGD's learning rate must stay below 0.02 or it bounces off \
                the steep walls, and at that rate it crawls along the floor. Momentum, with the same learning rate, \
                accumulates speed along the floor while the bounces cancel, and reaches the minimum far sooner \
                (Nesterov's look-ahead step needs a slightly smaller rate, 0.01, to stay stable here).
                """,
            query: "condition=100&racers=sgd,momentum,nesterov,adam&sgd.lr=0.015&momentum.lr=0.015&nesterov.lr=0.01&adam.lr=0.05&maxSteps=300",
            suggestedSteps: 300),
        DemoPreset(
            id: "rosenbrock", title: "Rosenbrock's valley",
            commentary: """
                The valley floor curves and is nearly flat, while its walls are steep: small steps are needed not to \
                fly off the walls, and then progress along the floor is slow. Adaptive methods (RMSProp, Adam) scale \
                each direction separately and follow the floor further.
                """,
            query: "surface=rosenbrock&startX=-1.5&startY=2&maxSteps=2000&sgd.lr=0.0005&momentum.lr=0.0002&nesterov.lr=0.0002&adagrad.lr=0.3&rmsprop.lr=0.005&adam.lr=0.05&adamw.lr=0.05",
            suggestedSteps: 2000),
        DemoPreset(
            id: "saddle", title: "Escaping a saddle",
            commentary: """
                Starting almost exactly on the ridge of a saddle, the gradient across it is tiny: SGD lingers near the \
                saddle point before rolling off to a minimum. Momentum and the adaptive methods, which grow small \
                consistent gradients, escape much sooner.
                """,
            query: "surface=saddle&startX=1.8&startY=0.001&maxSteps=300", suggestedSteps: 300),
        DemoPreset(
            id: "noisy-gradients", title: "Noisy gradients",
            commentary: """
                Each gradient carries noise, as a minibatch's does. No racer settles at the minimum any more: each \
                keeps wandering around it. Momentum wanders furthest, because it adds up the noise along with the \
                signal; at a fixed learning rate only a smaller step quiets the jitter, which is why training \
                schedules lower the rate towards the end.
                """,
            query: "surface=noisy-bowl&noise=2&maxSteps=300", suggestedSteps: 300),
    ]
}
