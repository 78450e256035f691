import Foundation
import Testing
import TestSupport
@testable import Lessons

@Suite("SwiftHighlighter")
struct SwiftHighlighterTests {
    // MARK: Helpers

    /// The spans of highlighted HTML as (class without `tok-`, text) pairs, plain text as class
    /// `""`, entities decoded. Records a failure for nested, unknown or empty spans.
    static func tokens(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) -> [(kind: String, text: String)] {
        var result: [(kind: String, text: String)] = []
        var kind = ""
        var text = ""
        var rest = Substring(html)
        let known = Set(SwiftTokenKind.allCases.map(\.rawValue))
        func flush() {
            if !text.isEmpty { result.append((kind, text)) }
            text = ""
        }
        while let c = rest.unicodeScalars.first {
            if c == "<" {
                guard let close = rest.firstIndex(of: ">") else {
                    Issue.record("unclosed tag in \(html)", sourceLocation: sourceLocation)
                    return result
                }
                let tag = rest[rest.startIndex...close]
                rest = rest[rest.index(after: close)...]
                if tag == "</span>" {
                    if kind.isEmpty { Issue.record("stray </span>", sourceLocation: sourceLocation) }
                    if text.isEmpty { Issue.record("empty span tok-\(kind)", sourceLocation: sourceLocation) }
                    flush()
                    kind = ""
                } else if tag.hasPrefix("<span class=\"tok-") && tag.hasSuffix("\">") {
                    if !kind.isEmpty { Issue.record("nested span in tok-\(kind)", sourceLocation: sourceLocation) }
                    flush()
                    kind = String(tag.dropFirst("<span class=\"tok-".count).dropLast(2))
                    if !known.contains(kind) { Issue.record("unknown class tok-\(kind)", sourceLocation: sourceLocation) }
                } else {
                    Issue.record("unexpected tag \(tag)", sourceLocation: sourceLocation)
                }
            } else if c == "&" {
                guard let semicolon = rest.firstIndex(of: ";") else {
                    Issue.record("bare & in \(html)", sourceLocation: sourceLocation)
                    return result
                }
                let entity = rest[rest.startIndex...semicolon]
                rest = rest[rest.index(after: semicolon)...]
                let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
                guard let decoded = entities[String(entity)] else {
                    Issue.record("unknown entity \(entity)", sourceLocation: sourceLocation)
                    continue
                }
                text += decoded
            } else {
                if c == ">" || c == "\"" || c == "'" { Issue.record("unescaped \(c)", sourceLocation: sourceLocation) }
                text.unicodeScalars.append(c)
                rest = Substring(rest.unicodeScalars.dropFirst())
            }
        }
        if !kind.isEmpty { Issue.record("unclosed span tok-\(kind)", sourceLocation: sourceLocation) }
        flush()
        return result
    }

    /// Highlights `code` and checks that the HTML gives back exactly `code`.
    static func highlight(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> [(kind: String, text: String)] {
        let spans = tokens(SwiftHighlighter.html(code), sourceLocation: sourceLocation)
        let restored = spans.map(\.text).joined()
        #expect(Array(restored.utf8) == Array(code.utf8), "round trip of \(code.debugDescription)", sourceLocation: sourceLocation)
        return spans
    }

    /// The texts of the spans of one class.
    static func texts(_ kind: SwiftTokenKind, in code: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        highlight(code, sourceLocation: sourceLocation).filter { $0.kind == kind.rawValue }.map(\.text)
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    // MARK: Round trips

    @Test func everySwiftFileOfThePackageRoundTrips() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "swift" }
        #expect(files.count >= 3)
        for file in files {
            let code = try String(contentsOf: file, encoding: .utf8)
            _ = Self.highlight(code)
        }
    }

    @Test func randomStringsRoundTripWithoutTrapping() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet: [String] = [
            "\"", "\"", "\"\"\"", "#", "#", "\\", "\\(", "(", ")", "/", "*", "/*", "*/", "//", "\n", "\r\n", "\r",
            " ", "\t", "a", "Z", "_", "e", "x", "p", "0", "1", "9", ".", "..", "@", "$", "`", "<", ">", "&", "'",
            "+", "-", "=", ":", ",", "[", "]", "{", "}", "let", "func", "é", "e\u{301}", "🙂", "\u{0}", "\u{FEFF}",
        ]
        for _ in 0..<3000 {
            let length = Int(generator.next() % 60)
            let code = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            _ = Self.highlight(code)
        }
    }

    @Test func pathologicalInputsDoNotTrap() {
        for code in [
            String(repeating: "\"\\(", count: 20_000),
            String(repeating: "#\"\\#(", count: 5_000),
            String(repeating: "/*", count: 50_000),
            String(repeating: "\"\"\"\n\\(", count: 5_000),
            String(repeating: "(", count: 50_000) + String(repeating: ")", count: 60_000),
            "", "\"", "#", "@", "0x", "0x.p", "1e", "1e+", "`", "\\", "/*/", "\"\"\"",
        ] {
            _ = Self.highlight(code)
        }
    }

    // MARK: Tokens

    @Test func exactMarkupOfASimpleLine() {
        #expect(SwiftHighlighter.html("let x = 1") ==
            #"<span class="tok-keyword">let</span> x <span class="tok-operator">=</span> <span class="tok-number">1</span>"#)
        #expect(SwiftHighlighter.html("a < \"b&c'\"") ==
            #"a <span class="tok-operator">&lt;</span> <span class="tok-string">&quot;b&amp;c&#39;&quot;</span>"#)
    }

    @Test func keywords() {
        let code = """
            public struct S: Sendable { var x = 0 }
            func f(_ v: inout Int) async throws -> some Equatable {
                guard let y = try await g() else { return nil }
                for i in 0..<3 where i > 1 { defer { } }
                if x is Int, let z = x as? Int { switch z { case 1: break; default: fallthrough } }
                return any(xs) ?? self.init() ?? Self.self ?? super.f() ?? true
            }
            """
        let keywords = Self.texts(.keyword, in: code)
        for word in ["public", "struct", "var", "func", "_", "inout", "async", "throws", "some", "guard", "let", "try",
                     "await", "else", "return", "nil", "for", "in", "where", "defer", "if", "is", "as", "switch",
                     "case", "break", "default", "fallthrough", "self", "init", "Self", "super", "true"] {
            #expect(keywords.contains(word), "\(word) is a keyword")
        }
        #expect(!keywords.contains("any"), "any(…) is a call")
        #expect(Self.texts(.function, in: code).contains("any"))
        #expect(Self.texts(.keyword, in: "let e: any Error; rethrows; let a: Any").filter { $0 != "let" } == ["any", "rethrows", "Any"])
    }

    @Test func keywordsAsLabelsAndMembersArePlain() {
        #expect(Self.texts(.keyword, in: "f(x, in: y, default: 0); func g(for value: Int) {}; e = .default; t.for") == ["func"])
        #expect(Self.texts(.keyword, in: "switch x { default: for a in b {} }") == ["switch", "default", "for", "in"])
        #expect(Self.texts(.keyword, in: "guard let a = x, let b: Int = y else {}") == ["guard", "let", "let", "else"])
        #expect(Self.texts(.keyword, in: "T.self; x.init(); T.Type") == ["self", "init", "Type"])
    }

    @Test func typesAndFunctions() {
        let code = "let t: Tensor = Tensor.zeros([2]); print(t.shape.count(of: 1)); func name<T>(_ v: T) {}; view.render { }"
        #expect(Self.texts(.type, in: code) == ["Tensor", "Tensor", "T", "T"])
        #expect(Self.texts(.function, in: code) == ["zeros", "print", "count", "name"])
        #expect(Self.texts(.function, in: "open(url); x.open(y)") == ["open", "open"])
        #expect(Self.texts(.keyword, in: "open class C { open var v = 0 }") == ["open", "class", "open", "var"])
    }

    @Test func attributesAndMacros() {
        let code = "@MainActor @Test(.serialized) func f() { #expect(x == 1) }\n#if DEBUG\n#endif\n@ x"
        #expect(Self.texts(.attribute, in: code) == ["@MainActor", "@Test", "#expect"])
        #expect(Self.texts(.keyword, in: code) == ["func", "#if", "#endif"])
    }

    @Test func numbers() {
        let code = "0 42 1_000 3.14 1e-3 2.5E+10 0x1F 0xFF_FF 0b1010 0o17 0x1.8p3 0x1p-2 1_000.000_1"
        #expect(Self.texts(.number, in: code) == code.split(separator: " ").map(String.init))
        let spans = Self.highlight("1...5, 0..<n, 0xFF.description, 1.description, t.0, x2")
        #expect(spans.filter { $0.kind == "number" }.map(\.text) == ["1", "5", "0", "0xFF", "1", "0"])
        #expect(spans.filter { $0.kind == "operator" }.map(\.text) == ["...", "..<"])
    }

    @Test func comments() {
        let code = """
            // line
            /// doc comment
            x /* block /* nested */ still comment */ y
            /** doc block */
            """
        #expect(Self.texts(.comment, in: code) == [
            "// line", "/// doc comment", "/* block /* nested */ still comment */", "/** doc block */",
        ])
        #expect(Self.texts(.comment, in: "a //c\r\nlet") == ["//c"])
        #expect(Self.texts(.keyword, in: "a //c\r\nlet") == ["let"])
        #expect(Self.texts(.comment, in: "x /* never /* closed */ let") == ["/* never /* closed */ let"])
        #expect(Self.texts(.operator, in: "a+//c\nb*/*c*/d") == ["+", "*"])
    }

    @Test func stringsAndInterpolation() {
        let spans = Self.highlight(#"print("a \(b + "c") d", "\\", "\"")"#)
        #expect(spans.map(\.kind) == ["function", "", "string", "", "operator", "", "string", "string", "", "string", "", "string", ""])
        #expect(spans.filter { $0.kind == "string" }.map(\.text) == [#""a \("#, #""c""#, #") d""#, #""\\""#, #""\"""#])
        // Parentheses and a nested interpolation inside an interpolation.
        #expect(Self.texts(.string, in: #""\(f(x) + "\(y)")!""#) == [#""\("#, #""\("#, #")""#, #")!""#])
        #expect(Self.texts(.function, in: #""\(f(x) + "\(y)")!""#) == ["f"])
    }

    @Test func multilineAndRawStrings() {
        let multiline = "let s = \"\"\"\n    line \"quoted\" \"\" \\\"\"\"\n    \\(x)\n    \"\"\"\nlet"
        #expect(Self.texts(.string, in: multiline) == ["\"\"\"\n    line \"quoted\" \"\" \\\"\"\"\n    \\(", ")\n    \"\"\""])
        #expect(Self.texts(.keyword, in: multiline) == ["let", "let"])
        #expect(Self.texts(.string, in: ##"#"a "b" \(c)"# x"##) == [##"#"a "b" \(c)"#"##])
        #expect(Self.texts(.string, in: ##"#"x \#(y) z"#"##) == [##"#"x \#("##, ##") z"#"##])
        #expect(Self.texts(.string, in: ###"##"a"# b"## c"###) == [###"##"a"# b"##"###])
        #expect(Self.texts(.string, in: "#\"\"\"\nraw \"\"\" still\n\"\"\"#\nx") == ["#\"\"\"\nraw \"\"\" still\n\"\"\"#"])
    }

    @Test func unterminatedStringsAndComments() {
        #expect(Self.texts(.string, in: "\"abc") == ["\"abc"])
        // A single-line string ends at its line break, as the compiler sees it.
        #expect(Self.texts(.string, in: "\"abc\nlet x") == ["\"abc"])
        #expect(Self.texts(.keyword, in: "\"abc\nlet x") == ["let"])
        #expect(Self.texts(.string, in: "\"a \\(b\nlet x") == ["\"a \\("])
        #expect(Self.texts(.keyword, in: "\"a \\(b\nlet x") == ["let"])
        #expect(Self.texts(.string, in: "\"\"\"\nabc\nlet") == ["\"\"\"\nabc\nlet"])
        #expect(Self.texts(.comment, in: "/* abc\nlet") == ["/* abc\nlet"])
    }
}

