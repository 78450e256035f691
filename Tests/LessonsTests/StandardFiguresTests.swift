import Foundation
@testable import Lessons
import Testing

/// Every registered figure renders with its defaults, and rejects bad parameter values with a
/// `FigureError` instead of trapping (lesson files can name any value).
@Suite struct StandardFiguresTests {
    static let names = FigureRegistry.standard.functions.keys.sorted()

    func render(_ name: String, _ given: [String: String] = [:]) throws -> String {
        let function = try #require(FigureRegistry.standard[name])
        return try function.render(FigureArguments(given, parameters: function.parameters))
    }

    @Test func theLessonsFiguresAreRegistered() {
        for name in ["broadcasting-diagram", "dataset-histogram", "matrix-transform", "digits-svd-error", "digits-low-rank",
                     "activation-functions", "gradient-norms-by-depth", "mlp-decision-surface"] {
            #expect(FigureRegistry.standard[name] != nil, "\(name) is not registered")
        }
    }

    @Test(arguments: names)
    func rendersWithDefaults(name: String) throws {
        let function = try #require(FigureRegistry.standard[name])
        #expect(!function.summary.isEmpty)
        for parameter in function.parameters { #expect(!parameter.help.isEmpty) }
        let svg = try render(name)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>\n"))
        // A real title (not the charts' fallback "Chart") and a description.
        let title = try #require(svg.firstMatch(of: /<title[^>]*>([^<]+)<\/title>/)?.1)
        #expect(title.count > 10)
        #expect(svg.contains("<desc") && !svg.contains("No data"))
        #expect(svg.contains("viewBox"))
        // The same parameters give the same document.
        #expect(try render(name) == svg)
    }

    /// Parameter values outside what each figure accepts; each must throw `FigureError`.
    static let badValues: [(String, [String: String])] = [
        ("broadcasting-diagram", ["rows": "0"]), ("broadcasting-diagram", ["rows": "7"]),
        ("broadcasting-diagram", ["columns": "-1"]), ("broadcasting-diagram", ["columns": "100"]),
        ("broadcasting-diagram", ["operands": "row-row"]),
        ("dataset-histogram", ["dataset": "titanic"]), ("dataset-histogram", ["dataset": "digits"]),
        ("dataset-histogram", ["feature": "4"]), ("dataset-histogram", ["feature": "-1"]),
        ("dataset-histogram", ["dataset": "wine", "feature": "13"]), ("dataset-histogram", ["bins": "61"]),
        ("dataset-histogram", ["bins": "-2"]), ("dataset-histogram", ["byClass": "yes"]),
        ("matrix-transform", ["a": "3.5"]), ("matrix-transform", ["b": "-4"]), ("matrix-transform", ["c": "1e9"]),
        ("matrix-transform", ["d": "nan"]), ("matrix-transform", ["d": "inf"]), ("matrix-transform", ["e": "1"]),
        ("digits-svd-error", ["maxRank": "1"]), ("digits-svd-error", ["maxRank": "65"]),
        ("digits-low-rank", ["count": "0"]), ("digits-low-rank", ["count": "11"]), ("digits-low-rank", ["ranks": "0,2"]),
        ("digits-low-rank", ["ranks": "1,65"]), ("digits-low-rank", ["ranks": "1,2,3,4,5,6,7"]),
        ("digits-low-rank", ["ranks": ""]), ("digits-low-rank", ["ranks": "two"]),
        ("activation-functions", ["functions": "relu,swish"]), ("activation-functions", ["functions": ""]),
        ("activation-functions", ["functions": "relu,relu"]),
        ("activation-functions", ["functions": "sigmoid,tanh,relu,leaky-relu,prelu,elu,selu,gelu,silu"]),
        ("activation-functions", ["range": "0.5"]), ("activation-functions", ["range": "11"]),
        ("gradient-norms-by-depth", ["depth": "1"]), ("gradient-norms-by-depth", ["depth": "31"]),
        ("gradient-norms-by-depth", ["width": "3"]), ("gradient-norms-by-depth", ["width": "129"]),
        ("gradient-norms-by-depth", ["init": "lsuv"]), ("gradient-norms-by-depth", ["seed": "1000"]),
        ("gradient-norms-by-depth", ["seed": "-1"]),
        ("mlp-decision-surface", ["dataset": "spiral"]), ("mlp-decision-surface", ["hidden": "1"]),
        ("mlp-decision-surface", ["hidden": "17"]), ("mlp-decision-surface", ["activation": "sigmoid"]),
        ("mlp-decision-surface", ["steps": "9"]), ("mlp-decision-surface", ["steps": "501"]),
        ("mlp-decision-surface", ["seed": "1000"]),
    ]

    @Test(arguments: badValues.indices)
    func rejectsBadValues(index: Int) {
        let (name, given) = Self.badValues[index]
        #expect(throws: FigureError.self, "\(name) \(given)") { try render(name, given) }
    }

    @Test func everyRegisteredFigureHasABadValueCase() {
        // A figure whose every parameter is a bool has nothing out of range; the others must be covered.
        for (name, function) in FigureRegistry.standard.functions where function.parameters.contains(where: { $0.kind != .bool }) {
            #expect(Self.badValues.contains { $0.0 == name }, "\(name) has no out-of-range test")
        }
    }

    /// The extreme values each range allows still render.
    static let edgeValues: [(String, [String: String])] = [
        ("broadcasting-diagram", ["rows": "1", "columns": "1"]), ("broadcasting-diagram", ["rows": "6", "columns": "6", "operands": "matrix-row"]),
        ("broadcasting-diagram", ["operands": "matrix-column"]), ("broadcasting-diagram", ["operands": "matrix-scalar", "rows": "1"]),
        ("dataset-histogram", ["dataset": "diabetes", "feature": "9", "bins": "60"]),
        ("dataset-histogram", ["dataset": "breast-cancer", "feature": "29", "byClass": "false", "bins": "1"]),
        ("matrix-transform", ["a": "0", "b": "0", "c": "0", "d": "0"]),
        ("matrix-transform", ["a": "0", "b": "-1", "c": "1", "d": "0"]),
        ("matrix-transform", ["a": "1", "b": "1", "c": "0", "d": "1"]),
        ("matrix-transform", ["a": "2", "b": "0", "c": "0", "d": "2"]),
        ("matrix-transform", ["a": "-3", "b": "3", "c": "3", "d": "-3", "showEigen": "false", "showSingular": "false"]),
        ("digits-svd-error", ["maxRank": "64", "logScale": "true"]), ("digits-svd-error", ["maxRank": "2"]),
        ("digits-low-rank", ["count": "10", "ranks": "64"]), ("digits-low-rank", ["count": "1", "ranks": "1,2,3,4,5,6"]),
        ("activation-functions", ["functions": "prelu,selu,mish", "derivative": "true", "range": "10"]),
        ("activation-functions", ["functions": "relu", "range": "1"]),
        ("gradient-norms-by-depth", ["depth": "30", "width": "128", "init": "he"]),
        ("gradient-norms-by-depth", ["depth": "2", "width": "4", "init": "xavier", "seed": "999"]),
        ("mlp-decision-surface", ["dataset": "circles", "hidden": "16", "steps": "500", "activation": "relu"]),
        ("mlp-decision-surface", ["dataset": "moons", "hidden": "2", "steps": "10", "seed": "999"]),
    ]

    @Test(arguments: edgeValues.indices)
    func rendersAtTheEdges(index: Int) throws {
        let (name, given) = Self.edgeValues[index]
        let svg = try render(name, given)
        #expect(svg.hasPrefix("<svg") && svg.contains("<title"))
    }

    @Test func matrixTransformReportsTheDecomposition() throws {
        // [[2, 1], [0.5, 1.5]]: trace 3.5 and determinant 2.5, so λ = 2.5 and 1; aᵀa has
        // trace 7.5, so σ² = (7.5 ± √31.25)/2, σ = 2.56 and 0.98.
        let svg = try render("matrix-transform")
        #expect(svg.contains("λ = 2.5, λ = 1"))
        #expect(svg.contains("Singular values 2.56 and 0.98"))
        #expect(svg.contains("Determinant 2.5"))
        // A quarter turn has the complex eigenvalues ±i.
        let rotation = try render("matrix-transform", ["a": "0", "b": "-1", "c": "1", "d": "0"])
        #expect(rotation.contains("complex, 0 ± 1i"))
    }

    @Test func broadcastingDiagramShowsTheEnginesSum() throws {
        let svg = try render("broadcasting-diagram")
        #expect(svg.contains("Broadcasting: [3, 1] + [1, 4] → [3, 4]"))
        // Hand-drawn figures carry the Charts style sheet itself, colour variables and dark theme included.
        #expect(svg.contains("--chart-c0") && svg.contains("prefers-color-scheme"))
        #expect(svg.contains("its first row is 1, 2, 3, 4 and its last row is 21, 22, 23, 24"))
        let scalar = try render("broadcasting-diagram", ["operands": "matrix-scalar", "rows": "2", "columns": "2"])
        // [[0, 1], [10, 11]] + 100.
        #expect(scalar.contains("its first row is 100, 101 and its last row is 110, 111"))
    }

    @Test func lowRankErrorsFollowEckartYoung() {
        // Singular values 3, 2, 1 (sum of squares 14): leaving out all but the first k gives √(rest/14).
        let errors = StandardFigures.lowRankErrors([3, 2, 1], maxRank: 3)
        let expected = [1, (5.0 / 14).squareRoot(), (1.0 / 14).squareRoot(), 0]
        #expect(errors.count == 4)
        #expect(zip(errors, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func eigenvaluesOfTwoByTwoMatrices() {
        // [[2, 1], [0.5, 1.5]]: λ = 2.5 with (2, 1)/√5 and λ = 1 with (1, −1)/√2, up to sign.
        guard case .real(let pairs) = StandardFigures.eigen2x2(a: 2, b: 1, c: 0.5, d: 1.5) else {
            Issue.record("expected real eigenvalues")
            return
        }
        #expect(pairs.map(\.value) == [2.5, 1])
        #expect(abs(abs(pairs[0].vector.0) - 2 / 5.0.squareRoot()) < 1e-12 && abs(pairs[0].vector.0 - 2 * pairs[0].vector.1) < 1e-12)
        #expect(abs(pairs[1].vector.0 + pairs[1].vector.1) < 1e-12)
        // A shear keeps only the x axis; a quarter turn keeps nothing; 2I keeps everything.
        guard case .real(let shear) = StandardFigures.eigen2x2(a: 1, b: 1, c: 0, d: 1) else {
            Issue.record("expected a real eigenvalue")
            return
        }
        #expect(shear.count == 1 && shear[0].value == 1 && abs(shear[0].vector.1) < 1e-12)
        guard case .complex(let re, let im) = StandardFigures.eigen2x2(a: 0, b: -1, c: 1, d: 0) else {
            Issue.record("expected complex eigenvalues")
            return
        }
        #expect(re == 0 && im == 1)
        guard case .scalar(let value) = StandardFigures.eigen2x2(a: 2, b: 0, c: 0, d: 2) else {
            Issue.record("expected a multiple of the identity")
            return
        }
        #expect(value == 2)
    }

    @Test func deepSigmoidGradientsVanish() {
        // σ′ ≤ ¼, so twenty sigmoid layers shrink the gradient by many orders of magnitude,
        // while He-initialised ReLU layers keep it within a small factor.
        let sigmoid = StandardFigures.layerGradientNorms(depth: 20, width: 32, activation: { $0.sigmoid() }, he: false, seed: 0)
        let relu = StandardFigures.layerGradientNorms(depth: 20, width: 32, activation: { $0.relu() }, he: true, seed: 0)
        #expect(sigmoid.count == 20 && relu.count == 20)
        #expect(sigmoid[0] / sigmoid[19] < 1e-6)
        #expect(relu[0] / relu[19] > 0.05 && relu[0] / relu[19] < 20)
    }

    @Test func significantNumbers() {
        #expect(FigureSupport.significant(0.25) == "0.25")
        #expect(FigureSupport.significant(3.14159) == "3.1")
        #expect(FigureSupport.significant(1.26e-12) == "1.3 × 10⁻¹²")
        #expect(FigureSupport.significant(-45000) == "−4.5 × 10⁴")
    }

    @Test func theNetworkLearnsXor() throws {
        let svg = try render("mlp-decision-surface")
        let accuracy = try #require(svg.firstMatch(of: /training accuracy ([0-9.]+) %/)?.1)
        #expect(try #require(Double(accuracy)) >= 95)
    }
}
