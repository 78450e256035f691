/// SVG charts drawn from plain arrays: line, scatter, histogram, heatmaps, decision surfaces
/// and the other figures the lessons need. The module depends on nothing of the engine's.
///
/// Each chart kind is a value type conforming to ``Chart``: its initialiser takes arrays and
/// options, and `render(theme:size:)` returns a standalone `<svg>` document.
///
/// ```swift
/// let chart = LineChart(title: "Training loss", xLabel: "Epoch", yLabel: "Loss",
///                       series: [.init(name: "train", y: losses), .init(name: "validation", y: validationLosses)])
/// let svg = try chart.render()          // automatic light/dark theme, 640 × 400
/// ```
///
/// What every chart shares:
/// - **Layout**: nice ticks (1-2-5 steps, decades on log axes) whose labels never overlap,
///   axis titles, a title, and legends and colour bars outside the plot area.
/// - **Colour**: the Okabe–Ito palette for categories (with marker shapes and dash patterns as a
///   second cue), viridis for sequential values and a blue–red map for signed ones.
/// - **Themes**: colours are CSS variables in a `<style>` block; `.auto` follows the reader's
///   `prefers-color-scheme`, and a host page can override any variable.
/// - **Accessibility**: `role="img"` with `aria-labelledby` pointing at a `<title>` and a
///   generated `<desc>` summarising the data.
/// - **Scaling**: a `viewBox` and `width="100%"`, so charts follow their container's width.
/// - **Determinism**: the same input gives byte-identical output (fixed number formatting,
///   ids hashed from the content, no dictionary-order or random output).
/// - **Bad input**: see ``ChartError`` for the policy — structural mistakes throw, unplaceable
///   values are skipped, and nothing-to-draw renders a "No data" message.
public enum Charts {}
