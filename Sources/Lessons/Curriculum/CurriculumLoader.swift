import Foundation
import Yams

/// Reads `modules.yml` and every lesson file under a curriculum folder, validates them against
/// each other, the figure registry and the lesson code, and reports every problem at once.
public enum CurriculumLoader {
    /// Loads the curriculum in `root`.
    ///
    /// - Throws: `CurriculumError` listing every problem with its file and line: bad front
    ///   matter, unknown figure functions or parameters, missing code regions, links to lessons
    ///   that do not exist, quiz questions without exactly one correct answer, and so on.
    public static func load(from root: URL, figures: FigureRegistry = .standard) throws(CurriculumError) -> Curriculum {
        var problems: [CurriculumProblem] = []
        let modules = loadModules(root: root, problems: &problems)
        var lessons: [Lesson] = []
        var lessonFiles: [String: LessonFile] = [:]
        let lessonsFolder = root.appendingPathComponent("lessons")
        for module in modules {
            let folder = lessonsFolder.appendingPathComponent(module.id)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".md") {
                let file = "lessons/\(module.id)/\(name)"
                do {
                    let parsed = try LessonFile(path: folder.appendingPathComponent(name), file: file, moduleFolder: module.id, figures: figures)
                    problems += parsed.problems
                    if let lesson = parsed.lesson {
                        lessons.append(lesson)
                        lessonFiles[lesson.id] = parsed
                    }
                } catch {
                    problems += error.problems
                }
            }
        }
        let knownModules = Set(modules.map(\.id))
        if let folders = try? FileManager.default.contentsOfDirectory(atPath: lessonsFolder.path) {
            for folder in folders.sorted() where !knownModules.contains(folder) && !folder.hasPrefix(".") {
                problems.append(CurriculumProblem(file: "lessons/\(folder)", line: 0, message: "folder is not a module listed in modules.yml"))
            }
        }
        problems += crossCheck(lessons: lessons, files: lessonFiles, root: root)
        if !problems.isEmpty { throw CurriculumError(problems: problems) }

        var byModule = Dictionary(grouping: lessons, by: \.module)
        let ordered = modules.map { module -> CurriculumModule in
            var module = module
            module.lessons = (byModule.removeValue(forKey: module.id) ?? []).sorted { ($0.order, $0.id) < ($1.order, $1.id) }
            return module
        }
        return Curriculum(modules: ordered, root: root.path)
    }

    private static func loadModules(root: URL, problems: inout [CurriculumProblem]) -> [CurriculumModule] {
        let file = "modules.yml"
        guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else {
            problems.append(CurriculumProblem(file: file, line: 0, message: "cannot read \(root.appendingPathComponent(file).path)"))
            return []
        }
        guard let node = try? Yams.compose(yaml: text), let list = node.sequence else {
            problems.append(CurriculumProblem(file: file, line: 1, message: "must be a YAML list of modules with id, title and summary"))
            return []
        }
        var modules: [CurriculumModule] = []
        for item in list {
            let line = item.mark?.line ?? 1
            guard let id = item["id"]?.string, let title = item["title"]?.string, let summary = item["summary"]?.string else {
                problems.append(CurriculumProblem(file: file, line: line, message: "a module needs id, title and summary"))
                continue
            }
            guard Slug.isValid(id) else {
                problems.append(CurriculumProblem(file: file, line: line, message: "module id '\(id)' must be lower-case letters, digits and '-'"))
                continue
            }
            if modules.contains(where: { $0.id == id }) {
                problems.append(CurriculumProblem(file: file, line: line, message: "module '\(id)' is listed twice"))
                continue
            }
            modules.append(CurriculumModule(id: id, title: title, summary: summary, lessons: []))
        }
        return modules
    }

    /// Checks what needs the whole curriculum: prerequisites and links name real lessons,
    /// ids and orders are unique.
    private static func crossCheck(lessons: [Lesson], files: [String: LessonFile], root: URL) -> [CurriculumProblem] {
        var problems: [CurriculumProblem] = []
        let ids = Set(lessons.map(\.id))
        var seenOrders: [String: String] = [:]
        for lesson in lessons {
            let key = "\(lesson.module)#\(lesson.order)"
            if let other = seenOrders[key] {
                problems.append(CurriculumProblem(file: lesson.file, line: 0, message: "order \(lesson.order) is also used by \(other) in module '\(lesson.module)'"))
            }
            seenOrders[key] = lesson.id
            guard let parsed = files[lesson.id] else { continue }
            for (prerequisite, line) in parsed.prerequisiteLines where !ids.contains(prerequisite) {
                problems.append(CurriculumProblem(file: lesson.file, line: line, message: "prerequisite '\(prerequisite)' is not a lesson"))
            }
            for link in parsed.lessonLinks where !ids.contains(link.target) {
                problems.append(CurriculumProblem(file: lesson.file, line: link.line, message: "broken link to lesson '\(link.target)'"))
            }
        }
        return problems
    }
}

/// Lesson and module ids: lower-case ASCII letters, digits and single dashes.
enum Slug {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 60 && text.first != "-" && text.last != "-"
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
