/// The style sheet every chart carries. It is the same text in every chart and every theme, so
/// that when several charts are inlined in one HTML page (where an SVG `<style>` applies to the
/// whole page) their rules agree. The theme is chosen by a class on the root element:
/// `mlc-auto`, `mlc-light` or `mlc-dark`.
///
/// Colours are custom properties set under `:where(…)`, whose specificity is zero, so any rule
/// of the host page such as `.mlc { --chart-bg: transparent; }` wins over them.
enum StyleSheet {
    /// Light-theme colours. The categorical colours are the Okabe–Ito palette (Okabe and Ito,
    /// "Color Universal Design", 2008), ordered so that the low-contrast yellow comes late.
    static let lightVariables = [
        ("--chart-bg", "#ffffff"),
        ("--chart-fg", "#1f2328"),
        ("--chart-muted", "#59636e"),
        ("--chart-grid", "#e4e7eb"),
        ("--chart-axis", "#8c959f"),
        ("--chart-wall", "#59636e"),
        ("--chart-pos", "#d55e00"),
        ("--chart-neg", "#0072b2"),
    ] + Palette.okabeIto.enumerated().map { ("--chart-c\($0.offset)", $0.element.hex) }

    /// Dark-theme colours. The palette keeps its hues; the dark blue is lightened to keep its
    /// contrast against the dark background, and black becomes a light grey.
    static let darkVariables = [
        ("--chart-bg", "#16191d"),
        ("--chart-fg", "#e6e9ed"),
        ("--chart-muted", "#a3acb6"),
        ("--chart-grid", "#2e343b"),
        ("--chart-axis", "#6b7580"),
        ("--chart-wall", "#7d8792"),
        ("--chart-pos", "#f07a2a"),
        ("--chart-neg", "#3d9ee0"),
        ("--chart-c0", "#1f88cc"),
        ("--chart-c7", "#d0d4d9"),
    ]

    static func declarations(_ variables: [(String, String)]) -> String {
        variables.map { "\($0.0):\($0.1)" }.joined(separator: ";")
    }

    static let css: String = {
        var rules = [
            ":where(.mlc){" + declarations(lightVariables) + "}",
            "@media (prefers-color-scheme:dark){:where(.mlc-auto){" + declarations(darkVariables) + "}}",
            ":where(.mlc-dark){" + declarations(darkVariables) + "}",
            ".mlc{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;font-size:12px}",
            ".mlc text{fill:var(--chart-fg)}",
            ".mlc .bg{fill:var(--chart-bg)}",
            ".mlc .title{font-size:16px;font-weight:600}",
            ".mlc .axis-label{font-size:12px}",
            ".mlc .tick-label{font-size:11px;fill:var(--chart-muted)}",
            ".mlc .small{font-size:10px}",
            ".mlc .bold{font-weight:600}",
            ".mlc .muted{fill:var(--chart-muted)}",
            ".mlc .nodata{font-size:14px;fill:var(--chart-muted)}",
            ".mlc .grid{stroke:var(--chart-grid);stroke-width:1;fill:none}",
            ".mlc .axis{stroke:var(--chart-axis);stroke-width:1;fill:none}",
            ".mlc .frame{stroke:var(--chart-axis);stroke-width:1;fill:none}",
            ".mlc .ink{stroke:var(--chart-fg)}",
            ".mlc .ink-fill{fill:var(--chart-fg)}",
            ".mlc .bg-stroke{stroke:var(--chart-bg)}",
            ".mlc .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}",
            ".mlc .mark{stroke:var(--chart-bg);stroke-width:0.75}",
            ".mlc .mark-ink{stroke:var(--chart-fg);stroke-width:0.75}",
            ".mlc .wall{fill:var(--chart-wall)}",
            ".mlc .missing{fill:var(--chart-grid)}",
            ".mlc .pos{stroke:var(--chart-pos)}",
            ".mlc .neg{stroke:var(--chart-neg)}",
            ".mlc .pos-fill{fill:var(--chart-pos)}",
            ".mlc .neg-fill{fill:var(--chart-neg)}",
            ".mlc .on-light{fill:#1a1a1a}",
            ".mlc .on-dark{fill:#ffffff}",
            ".mlc .on-light-stroke{stroke:#1a1a1a}",
            ".mlc .on-dark-stroke{stroke:#ffffff}",
        ]
        for index in Palette.okabeIto.indices {
            rules.append(".mlc .s\(index){stroke:var(--chart-c\(index))}")
            rules.append(".mlc .f\(index){fill:var(--chart-c\(index))}")
        }
        return rules.joined(separator: "\n")
    }()
}

extension ChartTheme {
    /// CSS for a host page that has its own light/dark switch: under `lightSelector` every
    /// inlined chart uses the light colours and under `darkSelector` the dark ones, whatever
    /// the system prefers. For example `pageCSS(lightSelector: "[data-theme=light]",
    /// darkSelector: "[data-theme=dark]")`.
    public static func pageCSS(lightSelector: String, darkSelector: String) -> String {
        "\(lightSelector) .mlc{\(StyleSheet.declarations(StyleSheet.lightVariables))}\n"
            + "\(darkSelector) .mlc{\(StyleSheet.declarations(StyleSheet.lightVariables + StyleSheet.darkVariables))}\n"
    }
}
