import ArgumentParser
import Foundation
import HubServer
import Lessons
import Logging
import Tensors

/// `mlhub serve`: the learning hub on the bundled curriculum.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the learning hub.",
        discussion: """
            Loads and checks the curriculum (and stops with every problem listed, file and line, \
            if it has any), opens the learner's database in the data folder, and serves the hub \
            until Ctrl-C or SIGTERM, finishing requests in flight before it exits.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "The data folder (default: $MLHUB_DATA, else $XDG_DATA_HOME/mlhub, else ~/.local/share/mlhub).")
    var data: String?

    @Option(help: "The learner profile: each profile keeps its own progress (letters, digits, '-' and '_').")
    var profile = "default"

    @Option(help: "The curriculum folder (default: the Curriculum folder of this checkout).")
    var curriculum: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535, got \(port)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
    }

    func run() async throws {
        // One BLAS thread per call: requests run in parallel on the server's own threads.
        BLAS.threads = 1
        var logger = Logger(label: "mlhub")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = HubConfiguration(
            dataFolder: data.map { URL(fileURLWithPath: $0) } ?? DataFolder.defaultURL(),
            host: host, port: port, profile: profile,
            curriculumFolder: curriculum.map { URL(fileURLWithPath: $0) } ?? HubConfiguration.bundledCurriculum
        )
        do {
            try await runHub(configuration, logger: logger)
        } catch let error as CurriculumError {
            throw ServeError(description: "cannot start: \(error)")
        } catch let error as HubStoreError {
            throw ServeError(description: "cannot open the learner database: \(error)")
        }
    }
}

struct ServeError: Error, CustomStringConvertible {
    let description: String
}
