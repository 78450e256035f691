import Demos
import Foundation
import Lessons

/// The live demo pages: `/demos` (every demo with its presets) and `/demos/{demo}` (one demo,
/// which `demo-core.js` and `demo-{id}.js` build from the schema and drive over the demo's
/// WebSocket). Without JavaScript a demo page explains why in a `<noscript>` and shows a static
/// figure the engine computed.
enum DemoPage {
    /// What the address asked for, resolved: the demo, its validated settings, the preset it
    /// named, and a sentence about anything in the address that could not be used.
    struct Setup {
        let entry: DemoCatalogEntry
        let settings: DemoSettings
        let preset: DemoPreset?
        let notice: String?
        let embed: Bool

        /// Resolves a page's raw query (`dataset=xor&hidden=4,4`, `preset=linear-xor`, plus
        /// `embed=1`). Settings that do not validate fall back to the defaults, with a notice.
        init(entry: DemoCatalogEntry, rawQuery: String) {
            self.entry = entry
            var pieces: [Substring] = []
            var presetID: String?
            var embed = false
            for piece in rawQuery.split(separator: "&") where !piece.isEmpty {
                let name = piece.prefix { $0 != "=" }
                let value = piece.dropFirst(name.count + 1)
                switch name {
                case "embed": embed = value == "1" || value == "true"
                case "preset": presetID = String(value).removingPercentEncoding ?? String(value)
                default: pieces.append(piece)
                }
            }
            self.embed = embed
            let query = pieces.joined(separator: "&")
            var notice: String?
            var preset: DemoPreset?
            var base = entry.schema.defaults
            if let presetID {
                if let found = entry.presets.first(where: { $0.id == presetID }), let settings = try? found.settings(for: entry.schema) {
                    preset = found
                    base = settings
                } else {
                    notice = "There is no preset '\(presetID)'; the demo starts from its defaults."
                }
            }
            do {
                settings = try base.applying(query: query)
            } catch {
                settings = base
                notice = "The settings in this address could not be used (\(error.description)), so the demo starts from "
                    + (preset == nil ? "its defaults." : "the preset alone.")
            }
            self.preset = preset
            self.notice = notice
        }
    }

    /// The static figures shown where JavaScript is off: figure function name, parameters,
    /// and a caption.
    static func staticFigures(for setup: Setup) -> [(function: String, parameters: [String: String], caption: String)] {
        let settings = setup.settings
        switch setup.entry.id {
        case NeuralNetworkSimulator.id:
            let dataset: String
            switch settings.string("dataset") {
            case "circle": dataset = "circles"
            case "moons": dataset = "moons"
            default: dataset = "xor"
            }
            let hidden = min(16, max(2, settings.ints("hidden").first ?? 4))
            let activation = ["relu", "leakyRelu"].contains(settings.string("activation")) ? "relu" : "tanh"
            return [("mlp-decision-surface", ["dataset": dataset, "hidden": String(hidden), "activation": activation, "steps": "300", "seed": "0"],
                     "What the simulator draws, computed by the engine when the page was built: a network with one hidden layer of \(hidden) \(activation) units after 300 training steps, its predicted probability over the plane and the data on top.")]
        case OptimizerRace.id:
            // Run for a preset's settings or the defaults only: arbitrary settings would let any
            // client make the server run (and cache) a race per address.
            let presetQueries = OptimizerRace.presets.compactMap { try? $0.settings(for: OptimizerRace.schema) }
            let query = presetQueries.contains(settings) ? settings.query(includingDefaults: false) : ""
            return [
                ("optimizer-race-paths", ["settings": query, "steps": "0"],
                 "The race with these settings, run to the end by the engine: every optimizer's path over the contours of the loss."),
                ("optimizer-race-losses", ["settings": query, "steps": "0"], "The same race: each optimizer's loss against the step."),
            ]
        default:
            return []
        }
    }

    /// The address of static figure `index` for these settings (an SVG the route computes).
    static func figurePath(_ setup: Setup, index: Int) -> String {
        let query = setup.settings.query(includingDefaults: false)
        return "/demos/\(setup.entry.id)/figures/\(index).svg" + (query.isEmpty ? "" : "?" + query)
    }

    /// The demo page. Its static figures are images inside `<noscript>`, so that a browser
    /// running the demo never fetches them.
    static func page(_ setup: Setup) -> String {
        let schema = setup.entry.schema
        let demoID = setup.entry.id
        let figureHTML = staticFigures(for: setup).enumerated().map { index, figure -> String in
            "<figure class=\"live-figure demo-static-figure\"><img src=\"\(figurePath(setup, index: index).htmlEscaped)\" alt=\"\(figure.caption.htmlEscaped)\">"
                + "<figcaption>\(figure.caption.htmlEscaped)</figcaption></figure>"
        }.joined(separator: "\n")
        let notice = setup.notice.map { text -> String in "<p class=\"notice demo-notice\" role=\"alert\">\(text.htmlEscaped)</p>" } ?? ""
        let presetNote = setup.preset.map { preset -> String in
            "<p class=\"demo-preset-note\"><strong>\(preset.title.htmlEscaped).</strong> \(preset.commentary.htmlEscaped)</p>"
        } ?? ""
        let header = setup.embed
            ? "<h1 class=\"demo-embed-title\">\(schema.title.htmlEscaped)</h1>"
            : """
            <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/demos">Demos</a> <span aria-hidden="true">›</span> <span aria-current="page">\(schema.title.htmlEscaped)</span></nav>
            <h1>\(schema.title.htmlEscaped)</h1>
            <p class="lead">\(schema.summary.htmlEscaped)</p>
            """
        let main = """
            <div class="demo-page\(setup.embed ? " is-embedded" : "")" data-demo="\(demoID.htmlEscaped)" \
            data-query="\(setup.settings.query.htmlEscaped)" data-preset="\((setup.preset?.id ?? "").htmlEscaped)" data-embed="\(setup.embed ? "1" : "0")">
            \(header)
            \(notice)
            <noscript>
            <div class="notice demo-noscript">
            <p><strong>This demo needs JavaScript.</strong> It trains live on the hub's server and streams every frame to the page over a WebSocket, which only a script can open. Turn JavaScript on to play with it; below is what the engine computed for these settings when the page was built.</p>
            \(presetNote)
            </div>
            \(figureHTML)
            </noscript>
            <div id="demo-app" class="demo-app" data-demo-app hidden></div>
            </div>
            <link rel="stylesheet" href="/static/demos.css">
            <script src="/static/demo-core.js" defer></script>
            <script src="/static/demo-\(demoID).js" defer></script>
            """
        if setup.embed { return embedded(title: schema.title, main: main) }
        return PageLayout.page(title: schema.title, description: schema.summary, main: main)
    }

    /// A page for a lesson's frame: no site header or footer.
    static func embedded(title: String, main: String) -> String {
        """
        <!doctype html>
        <html lang="en" class="demo-embedded">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\("\(title) · MLHub".htmlEscaped)</title>
        <meta name="color-scheme" content="light dark">
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/hub.css">
        <link rel="stylesheet" href="/static/charts.css">
        <script src="/static/theme.js"></script>
        </head>
        <body class="demo-embed-body">
        <main id="main" tabindex="-1">
        \(main)
        </main>
        </body>
        </html>
        """
    }

    /// `/demos`: every demo, its summary, and its presets with their commentary.
    static func index(_ entries: [DemoCatalogEntry]) -> String {
        // The closures say `-> String`: GRDB's `SQL` is also built from string interpolations
        // and has a `joined(separator:)`, and type inference would otherwise pick it.
        let cards = entries.map { entry -> String in
            let presets = entry.presets.map { preset -> String in
                """
                <li><a href="/demos/\(entry.id.htmlEscaped)?preset=\(preset.id.htmlEscaped)">\(preset.title.htmlEscaped)</a>
                <p>\(preset.commentary.htmlEscaped)</p></li>
                """
            }.joined(separator: "\n")
            return """
            <li class="demo-card">
            <h2><a href="/demos/\(entry.id.htmlEscaped)">\(entry.schema.title.htmlEscaped)</a></h2>
            <p>\(entry.schema.summary.htmlEscaped)</p>
            <p><a class="button" href="/demos/\(entry.id.htmlEscaped)">Open the \(entry.schema.title.htmlEscaped)</a></p>
            <h3>Presets</h3>
            <ul class="demo-preset-list">
            \(presets)
            </ul>
            </li>
            """
        }.joined(separator: "\n")
        return PageLayout.page(
            title: "Demos", description: "Interactive simulators that run on the MLHub engine.",
            main: """
            <h1>Demos</h1>
            <p class="lead">Simulators that train live on the hub's engine while you change their settings. Each preset is a ready setup with a note on what to watch.</p>
            <ul class="demo-cards">
            \(cards)
            </ul>
            <link rel="stylesheet" href="/static/demos.css">
            """
        )
    }
}
