/// How TeX treats an atom when spacing it and placing its scripts. MathML Core spaces
/// operators from its own dictionary, so the class matters only where TeX and that dictionary
/// disagree: unary minus, function application, and where limits go.
enum AtomKind: Sendable, Equatable {
    case ord, op, bin, rel, open, close, punct, inner, function
    /// Spacing commands: they do not change the class of what came before.
    case space
    /// Commands that produce nothing (`\nonumber`, `\hline` outside a table).
    case ignored
}

/// Where scripts go on a big operator or function.
enum Limits: Sendable, Equatable {
    /// Beside, always (`x_i`, `\int`, `\log`).
    case never
    /// Under and over in display style, beside otherwise (`\sum`, `\lim`).
    case display
    /// Under and over always (`\underbrace`, `\overset`).
    case always
}

/// What a symbol command produces.
enum SymbolKind: Sendable, Equatable {
    /// `<mi>` that MathML italicises like a letter (lower-case Greek).
    case variable
    /// `<mi mathvariant="normal">`: upright in TeX (capital Greek, ∇).
    case upright
    /// `<mi>` that no font style applies to (∞, ∀, ⊤).
    case ordinary
    /// `<mo>` that TeX spaces as an ordinary symbol (¬, …, %).
    case ordinaryOperator
    case binary, relation, open, close, punctuation
    case largeOperator(Limits)
}

struct MathSymbol: Sendable, Equatable {
    let text: String
    let kind: SymbolKind
}

/// The command tables: which names the renderer knows and what each becomes. Kept as data so
/// adding a symbol is a one-word change and the parser stays about structure.
enum MathSymbols {
    static let symbols: [String: MathSymbol] = {
        var table: [String: MathSymbol] = [:]
        func add(_ kind: SymbolKind, _ pairs: String) {
            let words = pairs.split(separator: " ")
            for index in stride(from: 0, to: words.count - 1, by: 2) {
                table[String(words[index])] = MathSymbol(text: String(words[index + 1]), kind: kind)
            }
        }
        add(.variable, """
            alpha α beta β gamma γ delta δ epsilon ϵ varepsilon ε zeta ζ eta η theta θ vartheta ϑ \
            iota ι kappa κ varkappa ϰ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ \
            varrho ϱ sigma σ varsigma ς tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω \
            ell ℓ imath ı jmath ȷ hbar ℏ hslash ℏ
            """)
        let capitals = "Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω"
        add(.upright, capitals + " nabla ∇")
        // \varGamma and friends: the italic capitals.
        let capitalWords = capitals.split(separator: " ")
        for index in stride(from: 0, to: capitalWords.count, by: 2) {
            let letter = Character(String(capitalWords[index + 1]))
            let italic = MathAlphabet.styled(letter, in: .italic) ?? letter
            table["var" + capitalWords[index]] = MathSymbol(text: String(italic), kind: .variable)
        }
        add(.ordinary, """
            infty ∞ partial ∂ forall ∀ exists ∃ nexists ∄ emptyset ∅ varnothing ∅ top ⊤ bot ⊥ \
            intercal ⊺ aleph ℵ beth ℶ Re ℜ Im ℑ wp ℘ angle ∠ triangle △ Box □ square □ \
            blacksquare ■ checkmark ✓ dagger † ddagger ‡ S § P ¶ complement ∁ degree ° prime ′ \
            clubsuit ♣ diamondsuit ♢ heartsuit ♡ spadesuit ♠ flat ♭ natural ♮ sharp ♯ $ $ _ _
            """)
        add(.ordinaryOperator, """
            neg ¬ lnot ¬ ldots … dots … dotsc … dotso … cdots ⋯ dotsb ⋯ dotsm ⋯ dotsi ⋯ vdots ⋮ \
            ddots ⋱ iddots ⋰ vert | Vert ‖ | ‖ backslash \\ surd √ % % # # & &
            """)
        add(.binary, """
            pm ± mp ∓ times × cdot ⋅ centerdot ⋅ div ÷ ast ∗ star ⋆ circ ∘ bullet ∙ odot ⊙ \
            otimes ⊗ oplus ⊕ ominus ⊖ oslash ⊘ cup ∪ cap ∩ sqcup ⊔ sqcap ⊓ uplus ⊎ setminus ∖ \
            smallsetminus ∖ wedge ∧ land ∧ vee ∨ lor ∨ diamond ⋄ bigtriangleup △ \
            bigtriangledown ▽ triangleleft ◃ triangleright ▹ wr ≀ amalg ⨿ dotplus ∔ ltimes ⋉ \
            rtimes ⋊ circledast ⊛ boxplus ⊞ boxtimes ⊠ boxminus ⊟
            """)
        add(.relation, """
            le ≤ leq ≤ ge ≥ geq ≥ leqslant ⩽ geqslant ⩾ ne ≠ neq ≠ lt < gt > ll ≪ gg ≫ lll ⋘ \
            ggg ⋙ approx ≈ approxeq ≊ sim ∼ simeq ≃ cong ≅ equiv ≡ propto ∝ varpropto ∝ asymp ≍ \
            doteq ≐ triangleq ≜ coloneqq ≔ coloneq ≔ eqqcolon ≕ defeq ≝ prec ≺ succ ≻ preceq ⪯ \
            succeq ⪰ lesssim ≲ gtrsim ≳ in ∈ notin ∉ ni ∋ owns ∋ subset ⊂ supset ⊃ subseteq ⊆ \
            supseteq ⊇ subsetneq ⊊ supsetneq ⊋ nsubseteq ⊈ nsupseteq ⊉ sqsubset ⊏ sqsupset ⊐ \
            sqsubseteq ⊑ sqsupseteq ⊒ to → rightarrow → leftarrow ← gets ← leftrightarrow ↔ \
            Rightarrow ⇒ Leftarrow ⇐ Leftrightarrow ⇔ longrightarrow ⟶ longleftarrow ⟵ \
            longleftrightarrow ⟷ Longrightarrow ⟹ Longleftarrow ⟸ Longleftrightarrow ⟺ \
            implies ⟹ impliedby ⟸ iff ⟺ mapsto ↦ longmapsto ⟼ uparrow ↑ downarrow ↓ \
            updownarrow ↕ Uparrow ⇑ Downarrow ⇓ nearrow ↗ searrow ↘ swarrow ↙ nwarrow ↖ \
            hookrightarrow ↪ hookleftarrow ↩ rightharpoonup ⇀ leftharpoonup ↼ \
            rightleftharpoons ⇌ leadsto ⇝ mid ∣ nmid ∤ parallel ∥ nparallel ∦ perp ⊥ models ⊨ \
            vdash ⊢ dashv ⊣ vDash ⊨ bowtie ⋈ smile ⌣ frown ⌢ nless ≮ ngtr ≯ nleq ≰ ngeq ≱ \
            nsim ≁ ncong ≇ therefore ∴ because ∵
            """)
        add(.open, "langle ⟨ lbrace { { { lbrack [ lfloor ⌊ lceil ⌈ lvert | lVert ‖")
        add(.close, "rangle ⟩ rbrace } } } rbrack ] rfloor ⌋ rceil ⌉ rvert | rVert ‖")
        add(.punctuation, "colon : ldotp . cdotp ⋅")
        add(.largeOperator(.display), """
            sum ∑ prod ∏ coprod ∐ bigcup ⋃ bigcap ⋂ bigvee ⋁ bigwedge ⋀ bigoplus ⨁ \
            bigotimes ⨂ bigodot ⨀ biguplus ⨄ bigsqcup ⨆
            """)
        // Integrals keep their limits beside them even in display style, as in TeX;
        // `\int\limits` moves them.
        add(.largeOperator(.never), "int ∫ iint ∬ iiint ∭ oint ∮ oiint ∯ smallint ∫ intop ∫")
        return table
    }()

    /// Named functions (`<mi>` set upright by being multi-letter) and where their scripts go.
    static let functions: [String: (text: String, limits: Limits)] = {
        var table: [String: (text: String, limits: Limits)] = [:]
        let beside = """
            arccos arcsin arctan arccot arg cos cosh cot coth csc csch deg dim exp hom ker lg ln \
            log sec sech sin sinh tan tanh sgn tr Tr diag rank Var Cov erf
            """
        for name in beside.split(whereSeparator: \.isWhitespace) { table[String(name)] = (String(name), .never) }
        for name in ["lim", "max", "min", "sup", "inf", "det", "Pr", "gcd"] { table[name] = (name, .display) }
        table["liminf"] = ("lim\u{2009}inf", .display)
        table["limsup"] = ("lim\u{2009}sup", .display)
        table["argmax"] = ("arg\u{2009}max", .display)
        table["argmin"] = ("arg\u{2009}min", .display)
        return table
    }()

    /// Horizontal spaces, in em (TeX's mu are 1/18 em).
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em",
        "medspace": "0.2222em", ";": "0.2778em", "thickspace": "0.2778em", " ": "0.3333em",
        "space": "0.3333em", "enspace": "0.5em", "quad": "1em", "qquad": "2em",
        "!": "-0.1667em", "negthinspace": "-0.1667em", "negmedspace": "-0.2222em",
        "negthickspace": "-0.2778em",
    ]

    /// Accents: the mark, whether it stretches to the width of its base, and whether it goes
    /// under. `\hat` stays small over a wide base, `\widehat` grows, as in TeX. The marks are
    /// spacing characters: Chromium draws combining ones (U+0302…) off-centre in an `<mo>`.
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "hat": ("^", false, false), "widehat": ("^", true, false), "check": ("ˇ", false, false),
        "widecheck": ("ˇ", true, false), "tilde": ("~", false, false), "widetilde": ("~", true, false),
        "acute": ("´", false, false), "grave": ("`", false, false), "dot": ("˙", false, false),
        "ddot": ("¨", false, false), "breve": ("˘", false, false), "bar": ("¯", false, false),
        "mathring": ("˚", false, false), "vec": ("→", false, false),
        "overrightarrow": ("→", true, false), "overleftarrow": ("←", true, false),
        "overleftrightarrow": ("↔", true, false), "underrightarrow": ("→", true, true),
        "underleftarrow": ("←", true, true), "utilde": ("~", true, true),
    ]

    /// Font commands that take an argument. `nil` is `\mathnormal`: back to default styling.
    static let fonts: [String: MathFont?] = [
        "mathrm": .upright, "mathup": .upright, "mathbf": .bold, "mathit": .italic,
        "boldsymbol": .boldItalic, "bm": .boldItalic, "mathbfit": .boldItalic,
        "mathcal": .script, "mathscr": .script, "mathbb": .doubleStruck, "Bbb": .doubleStruck,
        "mathfrak": .fraktur, "mathsf": .sansSerif, "mathtt": .monospace, "mathnormal": MathFont?.none,
    ]

    /// Old-style font switches (`{\bf x}`): they restyle the rest of the group.
    static let fontSwitches: [String: MathFont] = [
        "rm": .upright, "bf": .bold, "it": .italic, "cal": .script, "sf": .sansSerif, "tt": .monospace,
    ]

    /// Delimiters accepted after `\left`, `\right`, `\middle` and `\big…`; `.` means none.
    static let delimiterCharacters: [Character: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "<": "⟨", ">": "⟩", ".": "",
    ]
    static let delimiterCommands: [String: String] = [
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
        "langle": "⟨", "rangle": "⟩", "|": "‖", "vert": "|", "Vert": "‖", "lvert": "|",
        "rvert": "|", "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
        "rceil": "⌉", "backslash": "\\", "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕",
        "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
    ]

    /// `\big` and friends: the fixed height, in em, that each size gives a delimiter.
    static let bigSizes: [String: String] = ["big": "1.2em", "Big": "1.623em", "bigg": "2.047em", "Bigg": "2.470em"]

    /// Precomposed negations for `\not`; anything else gets U+0338 (combining long solidus).
    static let negations: [String: String] = [
        "=": "≠", "∈": "∉", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "⊂": "⊄", "⊃": "⊅",
        "⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≈": "≉", "∣": "∤", "∥": "∦", "∃": "∄",
        "∋": "∌", "≅": "≇", "≃": "≄",
    ]
}
