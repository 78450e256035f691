import Foundation
import FoundationXML
import Testing
import TestSupport
@testable import Lessons

/// The MathML inside `<semantics>`, without the wrapper and the annotation.
private func body(_ latex: String, display: Bool = false) -> String {
    let mathML = MathMLRenderer.render(latex, display: display).mathML
    let start = mathML.range(of: "<semantics><mrow>")!.upperBound
    let end = mathML.range(of: "</mrow><annotation")!.lowerBound
    return String(mathML[start..<end])
}

private func warnings(_ latex: String) -> [String] {
    MathMLRenderer.render(latex, display: true).warnings.map(\.message)
}

/// `XMLDocument` on Linux parses in libxml2's recover mode and accepts broken XML, so
/// well-formedness is checked with `XMLParser`, whose delegate hears of every error.
private func isWellFormed(_ xml: String) -> Bool {
    final class Checker: NSObject, XMLParserDelegate {
        var open: [String] = [], roots = 0, failed = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if open.isEmpty { roots += 1 }
            open.append(name)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if open.popLast() != name { failed = true }
        }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let checker = Checker()
    parser.delegate = checker
    return parser.parse() && !checker.failed && checker.open.isEmpty && checker.roots == 1
}

/// The annotation as an XML parser reads it back: what a reader copying the source gets.
private func annotation(_ xml: String) -> String? {
    let document = try? XMLDocument(xmlString: xml, options: [.nodePreserveWhitespace])
    guard let root = document?.rootElement(), root.name == "math" else { return nil }
    return root.elements(forName: "semantics").first?.elements(forName: "annotation").first?.stringValue
}

private let apply = "<mo>\u{2061}</mo>"
/// Before an undelimited argument (`\sin x`) the application carries TeX's thin space.
private let applySpaced = "<mo rspace=\"0.1667em\">\u{2061}</mo>"

@Suite struct MathMLRendererTests {
    @Test func wrapsInMathWithTheSourceAsAnnotation() {
        let inline = MathMLRenderer.render("a<b", display: false)
        #expect(inline.mathML == "<math><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
            + "<annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>")
        #expect(inline.warnings.isEmpty)
        #expect(MathMLRenderer.render("x", display: true).mathML.hasPrefix("<math display=\"block\"><semantics>"))
        #expect(body("") == "")
    }

    @Test func fractionsAndBinomials() {
        #expect(body("\\frac{a}{b}") == "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
        #expect(body("\\frac12") == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(body("\\frac{a+b}{2}") == "<mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac>")
        #expect(body("\\dfrac{a}{b}") == "<mstyle displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle>")
        #expect(body("\\tfrac{a}{b}").hasPrefix("<mstyle displaystyle=\"false\" scriptlevel=\"0\"><mfrac>"))
        #expect(body("\\binom{n}{k}").contains("<mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac>"))
    }

    @Test func scriptsPrimesAndNumbers() {
        #expect(body("x_i^2") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(body("x^{10}") == "<msup><mi>x</mi><mn>10</mn></msup>")
        #expect(body("f'") == "<msup><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">′</mo></msup>")
        #expect(body("f''(x)").hasPrefix("<msup><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">″</mo></msup>"))
        #expect(body("3.14 + xy") == "<mn>3.14</mn><mo>+</mo><mi>x</mi><mi>y</mi>")
        #expect(body("a = -b") == "<mi>a</mi><mo>=</mo><mo form=\"prefix\">−</mo><mi>b</mi>")
        #expect(body("A^\\top + B^{\\top} + C^\\intercal").contains("<msup><mi>A</mi><mi>⊤</mi></msup>"))
        #expect(body("B^{\\top}") == "<msup><mi>B</mi><mi>⊤</mi></msup>")
    }

    @Test func roots() {
        #expect(body("\\sqrt{x}") == "<msqrt><mi>x</mi></msqrt>")
        #expect(body("\\sqrt[n]{x+1}") == "<mroot><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow><mi>n</mi></mroot>")
    }

    @Test func bigOperatorsTakeLimitsInDisplayOnly() {
        let sum = "<mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
        #expect(body("\\sum_{i=1}^n", display: true) == "<munderover>\(sum)</munderover>")
        #expect(body("\\sum_{i=1}^n") == "<msubsup>\(sum)</msubsup>")
        #expect(body("\\prod_i", display: true) == "<munder><mo>∏</mo><mi>i</mi></munder>")
        #expect(body("\\lim_{n \\to \\infty} a_n", display: true)
            == "<munder><mi>lim</mi><mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow></munder>\(applySpaced)<msub><mi>a</mi><mi>n</mi></msub>")
        #expect(body("\\lim_{n}") == "<msub><mi>lim</mi><mi>n</mi></msub>")
        #expect(body("\\arg\\max_\\theta", display: true) == "<munder><mi>arg\u{2009}max</mi><mi>θ</mi></munder>")
        #expect(body("\\arg\\min_x", display: true).hasPrefix("<munder><mi>arg\u{2009}min</mi>"))
        #expect(body("\\max_x", display: true).hasPrefix("<munder><mi>max</mi>"))
        // Integrals keep side limits, as in TeX, unless \limits asks otherwise.
        #expect(body("\\int_0^1", display: true) == "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>")
        #expect(body("\\int\\limits_0^1") == "<munderover><mo movablelimits=\"false\">∫</mo><mn>0</mn><mn>1</mn></munderover>")
        #expect(body("\\iint \\oint") == "<mo>∬</mo><mo>∮</mo>")
        #expect(body("\\displaystyle\\sum_i x").hasPrefix("<mstyle displaystyle=\"true\" scriptlevel=\"0\"><munder><mo>∑</mo>"))
        // A fraction's parts are in text style, so a sum in one keeps side limits.
        #expect(body("\\frac{\\sum_i x}{n}", display: true).hasPrefix("<mfrac><mrow><msub><mo>∑</mo>"))
    }

    @Test(arguments: [
        ("alpha", "α"), ("beta", "β"), ("epsilon", "ϵ"), ("varepsilon", "ε"), ("theta", "θ"),
        ("vartheta", "ϑ"), ("lambda", "λ"), ("mu", "μ"), ("pi", "π"), ("sigma", "σ"),
        ("phi", "ϕ"), ("varphi", "φ"), ("omega", "ω"), ("varGamma", "𝛤"),
    ])
    func lowercaseGreekIsItalic(command: String, character: String) {
        #expect(body("\\" + command) == "<mi>\(character)</mi>")
    }

    @Test func capitalGreekIsUpright() {
        #expect(body("\\Sigma\\Delta\\Omega") == ["Σ", "Δ", "Ω"].map { "<mi mathvariant=\"normal\">\($0)</mi>" }.joined())
    }

    @Test(arguments: [
        ("hat", "^", "false"), ("widehat", "^", "true"), ("bar", "¯", "false"), ("check", "ˇ", "false"),
        ("vec", "→", "false"), ("tilde", "~", "false"), ("dot", "˙", "false"), ("ddot", "¨", "false"),
    ])
    func accents(command: String, mark: String, stretchy: String) {
        #expect(body("\\\(command){x}") == "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"\(stretchy)\">\(mark)</mo></mover>")
    }

    @Test func linesAndBraces() {
        #expect(body("\\overline{AB}") == "<mrow style=\"border-top:0.065em solid;padding-top:0.1em\"><mrow><mi>A</mi><mi>B</mi></mrow></mrow>")
        #expect(body("\\underline{x}") == "<mrow style=\"border-bottom:0.065em solid;padding-bottom:0.1em\"><mi>x</mi></mrow>")
        #expect(body("\\underbrace{a+b}_{n}")
            == "<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mi>n</mi></munder>")
        #expect(body("\\overbrace{x}^{k}") == "<mover><mover><mi>x</mi><mo stretchy=\"true\">⏞</mo></mover><mi>k</mi></mover>")
    }

    @Test func fontsUseMathAlphanumerics() {
        #expect(body("\\mathbf{x}") == "<mi>𝐱</mi>")
        #expect(body("\\mathbf{W}_1") == "<msub><mi>𝐖</mi><mn>1</mn></msub>")
        #expect(body("\\boldsymbol{\\theta} \\bm{\\mu} \\boldsymbol\\Sigma") == "<mi>𝜽</mi><mi>𝝁</mi><mi>𝚺</mi>")
        #expect(body("\\mathrm{ReLU}") == "<mi mathvariant=\"normal\">ReLU</mi>")
        #expect(body("\\mathrm{d}x") == "<mi mathvariant=\"normal\">d</mi><mi>x</mi>")
        #expect(body("\\mathit{x}") == "<mi>𝑥</mi>")
        #expect(body("\\mathcal{L} \\mathcal{N}") == "<mi>ℒ</mi><mi>𝒩</mi>")
        #expect(body("\\mathbb{R}^n \\mathbb{E} \\mathbb{1}") == "<msup><mi>ℝ</mi><mi>n</mi></msup><mi>𝔼</mi><mn>𝟙</mn>")
        #expect(body("\\mathsf{A} \\mathtt{x}") == "<mi>𝖠</mi><mi>𝚡</mi>")
        #expect(body("\\operatorname{softmax}(z)") == "<mi>softmax</mi>\(apply)<mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo>")
        #expect(body("\\operatorname*{arg\\,max}_x", display: true) == "<munder><mi>arg\u{2009}max</mi><mi>x</mi></munder>")
        #expect(body("\\operatorname{f}") == "<mi mathvariant=\"normal\">f</mi>")
    }

    @Test func text() {
        #expect(body("\\text{if } x") == "<mtext>if\u{A0}</mtext><mi>x</mi>")
        #expect(body("\\textbf{a}\\textit{b}") == "<mtext style=\"font-weight:bold\">a</mtext><mtext style=\"font-style:italic\">b</mtext>")
        #expect(body("\\mbox{for all $x^2$}") == "<mrow><mtext>for all\u{A0}</mtext><msup><mi>x</mi><mn>2</mn></msup></mrow>")
        #expect(body("\\text{50\\% & <b>}") == "<mtext>50% &amp; &lt;b&gt;</mtext>")
    }

    @Test func stretchyDelimiters() {
        let open = "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">"
        let close = "<mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">"
        #expect(body("\\left( x \\right)") == "<mrow>\(open)(</mo><mi>x</mi>\(close))</mo></mrow>")
        #expect(body("\\left. x \\right|_0") == "<msub><mrow><mi>x</mi>\(close)|</mo></mrow><mn>0</mn></msub>")
        #expect(body("\\left\\| x \\right\\|") == "<mrow>\(open)‖</mo><mi>x</mi>\(close)‖</mo></mrow>")
        #expect(body("\\left\\langle a \\middle| b \\right\\rangle").contains("<mo fence=\"true\" form=\"infix\" stretchy=\"true\" symmetric=\"true\">|</mo>"))
        #expect(body("\\left\\lfloor x \\right\\rceil") == "<mrow>\(open)⌊</mo><mi>x</mi>\(close)⌉</mo></mrow>")
        #expect(body("\\left\\{ x \\right.") == "<mrow>\(open){</mo><mi>x</mi></mrow>")
        #expect(body("\\big( \\Bigr]").contains("<mo minsize=\"1.2em\" maxsize=\"1.2em\" stretchy=\"true\""))
        #expect(body("\\bigg\\| \\Bigg)").contains("maxsize=\"2.470em\""))
        #expect(body("\\{ \\} \\lVert \\rVert") == "<mo stretchy=\"false\">{</mo><mo stretchy=\"false\">}</mo><mo stretchy=\"false\">‖</mo><mo stretchy=\"false\">‖</mo>")
    }

    @Test(arguments: [
        ("matrix", "", ""), ("pmatrix", "(", ")"), ("bmatrix", "[", "]"), ("Bmatrix", "{", "}"),
        ("vmatrix", "|", "|"), ("Vmatrix", "‖", "‖"),
    ])
    func matrices(name: String, open: String, close: String) {
        let table = "<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable>"
        let output = body("\\begin{\(name)} a & b \\\\ c & d \\\\ \\end{\(name)}")
        #expect(output.contains(table))
        #expect(output.hasPrefix(open.isEmpty ? "<mtable>" : "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">\(open)</mo>"))
        #expect(output.hasSuffix(close.isEmpty ? "</mtable>" : "\(close)</mo></mrow>"))
    }

    @Test func casesAlignmentsAndArrays() {
        let cases = body("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
        #expect(cases.contains("<mtable columnalign=\"left left\"><mtr><mtd style=\"text-align:left;text-align:-webkit-left\"><mn>1</mn></mtd>"))
        let aligned = body("\\begin{aligned} a &= b \\\\ &+ c \\end{aligned}")
        #expect(aligned.hasPrefix("<mtable displaystyle=\"true\" columnalign=\"right left\"><mtr>"
            + "<mtd style=\"text-align:right;text-align:-webkit-right;padding-right:0\"><mi>a</mi></mtd>"))
        #expect(aligned.contains("<mtd style=\"text-align:left;text-align:-webkit-left;padding-left:0\"><mo form=\"infix\">+</mo><mi>c</mi></mtd>"))
        #expect(body("\\begin{align*} x &= 1 & y &= 2 \\end{align*}").contains("columnalign=\"right left right left\""))
        #expect(body("\\begin{align} x &= 1 \\end{align}").contains("<mo>=</mo><mn>1</mn>"))
        let array = body("\\begin{array}{l|r} 1 & 2 \\\\ \\hline 3 & 4 \\end{array}")
        #expect(array.hasPrefix("<mtable columnalign=\"left right\"><mtr>"
            + "<mtd style=\"text-align:left;text-align:-webkit-left;border-right:0.06em solid\"><mn>1</mn></mtd>"))
        #expect(array.components(separatedBy: "<mtr>").count == 3)
        #expect(body("a \\\\ b", display: true) == "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>")
    }

    @Test func functionsAreUprightAndApplied() {
        #expect(body("\\sin x") == "<mi>sin</mi>\(applySpaced)<mi>x</mi>")
        #expect(body("\\sin^2\\theta") == "<msup><mi>sin</mi><mn>2</mn></msup>\(applySpaced)<mi>θ</mi>")
        #expect(body("\\log = 1") == "<mi>log</mi><mo>=</mo><mn>1</mn>")
        for name in ["log", "ln", "exp", "cos", "tan", "det", "tr", "sup", "inf", "Pr", "sgn"] {
            #expect(body("\\\(name) x") == "<mi>\(name)</mi>\(applySpaced)<mi>x</mi>", "\\\(name)")
        }
    }

    @Test func operatorsRelationsAndSymbols() {
        let table: [(String, String)] = [
            ("+", "+"), ("-", "−"), ("=", "="), ("<", "&lt;"), (">", "&gt;"), ("\\pm", "±"), ("\\mp", "∓"),
            ("\\times", "×"), ("\\cdot", "⋅"), ("\\div", "÷"), ("\\ast", "∗"), ("\\star", "⋆"), ("\\circ", "∘"),
            ("\\odot", "⊙"), ("\\otimes", "⊗"), ("\\oplus", "⊕"), ("\\le", "≤"), ("\\leq", "≤"), ("\\ge", "≥"),
            ("\\geq", "≥"), ("\\ne", "≠"), ("\\neq", "≠"), ("\\approx", "≈"), ("\\sim", "∼"), ("\\simeq", "≃"),
            ("\\equiv", "≡"), ("\\propto", "∝"), ("\\in", "∈"), ("\\notin", "∉"), ("\\subset", "⊂"),
            ("\\subseteq", "⊆"), ("\\cup", "∪"), ("\\cap", "∩"), ("\\setminus", "∖"), ("\\to", "→"),
            ("\\rightarrow", "→"), ("\\leftarrow", "←"), ("\\Rightarrow", "⇒"), ("\\Leftarrow", "⇐"),
            ("\\iff", "⟺"), ("\\mapsto", "↦"), ("\\implies", "⟹"), ("\\ldots", "…"), ("\\cdots", "⋯"),
            ("\\vdots", "⋮"), ("\\ddots", "⋱"), ("\\dots", "…"), ("\\mid", "∣"), ("\\parallel", "∥"),
            ("\\perp", "⊥"), ("\\neg", "¬"), ("\\land", "∧"), ("\\lor", "∨"), ("\\not=", "≠"),
        ]
        for (latex, character) in table {
            #expect(body("a " + latex + " b").contains(">\(character)</mo>"), "\(latex)")
        }
        for (latex, character) in [("\\forall", "∀"), ("\\exists", "∃"), ("\\partial", "∂"), ("\\infty", "∞"), ("\\emptyset", "∅"), ("\\top", "⊤")] {
            #expect(body(latex) == "<mi>\(character)</mi>", "\(latex)")
        }
        #expect(body("\\nabla") == "<mi mathvariant=\"normal\">∇</mi>")
    }

    @Test func spaces() {
        let widths = ["1em", "2em", "0.1667em", "0.2778em", "0.2222em", "-0.1667em", "0.3333em"]
        #expect(body("\\quad\\qquad\\,\\;\\:\\!~") == widths.map { "<mspace width=\"\($0)\"/>" }.joined())
    }

    @Test func colorIsAppliedAndBadColoursAreRefused() {
        #expect(body("\\color{red} x") == "<mstyle mathcolor=\"red\"><mi>x</mi></mstyle>")
        #expect(body("\\textcolor{#f80}{y}") == "<mstyle mathcolor=\"#f80\"><mi>y</mi></mstyle>")
        #expect(body("\\color{\"><script>} x") == "<mi>x</mi>")
        #expect(warnings("\\color{\"><script>} x").count == 1)
    }

    @Test func unknownCommandsAndEnvironmentsShowAsSource() {
        let unknown = MathMLRenderer.render("x + \\unknowncmd{y}", display: false)
        #expect(unknown.mathML.contains("<mo>+</mo><merror><mtext>\\unknowncmd</mtext></merror><mi>y</mi>"))
        #expect(unknown.warnings == [MathWarning("unknown command \\unknowncmd")])
        #expect(unknown.warnings[0].description == "unknown command \\unknowncmd")
        #expect(body("\\begin{foo} a \\end{foo}").hasPrefix("<mrow><merror><mtext>\\begin{foo}</mtext></merror><mtable>"))
        #expect(warnings("\\begin{foo} a \\end{foo}") == ["unknown environment foo"])
        #expect(warnings("\\text{\\weird}") == ["unknown command \\weird"])
    }

    @Test(arguments: [
        ("}", "unmatched }"), ("{x", "missing }"), ("\\left( x", "\\left without matching \\right"),
        ("x \\right)", "\\right without \\left"), ("a & b", "& outside a table environment"),
        ("\\begin{pmatrix} a", "missing \\end{pmatrix}"), ("\\end{cases}", "\\end{cases} without \\begin{cases}"),
        ("\\frac{a}", "missing argument for \\frac"), ("x^", "missing argument for ^"), ("x^1^2", "double superscript"),
        ("\\begin{matrix} a \\end{pmatrix}", "\\begin{matrix} ended by \\end{pmatrix}"), ("\\", "a lone \\ at the end"),
        ("\\sqrt[3", "missing ] after \\sqrt["), ("\u{1}", "replaced control characters that XML does not allow with U+FFFD"),
        (String(repeating: "{", count: 100) + "x" + String(repeating: "}", count: 100),
         "nesting deeper than 64 levels; the innermost part is shown as source"),
    ])
    func malformedInputWarnsAndStaysWellFormed(latex: String, warning: String) {
        let rendered = MathMLRenderer.render(latex, display: true)
        #expect(rendered.warnings.map(\.message).contains(warning), "\(rendered.warnings)")
        #expect(isWellFormed(rendered.mathML))
    }

    @Test func deepNestingIsCappedWithoutRecursingFurther() {
        for fragment in ["{", "\\frac{", "\\sqrt", "\\left(", "\\begin{matrix}", "\\text{", "x^{", "\\hat", "\\not", "\\displaystyle"] {
            let rendered = MathMLRenderer.render(String(repeating: fragment, count: 2000), display: true)
            #expect(isWellFormed(rendered.mathML), "\(fragment)")
            #expect(!rendered.warnings.isEmpty, "\(fragment)")
        }
    }

    @Test func randomAndMutatedInputAlwaysGivesWellFormedXML() {
        #expect(!isWellFormed("<math><mi>&</mi></math>") && !isWellFormed("<a><b></a>"), "the checker must reject broken XML")
        var random = SeededGenerator(seed: 0x5EED)
        let fragments = [
            "\\frac", "{", "}", "^", "_", "&", "\\\\", "\\left(", "\\right)", "\\middle|", "\\left.", "\\begin{pmatrix}",
            "\\end{pmatrix}", "\\begin{aligned}", "\\end{aligned}", "\\begin{cases}", "\\end{cases}", "\\begin{array}{|c",
            "\\begin{foo}", "\\end{foo}", "\\text{", "$", "x", "1.5", ".", "\\sqrt[", "]", "\\sum", "\\limits", "'", "\\unknown",
            "\\mathbf", "\\operatorname*{", "<", ">", "\"", "'", "\\color{", "\\displaystyle", "\\not", "\\hat", "\\underbrace",
            "\\", "%", "\n", " ", "\u{1}", "\u{FFFE}", "é", "😀", "\\big", "#", "~", "\\hspace{", "\\\\[2pt]", "\\&", "\\{",
        ]
        var inputs: [String] = []
        for _ in 0..<250 {
            let count = Int.random(in: 1...25, using: &random)
            inputs.append((0..<count).map { _ in fragments.randomElement(using: &random)! }.joined())
        }
        for formula in Self.realistic.map(\.latex) {
            for _ in 0..<25 {
                var characters = Array(formula)
                for _ in 0..<Int.random(in: 1...4, using: &random) where !characters.isEmpty {
                    let position = Int.random(in: 0..<characters.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: characters.remove(at: position)
                    case 1: characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
                    default: characters = Array(characters[..<position])
                    }
                }
                inputs.append(String(characters))
            }
        }
        for input in inputs {
            for display in [false, true] {
                let rendered = MathMLRenderer.render(input, display: display)
                #expect(isWellFormed(rendered.mathML), "\(input.debugDescription)")
            }
            let source = MathMLRenderer.xmlSafe(input).0
            #expect(annotation(MathMLRenderer.render(input, display: true).mathML) == source, "\(input.debugDescription)")
        }
    }

    static let realistic: [(name: String, latex: String)] = [
        ("softmax", "\\operatorname{softmax}(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}"),
        ("cross-entropy", "\\mathcal{L}(\\theta) = -\\frac{1}{N} \\sum_{i=1}^{N} \\sum_{c=1}^{C} y_{i,c} \\log \\hat{y}_{i,c}"),
        ("adam", """
            \\begin{aligned}
            m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\
            v_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\\\
            \\hat{m}_t &= \\frac{m_t}{1 - \\beta_1^t}, \\quad \\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t} \\\\
            \\theta_t &= \\theta_{t-1} - \\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}
            \\end{aligned}
            """),
        ("pmatrix", "W = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{pmatrix}"),
        ("relu", "\\mathrm{ReLU}(x) = \\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"),
        ("kl", "D_{\\mathrm{KL}}(P \\parallel Q) = \\int_{-\\infty}^{\\infty} p(x) \\log \\frac{p(x)}{q(x)} \\, dx"),
        ("chain rule", """
            \\frac{\\partial \\mathcal{L}}{\\partial w_{ij}} = \\frac{\\partial \\mathcal{L}}{\\partial a_j} \
            \\frac{\\partial a_j}{\\partial z_j} \\frac{\\partial z_j}{\\partial w_{ij}}
            """),
    ]

    @Test func realisticFormulasRenderCleanly() {
        for (name, latex) in Self.realistic {
            let rendered = MathMLRenderer.render(latex, display: true)
            #expect(rendered.warnings.isEmpty, "\(name): \(rendered.warnings)")
            #expect(isWellFormed(rendered.mathML), "\(name)")
        }
        let softmax = body(Self.realistic[0].latex, display: true)
        #expect(softmax.hasPrefix("<mi>softmax</mi>\(apply)<mo stretchy=\"false\">(</mo><mi>𝐳</mi>"))
        #expect(softmax.contains("<mfrac><msup><mi>e</mi><msub><mi>z</mi><mi>i</mi></msub></msup><mrow><msubsup><mo>∑</mo>"))
        let crossEntropy = body(Self.realistic[1].latex, display: true)
        #expect(crossEntropy.contains("<mo form=\"prefix\">−</mo><mfrac><mn>1</mn><mi>N</mi></mfrac><munderover><mo>∑</mo>"))
        #expect(crossEntropy.contains("<mi>log</mi>\(applySpaced)<msub><mover accent=\"true\"><mi>y</mi>"))
        let adam = body(Self.realistic[2].latex, display: true)
        #expect(adam.components(separatedBy: "<mtr>").count == 5)
        #expect(adam.contains("<msqrt><msub><mover accent=\"true\"><mi>v</mi>"))
        #expect(body(Self.realistic[3].latex).contains("<mtd><msub><mi>w</mi><mn>12</mn></msub></mtd>"))
        #expect(body(Self.realistic[4].latex).contains("<mtext>if\u{A0}</mtext><mi>x</mi><mo>&gt;</mo><mn>0</mn>"))
        let kl = body(Self.realistic[5].latex, display: true)
        #expect(kl.hasPrefix("<msub><mi>D</mi><mi mathvariant=\"normal\">KL</mi></msub>"))
        #expect(kl.contains("<msubsup><mo>∫</mo><mrow><mo form=\"prefix\">−</mo><mi>∞</mi></mrow><mi>∞</mi></msubsup>"))
        #expect(body(Self.realistic[6].latex).contains("<mfrac><mrow><mi>∂</mi><mi>ℒ</mi></mrow><mrow><mi>∂</mi><msub><mi>w</mi>"))
    }
}

