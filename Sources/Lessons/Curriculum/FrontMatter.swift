import Foundation
import Yams

/// Splits a lesson file into YAML front matter and Markdown body, and reads typed fields from
/// the YAML while remembering lines, so every problem names the line it is on.
struct FrontMatter {
    let root: Node.Mapping
    /// Line of the YAML's first line in the file, minus one (YAML marks are 1-based).
    let lineOffset: Int
    let file: String
    private(set) var problems: [CurriculumProblem] = []

    /// The front matter's YAML text, the body, and the body's first line.
    static func split(_ text: String) -> (yaml: String, body: String, bodyLine: Int)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first.map({ $0.trimmingTrailingSpaces == "---" }) == true else { return nil }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces == "---" }) else { return nil }
        let yaml = lines[1..<end].joined(separator: "\n")
        lines.removeFirst(end + 1)
        return (yaml, lines.joined(separator: "\n"), end + 2)
    }

    init(yaml: String, file: String, lineOffset: Int) throws(CurriculumProblemList) {
        self.file = file
        self.lineOffset = lineOffset
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw CurriculumProblemList([CurriculumProblem(file: file, line: Self.line(of: error).map { $0 + lineOffset } ?? 1, message: "front matter is not valid YAML: \(Self.problem(of: error))")])
        } catch {
            throw CurriculumProblemList([CurriculumProblem(file: file, line: 1, message: "front matter is not valid YAML: \(error)")])
        }
        guard let mapping = node?.mapping else {
            throw CurriculumProblemList([CurriculumProblem(file: file, line: 1, message: "front matter must be a YAML mapping of fields")])
        }
        root = mapping
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let duplicates, _): return "duplicate keys \(duplicates.joined(separator: ", "))"
        default: return "\(error)"
        }
    }

    func line(of node: Node?) -> Int { (node?.mark?.line ?? 0) + lineOffset }

    mutating func report(_ message: String, at node: Node?) {
        problems.append(CurriculumProblem(file: file, line: node == nil ? 1 : line(of: node), message: message))
    }

    func value(_ key: String, in mapping: Node.Mapping? = nil) -> Node? {
        (mapping ?? root)[Node(key)]
    }

    mutating func string(_ key: String, in mapping: Node.Mapping? = nil, required: Bool = true) -> String? {
        guard let node = value(key, in: mapping) else {
            if required { report("missing field '\(key)'", at: (mapping ?? root).first?.key) }
            return nil
        }
        guard let scalar = node.scalar else {
            report("field '\(key)' must be text", at: node)
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { report("field '\(key)' is empty", at: node) }
        return text
    }

    mutating func int(_ key: String, in mapping: Node.Mapping? = nil, range: ClosedRange<Int>) -> Int? {
        guard let node = value(key, in: mapping) else {
            report("missing field '\(key)'", at: root.first?.key)
            return nil
        }
        guard let value = node.int, range.contains(value) else {
            report("field '\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound)", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ key: String, in mapping: Node.Mapping) -> Bool {
        guard let node = value(key, in: mapping) else { return false }
        guard let value = node.bool else {
            report("field '\(key)' must be true or false", at: node)
            return false
        }
        return value
    }

    mutating func stringList(_ key: String) -> [String] {
        guard let node = value(key) else { return [] }
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            report("field '\(key)' must be a list", at: node)
            return []
        }
        return sequence.compactMap { item in
            guard let text = item.scalar?.string else {
                report("each entry of '\(key)' must be text", at: item)
                return nil
            }
            return text
        }
    }

    /// Reports fields that are not in `known` (typos would otherwise be silently ignored).
    mutating func rejectUnknownKeys(in mapping: Node.Mapping, known: Set<String>, context: String) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? "?"
            if !known.contains(name) {
                report("unknown field '\(name)' in \(context) (known: \(known.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }
}

/// Problems thrown out of a parsing step that cannot go on.
struct CurriculumProblemList: Error {
    let problems: [CurriculumProblem]
    init(_ problems: [CurriculumProblem]) { self.problems = problems }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
