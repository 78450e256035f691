/// Options for printing tensors, after NumPy's `set_printoptions`.
public struct PrintOptions: Sendable {
    /// Digits after the decimal point at most (trailing zeros common to all are dropped).
    public var precision = 4
    /// Tensors with more elements than this are summarised with `...`.
    public var threshold = 1000
    /// Elements kept at each end of a summarised axis.
    public var edgeItems = 3
    /// Characters per line before a row wraps.
    public var lineWidth = 75

    public init(precision: Int = 4, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 75) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
    }
}

extension Tensor: CustomStringConvertible {
    /// The values laid out as NumPy prints arrays, followed by shape and dtype, e.g.
    /// ```
    /// Tensor([[1., 2.],
    ///         [3., 4.]], shape=[2, 2], dtype=float32)
    /// ```
    public var description: String { formatted() }

    /// The printed form with explicit options.
    public func formatted(_ options: PrintOptions = PrintOptions()) -> String {
        let prefix = "Tensor("
        var suffix = rank == 0 ? ", dtype=\(dtype)" : ", shape=\(shape), dtype=\(dtype)"
        if let node = gradNode {
            suffix += ", gradFn=\(node.op)"
        } else if requiresGrad {
            suffix += ", requiresGrad=true"
        }
        let summarise = count > options.threshold
        let formatter = ElementFormatter(self, options: options, summarise: summarise)
        var text = ""
        appendBlock(to: &text, axis: 0, flatOffset: 0, indent: prefix.count, formatter: formatter,
                    options: options, summarise: summarise)
        return prefix + text + suffix + ")"
    }

    /// Writes the sub-array starting at `flatOffset` for axes `axis...`.
    private func appendBlock(to text: inout String, axis: Int, flatOffset: Int, indent: Int,
                             formatter: ElementFormatter, options: PrintOptions, summarise: Bool) {
        if axis == rank {
            text += formatter.pad(formatter.string(atFlat: flatOffset))
            return
        }
        let size = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let shown: [Int?] = summarise && size > 2 * options.edgeItems
            ? Array(0..<options.edgeItems) + [nil] + Array((size - options.edgeItems)..<size)
            : Array(0..<size)
        text += "["
        if axis == rank - 1 {
            // The innermost axis: elements separated by ", ", wrapped at the line width.
            var lineLength = indent + axis + 1
            for (n, index) in shown.enumerated() {
                let item = index.map { formatter.pad(formatter.string(atFlat: flatOffset + $0)) } ?? "..."
                let separator = n + 1 < shown.count ? "," : ""
                if n > 0 {
                    if lineLength + 1 + item.count + separator.count > options.lineWidth {
                        text += "\n" + String(repeating: " ", count: indent + axis + 1)
                        lineLength = indent + axis + 1
                    } else {
                        text += " "
                        lineLength += 1
                    }
                }
                text += item + separator
                lineLength += item.count + separator.count
            }
        } else {
            let blankLines = String(repeating: "\n", count: Swift.max(1, rank - axis - 1))
            for (n, index) in shown.enumerated() {
                if n > 0 { text += "," + blankLines + String(repeating: " ", count: indent + axis + 1) }
                if let index {
                    appendBlock(to: &text, axis: axis + 1, flatOffset: flatOffset + index * inner, indent: indent,
                                formatter: formatter, options: options, summarise: summarise)
                } else {
                    text += "..."
                }
            }
        }
        text += "]"
    }
}

/// Formats elements uniformly: one notation and precision for the whole tensor, right-aligned.
private struct ElementFormatter {
    let tensor: Tensor
    let scientific: Bool
    let integral: Bool
    let precision: Int
    let width: Int

    init(_ tensor: Tensor, options: PrintOptions, summarise: Bool) {
        self.tensor = tensor
        let sampleValues = ElementFormatter.visibleValues(tensor, options: options, summarise: summarise)
        let finite = sampleValues.filter(\.isFinite)
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        if !tensor.dtype.isFloatingPoint {
            scientific = false; integral = true; precision = 0
        } else if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e16 {
            scientific = false; integral = true; precision = 0
        } else if largest >= 1e8 || (smallest > 0 && smallest < 1e-4) || (smallest > 0 && largest / smallest > 1e3) {
            scientific = true; integral = false; precision = options.precision
        } else {
            scientific = false; integral = false
            // The fewest decimals (up to the option) that show every value as it rounds.
            var needed = 1
            for v in finite {
                for p in stride(from: options.precision, through: 1, by: -1) {
                    let scaled = (Swift.abs(v) * ElementFormatter.power10(p)).rounded()
                    if scaled.truncatingRemainder(dividingBy: 10) != 0 { needed = Swift.max(needed, p); break }
                }
            }
            precision = needed
        }
        var w = 0
        let probe = ElementFormatter(tensor: tensor, scientific: scientific, integral: integral, precision: precision, width: 0)
        for v in sampleValues { w = Swift.max(w, probe.format(v).count) }
        width = w
    }

    private init(tensor: Tensor, scientific: Bool, integral: Bool, precision: Int, width: Int) {
        self.tensor = tensor; self.scientific = scientific; self.integral = integral
        self.precision = precision; self.width = width
    }

    private static func power10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// The values that will be printed (all, or the edges of a summarised tensor).
    static func visibleValues(_ tensor: Tensor, options: PrintOptions, summarise: Bool) -> [Double] {
        if !summarise { return tensor.scalars(as: Double.self) }
        var values: [Double] = []
        let all = tensor.scalars(as: Double.self)
        let step = Swift.max(1, all.count / 2000)
        for i in stride(from: 0, to: all.count, by: step) { values.append(all[i]) }
        return values
    }

    func string(atFlat flat: Int) -> String {
        if tensor.dtype == .bool { return tensor.scalar(atFlat: flat) != 0 ? "true" : "false" }
        if tensor.dtype == .int64 {
            return String(tensor.storage.pointer(Int.self)[tensor.storageOffset(ofFlat: flat)])
        }
        return format(tensor.scalar(atFlat: flat))
    }

    func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if tensor.dtype == .bool { return v != 0 ? "true" : "false" }
        if tensor.dtype == .int64 { return String(Int(v)) }
        if integral { return String(Int64(v)) + "." }
        if scientific { return ElementFormatter.scientificString(v, precision) }
        return ElementFormatter.fixedString(v, precision)
    }

    func pad(_ s: String) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// `v` with exactly `digits` decimals, rounded half away from zero.
    static func fixedString(_ v: Double, _ digits: Int) -> String {
        let scale = power10(digits)
        let scaled = (Swift.abs(v) * scale).rounded()
        let whole = (scaled / scale).rounded(.down)
        let fraction = Int64(scaled - whole * scale)
        var fractionText = String(fraction)
        fractionText = String(repeating: "0", count: Swift.max(0, digits - fractionText.count)) + fractionText
        let sign = v < 0 && scaled != 0 ? "-" : ""
        return sign + String(Int64(whole)) + "." + fractionText
    }

    /// `v` as `d.dddde±XX`.
    static func scientificString(_ v: Double, _ digits: Int) -> String {
        if v == 0 { return fixedString(0, digits) + "e+00" }
        var exponent = Int((Swift.abs(v)).exponent) * 30103 / 100000
        var mantissa = Swift.abs(v) / pow10(exponent)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var text = fixedString(mantissa, digits)
        if text.hasPrefix("10.") {
            exponent += 1
            text = fixedString(mantissa / 10, digits)
        }
        let e = Swift.abs(exponent)
        return (v < 0 ? "-" : "") + text + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }

    private static func pow10(_ e: Int) -> Double {
        e >= 0 ? power10(e) : 1 / power10(-e)
    }
}
