import Charts
import Datasets
import Foundation
import Tensors

// Figures of the module "math": a 2 × 2 matrix acting on the plane, and low-rank approximations
// of the digits images.

extension StandardFigures {
    static let math: [FigureFunction] = [matrixTransform, digitsSVDError, digitsLowRank]

    // MARK: - A 2 × 2 matrix acting on the plane

    static let matrixTransform = FigureFunction(
        name: "matrix-transform",
        summary: "A 2 × 2 matrix applied to a square grid and the unit circle, with its eigenvectors and singular vectors.",
        parameters: [
            FigureParameter("a", .double, default: "2", help: "top-left entry, −3…3"),
            FigureParameter("b", .double, default: "1", help: "top-right entry, −3…3"),
            FigureParameter("c", .double, default: "0.5", help: "bottom-left entry, −3…3"),
            FigureParameter("d", .double, default: "1.5", help: "bottom-right entry, −3…3"),
            FigureParameter("showEigen", .bool, default: "true", help: "draw the real eigenvectors"),
            FigureParameter("showSingular", .bool, default: "true", help: "draw the singular vectors"),
        ],
        render: { arguments in
            let entries = try ["a", "b", "c", "d"].map { name throws(FigureError) in try arguments.double(name, in: -3...3) }
            return try drawTransform(a: entries[0], b: entries[1], c: entries[2], d: entries[3],
                                     showEigen: arguments.bool("showEigen"), showSingular: arguments.bool("showSingular"))
        })

    /// The real eigenvalues of [[a, b], [c, d]] with unit eigenvectors, or the complex pair.
    enum Eigen2x2 {
        case real([(value: Double, vector: (Double, Double))])
        /// Every vector is an eigenvector (the matrix is a multiple of the identity).
        case scalar(Double)
        case complex(real: Double, imaginary: Double)
    }

    static func eigen2x2(a: Double, b: Double, c: Double, d: Double) -> Eigen2x2 {
        let trace = a + d, determinant = a * d - b * c
        let discriminant = trace * trace - 4 * determinant
        let scale = max(1, trace * trace)
        if discriminant < -1e-12 * scale {
            return .complex(real: trace / 2, imaginary: (-discriminant).squareRoot() / 2)
        }
        if abs(b) < 1e-12 && abs(c) < 1e-12 && abs(a - d) < 1e-12 { return .scalar(a) }
        let root = max(discriminant, 0).squareRoot()
        let values = root == 0 ? [trace / 2] : [(trace + root) / 2, (trace - root) / 2]
        return .real(values.map { lambda in
            // A null vector of A − λI from either row; the longer candidate is the better conditioned.
            let fromTop = (b, lambda - a), fromBottom = (lambda - d, c)
            let top = hypot(fromTop.0, fromTop.1), bottom = hypot(fromBottom.0, fromBottom.1)
            let (v, n) = top >= bottom ? (fromTop, top) : (fromBottom, bottom)
            guard n > 0 else { return (lambda, (1, 0)) }
            // A direction, so either sign will do: the one pointing right reads best.
            let sign = v.0 < 0 || (v.0 == 0 && v.1 < 0) ? -1.0 : 1.0
            return (lambda, (sign * v.0 / n, sign * v.1 / n))
        })
    }

    private static func drawTransform(a: Double, b: Double, c: Double, d: Double,
                                      showEigen: Bool, showSingular: Bool) throws(FigureError) -> String {
        let matrix = Tensor([[a, b], [c, d]])
        let svd: (u: Tensor, s: Tensor, vt: Tensor)
        do { svd = try Linalg.svd(matrix) } catch { throw FigureError("the SVD did not converge: \(error)") }
        var u = svd.u.scalars(as: Double.self), vt = svd.vt.scalars(as: Double.self)
        let s = svd.s.scalars(as: Double.self)
        // Each pair (uᵢ, vᵢ) is fixed only up to a shared sign: pick the one whose vᵢ points right.
        for i in 0..<2 where vt[2 * i] < 0 || (vt[2 * i] == 0 && vt[2 * i + 1] < 0) {
            vt[2 * i] = -vt[2 * i]
            vt[2 * i + 1] = -vt[2 * i + 1]
            u[i] = -u[i]
            u[2 + i] = -u[2 + i]
        }
        let eigen = eigen2x2(a: a, b: b, c: c, d: d)
        func apply(_ x: Double, _ y: Double) -> (Double, Double) { (a * x + b * y, c * x + d * y) }

        // A square view that holds the unit square's image with a margin.
        let corners = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map { apply($0.0, $0.1) }
        let reach = max(1.25, corners.map { max(abs($0.0), abs($0.1)) }.max()! * 1.12)
        let width = 700.0, height = 530.0, side = 440.0
        let left = 52.0, top = 58.0
        let scale = side / (2 * reach)
        func point(_ x: Double, _ y: Double) -> (Double, Double) { (left + side / 2 + x * scale, top + side / 2 - y * scale) }

        var svg = HandDrawnSVG(width: width, height: height)
        let title = "The matrix [[\(n(a)), \(n(b))], [\(n(c)), \(n(d))]] acting on the plane"
        svg.text(title, x: width / 2, y: 27, anchor: "middle", class: "title")
        svg.rect(x: left, y: top, width: side, height: side, strokeClass: "frame")

        // Ticks on the frame, a whole number of units apart.
        let step = reach > 6 ? 2.0 : (reach > 2.5 ? 1 : 0.5)
        var tick = -(reach / step).rounded(.down) * step
        while tick <= reach + 1e-9 {
            let (px, py) = point(tick, tick)
            svg.line(px, top + side, px, top + side + 5, class: "axis")
            svg.text(n(tick), x: px, y: top + side + 18, anchor: "middle", class: "tick-label")
            svg.line(left - 5, py, left, py, class: "axis")
            svg.text(n(tick), x: left - 8, y: py + 4, anchor: "end", class: "tick-label")
            tick += step
        }
        let (originX, originY) = point(0, 0)
        svg.line(left, originY, left + side, originY, class: "axis")
        svg.line(originX, top, originX, top + side, class: "axis")

        // Before: the square grid and the unit circle, faint and dashed.
        let gridSteps = [-1.0, -0.5, 0, 0.5, 1]
        for g in gridSteps {
            svg.path([point(g, -1), point(g, 1)], class: "axis", dash: "3 3")
            svg.path([point(-1, g), point(1, g)], class: "axis", dash: "3 3")
        }
        let angles = (0...96).map { 2 * Double.pi * Double($0) / 96 }
        svg.path(angles.map { point(cos($0), sin($0)) }, class: "axis", width: 1.2, dash: "3 3", closed: true)

        // After: the image of the grid (blue) and of the circle (orange).
        for g in gridSteps {
            let edge = abs(g) == 1
            svg.path([apply(g, -1), apply(g, 1)].map { point($0.0, $0.1) }, class: "s0", width: edge ? 1.6 : 1, opacity: edge ? 0.9 : 0.5)
            svg.path([apply(-1, g), apply(1, g)].map { point($0.0, $0.1) }, class: "s0", width: edge ? 1.6 : 1, opacity: edge ? 0.9 : 0.5)
        }
        svg.path(angles.map { apply(cos($0), sin($0)) }.map { point($0.0, $0.1) }, class: "s1", width: 2.5, closed: true)
        // Where the basis vectors land: the columns of the matrix.
        for (column, label) in [((a, c), "Ae₁"), ((b, d), "Ae₂")] {
            let end = point(column.0, column.1)
            svg.arrow(originX, originY, end.0, end.1, strokeClass: "s0", fillClass: "f0", width: 1.8)
            svg.text(label, x: end.0 + 6, y: end.1 - 6, class: "small bold")
        }

        // Eigenvectors: whole lines through the origin (dashed) and the arrows λv.
        var eigenText: String, eigenLines: [String]
        var drewEigenvectors = false
        switch eigen {
        case .real(let pairs):
            eigenText = pairs.map { "λ = \(n($0.value))" }.joined(separator: ", ")
            eigenLines = pairs.count == 1 ? ["λ = \(n(pairs[0].value)) (repeated),", "one eigenvector direction"]
                : ["λ₁ = \(n(pairs[0].value)), λ₂ = \(n(pairs[1].value))"]
            drewEigenvectors = showEigen
            if showEigen {
                for (index, pair) in pairs.enumerated() {
                    let (vx, vy) = pair.vector
                    let t = reach / max(abs(vx), abs(vy))
                    svg.path([point(-t * vx, -t * vy), point(t * vx, t * vy)], class: "s2", width: 1.2, dash: "7 4")
                    let end = point(pair.value * vx, pair.value * vy)
                    svg.arrow(originX, originY, end.0, end.1, strokeClass: "s2", fillClass: "f2", width: 3)
                    let labelPoint = point(0.82 * t * vx, 0.82 * t * vy)
                    svg.text("λ\(pairs.count > 1 ? (index == 0 ? "₁" : "₂") : "") = \(n(pair.value))",
                             x: labelPoint.0 + 6, y: labelPoint.1 - 6, class: "small bold")
                }
            }
            if pairs.count == 1 { eigenText += " (repeated; one eigenvector direction)" }
        case .scalar(let value):
            eigenText = "λ = \(n(value)) for every direction"
            eigenLines = ["λ = \(n(value)): every direction", "is an eigenvector"]
        case .complex(let re, let im):
            eigenText = "complex, \(n(re)) ± \(n(im))i: no real eigenvector"
            eigenLines = ["\(n(re)) ± \(n(im))i (complex):", "no real eigenvector"]
        }

        // Singular vectors: the perpendicular inputs vᵢ (dashed) and their images σᵢuᵢ, the
        // ellipse's semi-axes.
        if showSingular {
            for i in 0..<2 where s[i] > 1e-12 {
                let v = point(vt[2 * i], vt[2 * i + 1])
                svg.arrow(originX, originY, v.0, v.1, strokeClass: "s5", fillClass: "f5", width: 1.6, dash: "4 3")
                let image = point(s[i] * u[i], s[i] * u[2 + i])
                svg.arrow(originX, originY, image.0, image.1, strokeClass: "s5", fillClass: "f5", width: 3)
                svg.text("σ\(i == 0 ? "₁" : "₂")u\(i == 0 ? "₁" : "₂")", x: image.0 + 6, y: image.1 + 14, class: "small bold")
            }
        }

        // The key, and the numbers behind the picture.
        var y = top + 8
        let keyX = left + side + 28
        func key(_ label: String, stroke: String, dash: String? = nil, width: Double = 2) {
            svg.line(keyX, y - 4, keyX + 26, y - 4, class: stroke, width: width, dash: dash)
            svg.text(label, x: keyX + 34, y: y, class: "small")
            y += 20
        }
        key("grid and circle before", stroke: "axis", dash: "3 3", width: 1.2)
        key("grid after A", stroke: "s0", width: 1.6)
        key("circle after A", stroke: "s1", width: 2.5)
        if drewEigenvectors { key("eigenvectors, A v = λ v", stroke: "s2", width: 3) }
        if showSingular {
            key("right singular vectors v", stroke: "s5", dash: "4 3", width: 1.6)
            key("A v = σ u (ellipse axes)", stroke: "s5", width: 3)
        }
        y += 12
        let determinant = a * d - b * c
        for line in ["det A = \(n(determinant))", "(area scale\(determinant < 0 ? ", flipped" : ""))", "eigenvalues:"]
            + eigenLines + ["singular values:", "σ₁ = \(n(s[0])), σ₂ = \(n(s[1]))"] {
            svg.text(line, x: keyX, y: y, class: line.hasSuffix(":") || line.hasPrefix("det") ? "small bold" : "small")
            y += 17
        }

        let description = "The matrix with rows (\(n(a)), \(n(b))) and (\(n(c)), \(n(d))) maps the dashed square grid to the blue grid "
            + "of parallelograms and the dashed unit circle to the orange ellipse. Its columns, \(n(a)), \(n(c)) and \(n(b)), \(n(d)), "
            + "are where the two basis vectors land. Determinant \(n(determinant)). Eigenvalues: \(eigenText)"
            + (drewEigenvectors ? "; the green lines are the directions the matrix only stretches" : "") + ". Singular values \(n(s[0])) and \(n(s[1]))"
            + (showSingular ? ": the purple dashed arrows are the perpendicular inputs v, and the solid purple arrows their images, the ellipse's semi-axes" : "")
            + "."
        return svg.document(title: title, description: description)
    }

    private static func n(_ value: Double) -> String { FigureSupport.number(value, digits: 2) }

    // MARK: - Low-rank approximations of the digits

    /// The singular values of the digits matrix, raw or with the mean image removed.
    private static func digitsSingularValues(centered: Bool) throws(FigureError) -> [Double] {
        let x = try FigureSupport.bundled("digits").features
        let matrix = centered ? x - x.mean(axis: 0) : x
        do { return try Linalg.svdvals(matrix).scalars(as: Double.self) } catch {
            throw FigureError("the SVD did not converge: \(error)")
        }
    }

    /// The relative Frobenius error of the best rank-k approximation, k = 0…maxRank, from the
    /// singular values (Eckart–Young).
    static func lowRankErrors(_ singularValues: [Double], maxRank: Int) -> [Double] {
        let squares = singularValues.map { $0 * $0 }
        let total = squares.reduce(0, +)
        guard total > 0 else { return Array(repeating: 0, count: maxRank + 1) }
        return (0...maxRank).map { k in (squares.dropFirst(k).reduce(0, +) / total).squareRoot() }
    }

    static let digitsSVDError = FigureFunction(
        name: "digits-svd-error",
        summary: "How far the best rank-k approximation of the digits images is from the images, for each k.",
        parameters: [
            FigureParameter("maxRank", .int, default: "40", help: "the largest rank shown, 2…64"),
            FigureParameter("logScale", .bool, default: "false", help: "a logarithmic error axis"),
        ],
        render: { arguments in
            let maxRank = try arguments.int("maxRank", in: 2...64)
            let raw = lowRankErrors(try digitsSingularValues(centered: false), maxRank: maxRank)
            let centered = lowRankErrors(try digitsSingularValues(centered: true), maxRank: maxRank)
            let ranks = (0...maxRank).map(Double.init)
            let at10 = min(10, maxRank)
            let chart = LineChart(
                title: "Best rank-k approximation of the 1,797 digits images", xLabel: "Rank k", yLabel: "Relative error",
                series: [.init(name: "raw pixels", x: ranks, y: raw),
                         .init(name: "mean image removed", x: ranks, y: centered)],
                yScale: arguments.bool("logScale") ? .log : .linear,
                description: "The error is the Frobenius norm of what the rank-k truncated SVD leaves out, relative to the whole "
                    + "matrix. At rank \(at10) it is \(FigureSupport.number(100 * raw[at10], digits: 1)) % for the raw pixels and "
                    + "\(FigureSupport.number(100 * centered[at10], digits: 1)) % with the mean image removed.")
            return try FigureSupport.render(chart)
        })

    static let digitsLowRank = FigureFunction(
        name: "digits-low-rank",
        summary: "Digits images rebuilt from a few singular vectors, next to the originals.",
        parameters: [
            FigureParameter("count", .int, default: "4", help: "how many digits to show (the first 0, 1, 2, …), 1…10"),
            FigureParameter("ranks", .string, default: "1,3,5,10,20", help: "the ranks to rebuild with, 1 to 6 numbers in 1…64"),
        ],
        render: { arguments in
            let count = try arguments.int("count", in: 1...10)
            let ranks = try FigureSupport.integers(arguments.string("ranks"), name: "ranks", in: 1...64, count: 1...6)
            let data = try FigureSupport.bundled("digits")
            let classes = data.target.scalars(as: Int.self)
            let rows = (0..<count).compactMap { digit in classes.firstIndex(of: digit) }
            let svd: (u: Tensor, s: Tensor, vt: Tensor)
            do { svd = try Linalg.svd(data.features) } catch { throw FigureError("the SVD did not converge: \(error)") }
            let picked = svd.u.indexSelect(axis: 0, indices: Tensor(rows, shape: [rows.count]))   // [count, 64]

            var images: [[Double]] = [], labels: [String] = []
            for (position, row) in rows.enumerated() {
                for k in ranks {
                    let coefficients = picked[position, ..<k] * svd.s[..<k]
                    images.append(coefficients.matmul(svd.vt[..<k]).scalars(as: Double.self))
                    labels.append("rank \(k)")
                }
                images.append(data.features[row].scalars(as: Double.self))
                labels.append("original")
            }
            let perRow = ranks.count + 1
            let chart = ImageGrid(
                title: "Digits rebuilt from their largest singular vectors", images: images, width: 8, height: 8,
                labels: labels, columns: perRow, colorMap: .ink, scaling: .fixed(0...16),
                description: "Each row is one digit (\((0..<count).map(String.init).joined(separator: ", "))); from left to right it is "
                    + "rebuilt from the first \(ranks.map(String.init).joined(separator: ", ")) singular vectors of the whole digits "
                    + "matrix, and the last image is the original.")
            let size = ChartSize(width: max(360, Double(perRow) * 92 + 40), height: 90 + Double(count) * 96)
            return try FigureSupport.render(chart, size: size)
        })
}
