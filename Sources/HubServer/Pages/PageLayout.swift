import Lessons

/// The frame every HTML page shares: head, header with navigation, search and the theme
/// toggle, and footer. Pages pass their `<main>` content.
enum PageLayout {
    static func page(title: String, description: String = "", current: NavItem? = nil, main: String) -> String {
        let fullTitle = title == "MLHub" ? title : "\(title) · MLHub"
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(fullTitle.htmlEscaped)</title>
        <meta name="description" content="\(description.htmlEscaped)">
        <meta name="color-scheme" content="light dark">
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/hub.css">
        <link rel="stylesheet" href="/static/charts.css">
        <script src="/static/theme.js"></script>
        <script src="/static/hub.js" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
        <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">∇</span> MLHub</a>
        <nav class="site-nav" aria-label="Site">
        \(NavItem.allCases.map { $0.link(current: current) }.joined(separator: "\n"))
        </nav>
        <form class="search-form" action="/search" method="get" role="search">
        <label for="site-search" class="visually-hidden">Search lessons</label>
        <input id="site-search" name="q" type="search" placeholder="Search lessons" autocomplete="off">
        </form>
        <button class="theme-toggle" type="button" hidden aria-pressed="false" title="Switch between light and dark theme"><span class="visually-hidden">Dark theme</span><span aria-hidden="true">◐</span></button>
        </header>
        <main id="main" tabindex="-1">
        \(main)
        </main>
        <footer class="site-footer"><p>MLHub: machine learning you can run. Every figure on these pages was computed by the MLHub engine.</p></footer>
        </body>
        </html>
        """
    }

    enum NavItem: String, CaseIterable {
        case modules = "/"
        case progress = "/progress"
        case search = "/search"

        var label: String {
            switch self {
            case .modules: "Modules"
            case .progress: "Progress"
            case .search: "Search"
            }
        }

        func link(current: NavItem?) -> String {
            let attribute = current == self ? " aria-current=\"page\"" : ""
            return "<a href=\"\(rawValue)\"\(attribute)>\(label)</a>"
        }
    }

    /// "3 of 5 done" as a labelled progress bar.
    static func progressBar(done: Int, total: Int, label: String) -> String {
        let percent = total == 0 ? 0 : Int((Double(done) / Double(total) * 100).rounded())
        return """
        <div class="progress"><progress max="\(max(total, 1))" value="\(done)" aria-label="\(label.htmlEscaped)">\(percent)%</progress>\
        <span class="progress-text">\(done) of \(total) done</span></div>
        """
    }

    static func minutes(_ minutes: Int) -> String { "\(minutes) min" }
}
