import Charts
import Foundation

/// The files under `Public/`, read into memory at start-up. Requests look names up in this
/// table, so no request ever opens a file: a path like `../../etc/passwd` is simply not a key.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let contentType: String
        let bytes: [UInt8]
        let etag: String
    }

    let files: [String: Asset]

    subscript(name: String) -> Asset? { files[name] }

    static func load() throws -> StaticAssets {
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
            throw StaticAssetsError(description: "the server's Public resources are missing from the bundle")
        }
        var files: [String: Asset] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let bytes = [UInt8](data)
            files[name] = Asset(contentType: contentType(of: name), bytes: bytes, etag: "\"\(fnv1a(bytes))\"")
        }
        // MathML needs a font with an OpenType MATH table to stretch delimiters and place
        // scripts; serving one makes math look the same in every browser, offline.
        for path in mathFontPaths {
            if let data = FileManager.default.contents(atPath: path) {
                let bytes = [UInt8](data)
                files["math-font.otf"] = Asset(contentType: "font/otf", bytes: bytes, etag: "\"\(fnv1a(bytes))\"")
                break
            }
        }
        // Lets the page's theme toggle recolour inlined charts, whatever the system prefers.
        let chartCSS = [UInt8](ChartTheme.pageCSS(lightSelector: ":root[data-theme=light]", darkSelector: ":root[data-theme=dark]").utf8)
        files["charts.css"] = Asset(contentType: contentType(of: "charts.css"), bytes: chartCSS, etag: "\"\(fnv1a(chartCSS))\"")
        return StaticAssets(files: files)
    }

    /// Latin Modern Math from Debian's fonts-lmodern (installed by scripts/install-system-packages).
    static let mathFontPaths = [
        "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf",
        "/usr/share/fonts/opentype/lm-math/latinmodern-math.otf",
    ]

    private static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "yaml", "yml": "application/yaml; charset=utf-8"
        case "png": "image/png"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    private static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

struct StaticAssetsError: Error, CustomStringConvertible {
    let description: String
}
