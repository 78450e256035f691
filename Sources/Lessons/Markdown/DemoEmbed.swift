import Demos

/// A live demo placed in a lesson with `@demo id?query fallback-figure`.
struct DemoEmbed: Equatable {
    /// `nn-simulator?preset=linear-xor`: the demo and its settings, as in a `/demos/` address.
    let address: String
    /// The id of a figure declared in the front matter, shown where JavaScript is off.
    let fallbackFigure: String

    var demoID: String { String(address.prefix { $0 != "?" }) }
    var query: String { address.contains("?") ? String(address.drop { $0 != "?" }.dropFirst()) : "" }
    var path: String { "/demos/\(address)" }
}

/// Checks a demo address (`nn-simulator?dataset=xor&hidden=4` or `…?preset=linear-xor`)
/// against the demo catalog: the demo exists, the preset exists, the settings validate.
enum DemoAddress {
    /// nil when the address is good, else what is wrong with it.
    static func problem(with address: String) -> String? {
        let id = String(address.prefix { $0 != "?" })
        let query = address.contains("?") ? String(address.drop { $0 != "?" }.dropFirst()) : ""
        do {
            let type = try DemoCatalog.type(id: id)
            if query.hasPrefix("preset=") {
                _ = try type.preset(String(query.dropFirst("preset=".count)))
            } else {
                _ = try DemoSettings(schema: type.schema, query: query)
            }
            return nil
        } catch {
            return "demo link '/demos/\(address)': \(error.description)"
        }
    }

    static func title(of id: String) -> String {
        (try? DemoCatalog.type(id: id).schema.title) ?? id
    }
}
