import Foundation

/// What `mlhub serve` passes to the server.
public struct HubConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The folder holding the learner's database (one sub-folder per profile).
    public var dataFolder: URL
    /// Which learner: each profile has its own database.
    public var profile: String
    /// The curriculum folder (modules.yml, lessons/, code/).
    public var curriculumFolder: URL
    /// Requests with larger bodies get 413.
    public var maxBodyBytes: Int

    public init(
        dataFolder: URL, host: String = "127.0.0.1", port: Int = 8080,
        profile: String = "default",
        curriculumFolder: URL = HubConfiguration.bundledCurriculum,
        maxBodyBytes: Int = 64 * 1024
    ) {
        self.host = host
        self.port = port
        self.dataFolder = dataFolder
        self.profile = profile
        self.curriculumFolder = curriculumFolder
        self.maxBodyBytes = maxBodyBytes
    }

    /// The `Curriculum` folder of this package's checkout, which the hub serves by default.
    public static var bundledCurriculum: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Curriculum")
    }
}
