/// Writes a template in the `.tmpl` format `TemplateFile.parse` reads: what an agent saves from
/// the composer becomes a file they can open and edit like the shipped ones.
public enum TemplateWriter {
    public struct Unwritable: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func format(_ template: Template) throws -> String {
        var text = """
            name: \(oneLine(template.name))
            title: \(oneLine(template.title))
            stage: \(template.stage.rawValue)
            situation: \(oneLine(template.situation))
            keywords: \(template.keywords.map(oneLine).joined(separator: ", "))
            fields: \(template.fields.joined(separator: ", "))

            """
        for language in template.variants.keys.sorted() {
            let body = template.variants[language]!
            if let line = body.split(separator: "\n", omittingEmptySubsequences: false).first(where: { $0.hasPrefix("--- ") }) {
                throw Unwritable(description: "the text has a line starting with '--- ' (\(line.prefix(30))), which would start a new language section")
            }
            text += "--- \(language)\n\(body)\n"
        }
        return text
    }

    /// Header values are one line without commas' meaning lost: newlines become spaces.
    static func oneLine(_ value: String) -> String {
        value.split(whereSeparator: \.isNewline).joined(separator: " ").replacingOccurrences(of: ",", with: " ")
    }
}

/// File-safe template names from what an agent typed.
public enum TemplateNaming {
    /// Lower-case letters and digits joined by single hyphens: "Rabatt 10% für Stammkunden" →
    /// "rabatt-10-für-stammkunden".
    public static func slug(_ title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return String(slug.prefix(60))
    }
}
