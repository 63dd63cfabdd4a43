import Foundation

/// All reply templates: the shipped ones, then the user's own, which replace shipped ones of
/// the same name or add new ones.
public struct TemplateLibrary: Sendable, Hashable {
    public private(set) var templates: [Template]

    public init(templates: [Template]) {
        self.templates = templates.sorted { ($0.stage, $0.title) < ($1.stage, $1.title) }
    }

    /// Loads every `*.tmpl` file in the folders, later folders overriding earlier ones by name.
    /// A missing folder is skipped; a broken file is an error naming file and line.
    public static func load(from folders: [URL]) throws -> TemplateLibrary {
        var byName: [String: Template] = [:]
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".tmpl") {
                let url = folder.appendingPathComponent(name)
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw ConfigError(file: url.path, message: "cannot read the file as UTF-8 text")
                }
                let template = try TemplateFile.parse(text, file: url.path)
                byName[template.name] = template
            }
        }
        return TemplateLibrary(templates: Array(byName.values))
    }

    public func template(named name: String) -> Template? {
        templates.first { $0.name == name }
    }
}
