/// Categorical colours.
public enum Palette {
    /// The Okabe–Ito palette, designed to stay distinct for the common forms of colour-vision
    /// deficiency. Ordered blue, orange, bluish green, vermillion, sky blue, reddish purple,
    /// yellow, black: the strongest contrasts on a light background come first. Charts refer to
    /// these through the CSS variables `--chart-c0`…`--chart-c7`, so a theme can adjust them.
    public static let okabeIto: [RGBColor] = [
        RGBColor(0x0072B2), RGBColor(0xE69F00), RGBColor(0x009E73), RGBColor(0xD55E00),
        RGBColor(0x56B4E9), RGBColor(0xCC79A7), RGBColor(0xF0E442), RGBColor(0x000000),
    ]

    /// The CSS classes for category `index`: stroke (`s…`) and fill (`f…`). Past eight
    /// categories the colours repeat; charts then vary the dash pattern or marker shape.
    static func strokeClass(_ index: Int) -> String { "s\(index % okabeIto.count)" }
    static func fillClass(_ index: Int) -> String { "f\(index % okabeIto.count)" }

    /// Dash patterns that tell apart series sharing a colour (the second round of eight).
    static func dashArray(_ index: Int) -> String? {
        switch (index / okabeIto.count) % 3 {
        case 0: return nil
        case 1: return "6 4"
        default: return "2 3"
        }
    }
}
