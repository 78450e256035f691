import ArgumentParser

/// The `mlhub` command line: the hub server (later), diagnostics and benchmarks.
public struct MLHub: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlhub",
        abstract: "MLHub: learn machine learning by running it.",
        subcommands: [Doctor.self, Bench.self, Train.self, ChartsCommand.self]
    )

    public init() {}
}
