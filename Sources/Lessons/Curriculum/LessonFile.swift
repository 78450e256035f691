import Foundation
import Yams

/// One lesson file parsed and checked on its own; what needs other lessons (prerequisites,
/// links) is kept with line numbers for `CurriculumLoader` to check afterwards.
struct LessonFile {
    private(set) var lesson: Lesson?
    private(set) var problems: [CurriculumProblem] = []
    private(set) var prerequisiteLines: [(String, Int)] = []
    private(set) var lessonLinks: [(target: String, line: Int)] = []

    static let fields: Set<String> = [
        "id", "title", "module", "order", "summary", "prerequisites", "minutes", "status", "code", "figures", "quiz",
    ]

    init(path: URL, file: String, moduleFolder: String, figures registry: FigureRegistry) throws(CurriculumProblemList) {
        guard let text = try? String(contentsOf: path, encoding: .utf8) else {
            throw CurriculumProblemList([CurriculumProblem(file: file, line: 0, message: "cannot read the file as UTF-8 text")])
        }
        guard let (yaml, body, bodyLine) = FrontMatter.split(text) else {
            throw CurriculumProblemList([CurriculumProblem(file: file, line: 1, message: "a lesson starts with front matter between two '---' lines")])
        }
        var front = try FrontMatter(yaml: yaml, file: file, lineOffset: 1)
        front.rejectUnknownKeys(in: front.root, known: Self.fields, context: "the front matter")

        let slug = String(path.deletingPathExtension().lastPathComponent)
        let id = front.string("id") ?? ""
        if !id.isEmpty && id != "\(moduleFolder)/\(slug)" {
            front.report("id '\(id)' does not match the file's place (expected '\(moduleFolder)/\(slug)')", at: front.value("id"))
        }
        if !Slug.isValid(slug) {
            front.report("file name '\(slug)' must be lower-case letters, digits and '-'", at: nil)
        }
        let title = front.string("title") ?? ""
        let module = front.string("module") ?? ""
        if !module.isEmpty && module != moduleFolder {
            front.report("module '\(module)' does not match the folder '\(moduleFolder)'", at: front.value("module"))
        }
        let order = front.int("order", range: 0...999) ?? 0
        let summary = front.string("summary") ?? ""
        let minutes = front.int("minutes", range: 1...600) ?? 1
        let statusText = front.string("status") ?? "ready"
        let status = Lesson.Status(rawValue: statusText)
        if status == nil {
            front.report("status must be 'ready' or 'coming-soon', got '\(statusText)'", at: front.value("status"))
        }
        let prerequisites = front.stringList("prerequisites")
        let prerequisiteLine = front.line(of: front.value("prerequisites"))
        prerequisiteLines = prerequisites.map { ($0, prerequisiteLine) }
        let codeFile = front.string("code", required: false)
        let declaredFigures = Self.figures(&front, registry: registry)
        let quiz = Self.quiz(&front)
        if status == .ready && quiz.isEmpty {
            front.report("a ready lesson needs a quiz", at: nil)
        }

        let (blocks, blockProblems) = LessonBlock.parse(body, firstLine: bodyLine)
        problems += blockProblems.map { CurriculumProblem(file: file, line: $0.line, message: $0.message) }
        let regions = Self.codeRegions(codeFile, root: path.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(), front: &front)
        for block in blocks {
            switch block {
            case .figure(let figureID, let line) where declaredFigures[figureID] == nil:
                problems.append(CurriculumProblem(file: file, line: line, message: "unknown figure '\(figureID)' (declare it under 'figures:' in the front matter)"))
            case .code(let region, let line):
                if codeFile == nil {
                    problems.append(CurriculumProblem(file: file, line: line, message: "@code needs a 'code:' file in the front matter"))
                } else if let regions, regions[region] == nil {
                    problems.append(CurriculumProblem(file: file, line: line, message: "missing code region '\(region)' in code/\(codeFile ?? "")"))
                }
            case .markdown(let text, let line):
                lessonLinks += LessonLinks.find(in: text, firstLine: line)
                for link in LessonLinks.find(in: text, firstLine: line, prefix: "](/demos/") {
                    if let problem = DemoAddress.problem(with: link.target) {
                        problems.append(CurriculumProblem(file: file, line: link.line, message: problem))
                    }
                }
            case .demo(let embed, let line):
                if let problem = DemoAddress.problem(with: embed.address) {
                    problems.append(CurriculumProblem(file: file, line: line, message: problem))
                }
                if declaredFigures[embed.fallbackFigure] == nil {
                    problems.append(CurriculumProblem(file: file, line: line, message: "unknown fallback figure '\(embed.fallbackFigure)' for @demo (declare it under 'figures:')"))
                }
            default:
                break
            }
        }
        problems = front.problems + problems
        lesson = Lesson(
            id: id, title: title, module: module, order: order, summary: summary,
            prerequisites: prerequisites, minutes: minutes, status: status ?? .ready,
            codeFile: codeFile, figures: declaredFigures, quiz: quiz,
            body: body, bodyLine: bodyLine, file: file
        )
    }

    private static func figures(_ front: inout FrontMatter, registry: FigureRegistry) -> [String: FigureDeclaration] {
        guard let node = front.value("figures") else { return [:] }
        guard let mapping = node.mapping else {
            front.report("'figures' must map figure ids to a function, caption and params", at: node)
            return [:]
        }
        var result: [String: FigureDeclaration] = [:]
        for (key, value) in mapping {
            let figureID = key.scalar?.string ?? ""
            guard let figure = value.mapping else {
                front.report("figure '\(figureID)' must have function, caption and params", at: value)
                continue
            }
            front.rejectUnknownKeys(in: figure, known: ["function", "caption", "params"], context: "figure '\(figureID)'")
            let function = front.string("function", in: figure) ?? ""
            let caption = front.string("caption", in: figure) ?? ""
            var parameters: [String: String] = [:]
            if let params = front.value("params", in: figure) {
                if let paramMapping = params.mapping {
                    for (name, value) in paramMapping {
                        guard let name = name.scalar?.string, let text = value.scalar?.string else {
                            front.report("figure '\(figureID)': parameters must be plain values", at: value)
                            continue
                        }
                        parameters[name] = text
                    }
                } else if params.null == nil {
                    front.report("figure '\(figureID)': params must be a mapping", at: params)
                }
            }
            if let registered = registry[function] {
                do {
                    _ = try FigureArguments(parameters, parameters: registered.parameters)
                } catch {
                    front.report("figure '\(figureID)': \(error.description)", at: value)
                }
            } else if !function.isEmpty {
                front.report("figure '\(figureID)' names unknown figure function '\(function)'", at: front.value("function", in: figure))
            }
            result[figureID] = FigureDeclaration(id: figureID, function: function, caption: caption, parameters: parameters, line: front.line(of: key))
        }
        return result
    }

    private static func quiz(_ front: inout FrontMatter) -> [QuizQuestion] {
        guard let node = front.value("quiz") else { return [] }
        guard let list = node.sequence else {
            front.report("'quiz' must be a list of questions", at: node)
            return []
        }
        var questions: [QuizQuestion] = []
        for item in list {
            guard let mapping = item.mapping else {
                front.report("a quiz question needs 'question' and 'choices'", at: item)
                continue
            }
            front.rejectUnknownKeys(in: mapping, known: ["question", "choices"], context: "a quiz question")
            let question = front.string("question", in: mapping) ?? ""
            var choices: [QuizQuestion.Choice] = []
            if let choiceList = front.value("choices", in: mapping)?.sequence {
                for choiceNode in choiceList {
                    guard let choice = choiceNode.mapping else {
                        front.report("a choice needs 'text' and 'explanation'", at: choiceNode)
                        continue
                    }
                    front.rejectUnknownKeys(in: choice, known: ["text", "correct", "explanation"], context: "a quiz choice")
                    choices.append(QuizQuestion.Choice(
                        text: front.string("text", in: choice) ?? "",
                        correct: front.bool("correct", in: choice),
                        explanation: front.string("explanation", in: choice) ?? ""
                    ))
                }
            } else {
                front.report("quiz question has no 'choices' list", at: item)
            }
            let correct = choices.filter(\.correct).count
            if choices.count < 2 {
                front.report("quiz question needs at least two choices", at: item)
            } else if correct == 0 {
                front.report("quiz question has no correct answer", at: item)
            } else if correct > 1 {
                front.report("quiz question has \(correct) correct answers; mark exactly one", at: item)
            }
            questions.append(QuizQuestion(question: question, choices: choices, line: front.line(of: item)))
        }
        return questions
    }

    /// The regions of the lesson's code file, or nil when there is no usable file (reported).
    private static func codeRegions(_ codeFile: String?, root: URL, front: inout FrontMatter) -> [String: CodeRegion]? {
        guard let codeFile else { return nil }
        guard !codeFile.contains(".."), !codeFile.hasPrefix("/"), codeFile.hasSuffix(".swift") else {
            front.report("code file '\(codeFile)' must be a .swift path inside code/", at: front.value("code"))
            return nil
        }
        guard let source = try? String(contentsOf: root.appendingPathComponent("code").appendingPathComponent(codeFile), encoding: .utf8) else {
            front.report("code file code/\(codeFile) does not exist", at: front.value("code"))
            return nil
        }
        do {
            return try CodeRegions.extract(from: source)
        } catch {
            front.report("code/\(codeFile): \(error)", at: front.value("code"))
            return nil
        }
    }
}

/// Links in Markdown (`](/lessons/module/lesson)`, `](/demos/id?query)`), with their lines.
enum LessonLinks {
    /// Targets of links starting with `prefix` (`](/lessons/` gives lesson ids; `](/demos/`
    /// gives demo addresses with their query).
    static func find(in markdown: String, firstLine: Int, prefix: String = "](/lessons/") -> [(target: String, line: Int)] {
        let stops: Set<Character> = prefix == "](/lessons/" ? [")", "#", " ", "?"] : [")", "#", " "]
        var links: [(String, Int)] = []
        for (offset, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let range = rest.range(of: prefix) {
                let after = rest[range.upperBound...]
                let target = after.prefix { !stops.contains($0) }
                links.append((String(target), firstLine + offset))
                rest = after
            }
        }
        return links
    }
}
