import ArgumentParser
import Foundation
import HubServer
import Lessons

/// `mlhub lessons`: tools for lesson authors.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Check the curriculum and list the live figures lessons can use.",
        subcommands: [Check.self, Figures.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load and render every lesson, computing every figure, and list every problem with its file and line.",
            discussion: "Exits with status 1 when there is a problem, so it can guard a commit or a CI step.")

        @Option(help: "The curriculum folder (default: the Curriculum folder of this checkout).")
        var curriculum: String?

        func run() throws {
            let root = curriculum.map { URL(fileURLWithPath: $0) } ?? HubConfiguration.bundledCurriculum
            let loaded: Curriculum
            do {
                loaded = try CurriculumLoader.load(from: root)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            let renderer = LessonRenderer(curriculum: loaded)
            var warnings: [CurriculumProblem] = []
            let showProgress = isatty(STDERR_FILENO) == 1
            for (index, lesson) in loaded.lessons.enumerated() {
                if showProgress { FileHandle.standardError.write(Data("\r[\(index + 1)/\(loaded.lessons.count)] \(lesson.id)\u{1B}[K".utf8)) }
                warnings += renderer.render(lesson).warnings
            }
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let ready = loaded.lessons.filter { $0.status == .ready }.count
            print("\(loaded.modules.count) modules, \(loaded.lessons.count) lessons (\(ready) ready) in \(root.path)")
            guard warnings.isEmpty else {
                printError("\(warnings.count) rendering problem\(warnings.count == 1 ? "" : "s"):\n" + warnings.map { "  \($0)" }.joined(separator: "\n"))
                throw ExitCode(1)
            }
            print("no problems")
        }
    }

    struct Figures: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered figure functions and their parameters.")

        func run() {
            for function in FigureRegistry.standard.functions.values.sorted(by: { $0.name < $1.name }) {
                print("\(function.name): \(function.summary)")
                for parameter in function.parameters {
                    print("    \(parameter.name) (\(parameter.kind.rawValue), default \(parameter.defaultValue)): \(parameter.help)")
                }
            }
        }
    }
}

private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
