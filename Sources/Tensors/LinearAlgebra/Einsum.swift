extension Tensor {
    /// Einstein summation over one or two operands (`numpy.einsum`, `torch.einsum`).
    ///
    /// The equation names each operand's axes with letters (`a`–`z`, `A`–`Z`), separated by
    /// commas, optionally followed by `->` and the output's letters:
    /// - `"ij,jk->ik"` matrix product, `"bij,bjk->bik"` batched, `"i,j->ij"` outer product,
    ///   `"i,i->"` dot product, `"ij->ji"` transpose, `"ij->"` / `"ij->i"` sums,
    ///   `"ii->i"` diagonal, `"ii->"` trace, `"ij,ij->ij"` elementwise product.
    /// - Without `->` (implicit mode) the output holds the letters that appear exactly once,
    ///   in alphabetical (ASCII) order, as NumPy: `"ij,jk"` is `"ij,jk->ik"`, `"ba"` is a
    ///   transpose.
    /// - Letters missing from the output are summed over. A letter repeated within one operand
    ///   takes that operand's diagonal. A letter shared by two operands whose sizes are n and
    ///   1 is broadcast.
    /// - `...` stands for the remaining (leading, trailing or middle) axes of an operand; those
    ///   broadcast between operands like NumPy batch axes, and in implicit mode they lead the
    ///   output.
    ///
    /// Built from views, sums, broadcasting products and ``matmul(_:)``, so it is
    /// differentiable in both operands. The result is a new tensor or, for pure relabellings
    /// such as `"ij->ji"`, a view.
    /// - Precondition: one or two operands of the same dtype (float32 or float64 whenever a
    ///   contraction needs `matmul`); the equation is well formed (only letters, commas, one
    ///   `->`, at most one `...` per term), names each operand's axes exactly, names each
    ///   output letter once and only letters found in the inputs, and includes `...` in an
    ///   explicit output when the inputs' `...` covers any axes; a repeated letter has one size
    ///   within an operand, and shared letters have equal sizes or size 1.
    public static func einsum(_ equation: String, _ operands: Tensor...) -> Tensor {
        einsum(equation, operands)
    }

    /// Einstein summation with the operands in an array (see the variadic form).
    public static func einsum(_ equation: String, _ operands: [Tensor]) -> Tensor {
        precondition(operands.count == 1 || operands.count == 2,
                     "einsum: supports one or two operands, got \(operands.count)")
        let parsed = EinsumEquation(equation, ranks: operands.map(\.rank))
        if operands.count == 2 {
            precondition(operands[0].dtype == operands[1].dtype,
                         "einsum: operand dtypes \(operands[0].dtype) and \(operands[1].dtype) differ")
        }
        let output = parsed.output
        var terms = zip(operands, parsed.inputs).map { EinsumTerm(tensor: $0, labels: $1).diagonal(parsed) }
        if terms.count == 1 {
            return terms[0].summed(keeping: Set(output)).arranged(as: output).tensor
        }
        terms[0] = terms[0].summed(keeping: Set(output).union(terms[1].labels))
        terms[1] = terms[1].summed(keeping: Set(output).union(terms[0].labels))
        return EinsumTerm.contract(terms[0], terms[1], output: output, parsed).arranged(as: output).tensor
    }
}

/// A parsed einsum equation: one integer label per axis of each operand and of the output.
/// Letters are labelled by their ASCII code; the axes under `...` by `ellipsisBase + k`,
/// `k` counting the broadcast ellipsis axes from the left.
struct EinsumEquation {
    static let ellipsisBase = 1000
    let equation: String
    let inputs: [[Int]]
    let output: [Int]

    init(_ equation: String, ranks: [Int]) {
        self.equation = equation
        let text = Array(equation.filter { !$0.isWhitespace })
        // Split at "->", checking that it appears at most once and that "-" appears only there.
        var arrow: Int?
        for (i, c) in text.enumerated() where c == "-" || c == ">" {
            let isArrow = c == "-" && i + 1 < text.count && text[i + 1] == ">"
            if c == ">" && i > 0 && text[i - 1] == "-" { continue }
            precondition(isArrow && arrow == nil, "einsum: misplaced '\(c)' in \"\(equation)\"")
            arrow = i
        }
        let left = arrow.map { Array(text[..<$0]) } ?? text
        let termTexts = left.split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        precondition(termTexts.count == ranks.count,
                     "einsum: \"\(equation)\" names \(termTexts.count) operands, but \(ranks.count) were given")

        // Parse letters and the position of "..." in each term.
        func parse(_ term: [Character]) -> (letters: [Int], ellipsisAt: Int?) {
            var letters: [Int] = [], ellipsisAt: Int?, i = 0
            while i < term.count {
                let c = term[i]
                if c == "." {
                    precondition(i + 2 < term.count && term[i + 1] == "." && term[i + 2] == "." && ellipsisAt == nil,
                                 "einsum: '.' must come as a single \"...\" per term in \"\(equation)\"")
                    ellipsisAt = letters.count
                    i += 3
                    continue
                }
                guard let ascii = c.asciiValue, c.isLetter else {
                    preconditionFailure("einsum: invalid character '\(c)' in \"\(equation)\" (use letters a-z, A-Z)")
                }
                letters.append(Int(ascii))
                i += 1
            }
            return (letters, ellipsisAt)
        }
        let terms = termTexts.map(parse)
        var ellipsisRank = 0
        for (k, (term, rank)) in zip(terms, ranks).enumerated() {
            if term.ellipsisAt == nil {
                precondition(term.letters.count == rank,
                             "einsum: term \(k) of \"\(equation)\" names \(term.letters.count) axes, but operand \(k) has rank \(rank)")
            } else {
                precondition(term.letters.count <= rank,
                             "einsum: term \(k) of \"\(equation)\" names \(term.letters.count) axes, more than operand \(k)'s rank \(rank)")
                ellipsisRank = Swift.max(ellipsisRank, rank - term.letters.count)
            }
        }
        func labels(_ term: (letters: [Int], ellipsisAt: Int?), covering extra: Int) -> [Int] {
            guard let at = term.ellipsisAt else { return term.letters }
            let hidden = (ellipsisRank - extra)..<ellipsisRank
            return Array(term.letters[..<at]) + hidden.map { EinsumEquation.ellipsisBase + $0 } + term.letters[at...]
        }
        inputs = zip(terms, ranks).map { labels($0, covering: $1 - $0.letters.count) }

        let allLetters = terms.flatMap(\.letters)
        let ellipsisLabels = (0..<ellipsisRank).map { EinsumEquation.ellipsisBase + $0 }
        if let arrow {
            let term = parse(Array(text[(arrow + 2)...]))
            precondition(term.ellipsisAt != nil || ellipsisRank == 0,
                         "einsum: the output of \"\(equation)\" must contain \"...\" because the inputs' \"...\" covers axes")
            for (i, letter) in term.letters.enumerated() {
                precondition(allLetters.contains(letter),
                             "einsum: output letter '\(EinsumEquation.name(letter))' of \"\(equation)\" is not in any input")
                precondition(!term.letters[..<i].contains(letter),
                             "einsum: output letter '\(EinsumEquation.name(letter))' appears twice in \"\(equation)\"")
            }
            output = labels(term, covering: ellipsisRank)
        } else {
            let once = Set(allLetters).filter { letter in allLetters.count(where: { $0 == letter }) == 1 }
            output = ellipsisLabels + once.sorted()
        }
    }

    /// A label as written in the equation.
    static func name(_ label: Int) -> String {
        label >= ellipsisBase ? "...(\(label - ellipsisBase))" : String(UnicodeScalar(UInt8(label)))
    }
}

/// An operand during an einsum evaluation: a tensor and the label of each of its axes.
struct EinsumTerm {
    var tensor: Tensor
    var labels: [Int]

    func size(of label: Int) -> Int? { labels.firstIndex(of: label).map { tensor.shape[$0] } }

    /// Repeated labels replaced by one axis over the diagonal (a differentiable view).
    func diagonal(_ equation: EinsumEquation) -> EinsumTerm {
        var unique: [Int] = []
        for l in labels where !unique.contains(l) { unique.append(l) }
        if unique.count == labels.count { return self }
        let groups = unique.map { l in labels.indices.filter { labels[$0] == l } }
        for (l, axes) in zip(unique, groups) {
            let sizes = axes.map { tensor.shape[$0] }
            precondition(sizes.allSatisfy { $0 == sizes[0] },
                         "einsum: letter '\(EinsumEquation.name(l))' of \"\(equation.equation)\" labels axes of sizes \(sizes) in one operand (shape \(tensor.shape))")
        }
        let view = tensor.injectiveView("diagonal") { t in
            t.view(shape: groups.map { t.shape[$0[0]] }, strides: groups.map { $0.reduce(0) { $0 + t.strides[$1] } })
        }
        return EinsumTerm(tensor: view, labels: unique)
    }

    /// The axes whose labels are not in `kept` summed away.
    func summed(keeping kept: Set<Int>) -> EinsumTerm {
        let axes = labels.indices.filter { !kept.contains(labels[$0]) }
        if axes.isEmpty { return self }
        return EinsumTerm(tensor: tensor.sum(axes: axes), labels: labels.filter { kept.contains($0) })
    }

    /// The axes permuted into the order of `order` (which holds every label of this term), with
    /// a size-1 axis for each label of `order` this term lacks.
    func arranged(as order: [Int]) -> EinsumTerm {
        let present = order.filter { labels.contains($0) }
        var t = tensor.permuted(present.map { labels.firstIndex(of: $0)! })
        for (i, l) in order.enumerated() where !labels.contains(l) { t = t.unsqueezed(axis: i) }
        return EinsumTerm(tensor: t, labels: order)
    }

    /// Two terms (diagonals taken, private labels summed) contracted over their shared labels
    /// that are not in `output`. The result's labels are: shared labels kept in the output,
    /// then `a`'s own, then `b`'s own.
    static func contract(_ a: EinsumTerm, _ b: EinsumTerm, output: [Int], _ equation: EinsumEquation) -> EinsumTerm {
        var a = a, b = b
        let batch = output.filter { a.labels.contains($0) && b.labels.contains($0) }
        let contracted = a.labels.filter { b.labels.contains($0) && !output.contains($0) }
        let freeA = a.labels.filter { !b.labels.contains($0) }
        let freeB = b.labels.filter { !a.labels.contains($0) }
        for l in batch + contracted {
            let sa = a.size(of: l)!, sb = b.size(of: l)!
            precondition(sa == sb || sa == 1 || sb == 1,
                         "einsum: letter '\(EinsumEquation.name(l))' of \"\(equation.equation)\" has size \(sa) in operand 0 (shape \(a.tensor.shape)) and \(sb) in operand 1 (shape \(b.tensor.shape))")
            // Summed over, a size-1 axis against a size-n one: sum the longer side first.
            if contracted.contains(l) && sa != sb {
                if sa == 1 {
                    b.tensor = b.tensor.sum(axis: b.labels.firstIndex(of: l)!, keepDims: true)
                } else {
                    a.tensor = a.tensor.sum(axis: a.labels.firstIndex(of: l)!, keepDims: true)
                }
            }
        }
        let resultLabels = batch + freeA + freeB
        if contracted.isEmpty || (freeA.isEmpty && freeB.isEmpty) {
            // A broadcasting product, then a sum over the contracted axes (at the end).
            let order = resultLabels + contracted
            var product = a.arranged(as: order).tensor * b.arranged(as: order).tensor
            if !contracted.isEmpty { product = product.sum(axes: Array(resultLabels.count..<order.count)) }
            return EinsumTerm(tensor: product, labels: resultLabels)
        }
        // A batched matrix product: [batch..., freeA, contracted] · [batch..., contracted, freeB].
        func sizes(_ term: EinsumTerm, _ labels: [Int]) -> [Int] { labels.map { term.size(of: $0)! } }
        let m = sizes(a, freeA).reduce(1, *), n = sizes(b, freeB).reduce(1, *), k = sizes(a, contracted).reduce(1, *)
        let left = a.arranged(as: batch + freeA + contracted).tensor.reshaped(sizes(a, batch) + [m, k])
        let right = b.arranged(as: batch + contracted + freeB).tensor.reshaped(sizes(b, batch) + [k, n])
        let batchSizes = zip(sizes(a, batch), sizes(b, batch)).map { $0 == 1 ? $1 : $0 }
        let product = left.matmul(right).reshaped(batchSizes + sizes(a, freeA) + sizes(b, freeB))
        return EinsumTerm(tensor: product, labels: resultLabels)
    }
}
