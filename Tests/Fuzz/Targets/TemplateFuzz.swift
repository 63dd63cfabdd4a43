import KefuCore

/// Template files and their rendering. A template that parses renders in each of its languages
/// with every placeholder filled (with "3", so plural forms render too), and the rendered text holds none of its placeholders any more
/// (values are plain words, so nothing a value says can become a placeholder) when every brace
/// in the variant belongs to a placeholder.
enum TemplateFuzz {
    static let target = FuzzTarget("template") { bytes throws(FuzzFailure) in
        let text = bytes.text
        _ = TemplateRenderer.occurrences(in: text)
        guard let template = try? TemplateFile.parse(text, file: "fuzz.txt") else { return }
        for language in template.variants.keys {
            let names = template.placeholders(for: language)
            var values: [String: String] = [:]
            for name in names { values[name] = "3" }
            let context = TemplateContext(values: values, language: language)
            let rendered = template.rendered(for: language, with: context)
            // Only where every brace belongs to a placeholder: stray braces around filled ones can
            // put a placeholder's shape together from pieces, which the reply check then stops.
            let source = template.variants[language] ?? ""
            let found = TemplateRenderer.occurrences(in: source).count
            guard source.filter({ $0 == "{" }).count == found, source.filter({ $0 == "}" }).count == found else { continue }
            let left = Set(TemplateRenderer.placeholders(in: rendered.text)).intersection(names)
            try require(left.isEmpty, "placeholders left after filling every one: \(left.sorted()) in \(rendered.text.prefix(300).debugDescription)")
        }
    }
}
