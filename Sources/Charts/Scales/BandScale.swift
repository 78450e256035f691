/// Evenly spaced bands for categories (bars, boxes, heatmap rows), with gaps between bands and
/// half-gaps at the ends.
struct BandScale {
    let count: Int
    let range: (start: Double, end: Double)
    /// Distance from one band's start to the next.
    let step: Double
    /// The width of one band.
    let bandwidth: Double
    private let offset: Double

    /// - Parameter padding: the gap between bands as a fraction of the step (0 for touching
    ///   cells, about 0.2 for bars).
    init(count: Int, range: (start: Double, end: Double), padding: Double = 0.2) {
        self.count = count
        self.range = range
        // Each band owns an equal step; the gap is split evenly on both sides of the band.
        step = (range.end - range.start) / Double(max(count, 1))
        bandwidth = step * (1 - padding)
        offset = range.start + step * padding / 2
    }

    /// Where band `index` starts.
    func start(_ index: Int) -> Double { offset + Double(index) * step }

    /// The middle of band `index`.
    func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }
}
