import ArgumentParser
import Foundation

/// `mlhub charts`: the chart library's own commands.
struct ChartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charts", abstract: "Work with the SVG charts.", subcommands: [Gallery.self])

    struct Gallery: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one SVG of every chart kind, from the bundled data sets, and an index.html showing them.")

        @Option(help: "The folder to write into (created if missing).")
        var out: String

        func validate() throws {
            guard !out.isEmpty else { throw ValidationError("--out needs a folder") }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("\(out) exists and is not a folder")
            }
        }

        func run() throws {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let files = try ChartGallery.write(to: folder)
            print("wrote \(files.count) charts and index.html to \(folder.path)")
        }
    }
}
