import Foundation

/// Reads template files: a header of `key: value` lines, then one section per language,
/// each opened by a line `--- LANG`.
///
///     name: parcel-in-transit
///     title: Parcel on its way, with tracking
///     stage: after-sale
///     situation: Logistics problem
///     keywords: tracking, where is my order, late
///     fields:
///     --- en
///     Dear {customer_name},
///     ...
///     --- de
///     Hallo {customer_name},
///
/// Errors name the file and line.
public enum TemplateFile {
    public static func parse(_ text: String, file: String) throws -> Template {
        var header: [String: (value: String, line: Int)] = [:]
        var variants: [String: [String]] = [:]
        var order: [String] = []
        var current: String?
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = String(raw)
            let number = index + 1
            if line.hasPrefix("--- ") {
                let language = line.dropFirst(4).trimmingCharacters(in: .whitespaces).lowercased()
                guard !language.isEmpty, language.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                    throw ConfigError(file: file, line: number, message: "expected '--- LANGUAGE' (for example '--- en')")
                }
                guard variants[language] == nil else {
                    throw ConfigError(file: file, line: number, message: "language '\(language)' appears twice")
                }
                current = language
                variants[language] = []
                order.append(language)
                continue
            }
            if let language = current {
                variants[language]!.append(line)
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw ConfigError(file: file, line: number, message: "expected 'key: value' in the header")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            header[key] = (value, number)
        }
        func required(_ key: String) throws -> String {
            guard let entry = header[key], !entry.value.isEmpty else {
                throw ConfigError(file: file, message: "missing header field '\(key)'")
            }
            return entry.value
        }
        let name = try required("name")
        let stageText = try required("stage")
        guard let stage = TemplateStage(rawValue: stageText) else {
            throw ConfigError(
                file: file, line: header["stage"]?.line,
                message: "stage '\(stageText)' is not one of pre-sale, in-sale, after-sale")
        }
        guard !variants.isEmpty else {
            throw ConfigError(file: file, message: "no language sections ('--- en' followed by the text)")
        }
        func list(_ key: String) -> [String] {
            (header[key]?.value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var bodies: [String: String] = [:]
        for (language, lines) in variants {
            var body = lines
            while body.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeFirst() }
            while body.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
            guard !body.isEmpty else { throw ConfigError(file: file, message: "the '\(language)' section is empty") }
            bodies[language] = body.joined(separator: "\n")
        }
        return Template(
            name: name, title: header["title"]?.value ?? name, stage: stage,
            situation: header["situation"]?.value ?? "", keywords: list("keywords"), fields: list("fields"),
            variants: bodies)
    }
}
