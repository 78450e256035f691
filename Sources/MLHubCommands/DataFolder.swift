import Foundation

/// Where the hub keeps a learner's data (progress, saved runs) by default.
///
/// `MLHUB_DATA` wins; otherwise `$XDG_DATA_HOME/mlhub`, falling back to
/// `~/.local/share/mlhub` as the XDG base-directory convention says.
public enum DataFolder {
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["MLHUB_DATA"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("mlhub", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/share/mlhub", isDirectory: true)
    }
}
