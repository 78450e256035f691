import Foundation

/// Reading whole files with a size check first, so that a huge file is refused before any of
/// it is loaded.
enum FileReading {
    /// The bytes of the file at `url`.
    /// - Throws: ``DatasetError/unreadableFile(path:reason:)`` when it does not exist or cannot
    ///   be read, ``DatasetError/limitExceeded(what:value:limit:)`` when it is larger than
    ///   `maxBytes`.
    static func contents(of url: URL, maxBytes: Int) throws(DatasetError) -> Data {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadableFile(path: url.path, reason: "no such file or no permission")
        }
        guard size <= maxBytes else { throw .limitExceeded(what: "bytes", value: size, limit: maxBytes) }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
    }
}
