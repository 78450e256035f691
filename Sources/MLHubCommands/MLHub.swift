import ArgumentParser

/// The `mlhub` command line: the hub server, diagnostics and benchmarks.
public struct MLHub: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlhub",
        abstract: "MLHub: learn machine learning by running it.",
        subcommands: [Serve.self, LessonsCommand.self, Doctor.self, Bench.self, Train.self, ChartsCommand.self, DemoCommand.self]
    )

    public init() {}

    /// Parses the command line and runs the command, async ones (like `serve`) included.
    public static func runFromCommandLine() async {
        let asyncMain: () async -> Void = main
        await asyncMain()
    }
}
