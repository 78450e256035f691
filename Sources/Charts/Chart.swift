/// A chart: a value that describes what to draw and renders itself as a standalone SVG document.
///
/// Every chart kind is a struct whose initialiser stores plain arrays and options, and whose
/// `render(theme:size:)` validates them and writes the SVG. Rendering is deterministic: the same
/// chart gives byte-identical output on every run and every machine. See ``ChartError`` for
/// what happens with bad input.
public protocol Chart: Sendable {
    /// The size used when `render` is called without one.
    var defaultSize: ChartSize { get }

    /// Renders the chart as an SVG document (a `<svg>` element with its own style sheet, title
    /// and description) whose `viewBox` is `size` and whose width follows its container.
    ///
    /// - Throws: ``ChartError`` when the input is structurally invalid.
    func render(theme: ChartTheme, size: ChartSize) throws(ChartError) -> String
}

extension Chart {
    public var defaultSize: ChartSize { .standard }

    /// Renders at the chart's default size.
    public func render(theme: ChartTheme = .auto) throws(ChartError) -> String {
        try render(theme: theme, size: defaultSize)
    }

    /// The SVG document in the automatic theme at the default size.
    public var svg: String {
        get throws(ChartError) { try render(theme: .auto, size: defaultSize) }
    }
}

/// Which colours a chart uses. Colours are CSS custom properties (`--chart-bg`, `--chart-fg`,
/// `--chart-c0`…`--chart-c7`, …) declared with zero specificity, so a host page can override
/// any of them with a rule such as `.mlc { --chart-bg: transparent; }`.
public enum ChartTheme: String, Sendable, CaseIterable {
    /// Light colours, switching to dark ones when the reader's system prefers a dark scheme.
    case auto
    /// Always light.
    case light
    /// Always dark.
    case dark
}

/// The drawing size in SVG user units (the `viewBox`). The rendered chart scales to the width
/// of its container and keeps this aspect ratio; text sizes are in the same units.
public struct ChartSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 640 × 400, for charts with axes.
    public static let standard = ChartSize(width: 640, height: 400)
    /// 520 × 520, for matrices and grids.
    public static let square = ChartSize(width: 520, height: 520)
    /// 800 × 400, for wide figures such as networks and dendrograms.
    public static let wide = ChartSize(width: 800, height: 400)

    /// The smallest side a chart accepts.
    public static let minimumSide = 120.0

    func validated() throws(ChartError) -> ChartSize {
        guard width.isFinite, height.isFinite, width >= Self.minimumSide, height >= Self.minimumSide,
              width <= 100_000, height <= 100_000 else {
            throw .invalidSize(width: width, height: height)
        }
        return self
    }
}
