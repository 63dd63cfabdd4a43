import KefuCore

/// The template picker: search, stage filter, language, insert — asking the agent for the
/// template's own fields first, in order.
extension AppState {
    mutating func openPicker() -> [Effect] {
        var picker = PickerState(language: thread?.ticket.language, index: templateIndex.index)
        picker.results = picker.search.session.search("", usage: templateUsage)
        self.picker = picker
        overlay = .picker
        return []
    }

    mutating func runPicker(_ command: Command) -> [Effect] {
        guard var picker else { return [] }
        switch command {
        case .pickerNext:
            picker.selected = min(picker.selected + 1, max(0, picker.results.count - 1))
        case .pickerPrevious:
            picker.selected = max(0, picker.selected - 1)
        case .pickerStage:
            let stages: [TemplateStage?] = [nil] + TemplateStage.allCases
            let next = ((stages.firstIndex(of: picker.stage) ?? 0) + 1) % stages.count
            picker.stage = stages[next]
            rerank(&picker)
        case .pickerLanguage:
            guard let template = picker.selectedTemplate else { break }
            let languages = template.variants.keys.sorted()
            let current = template.body(for: picker.language).language
            let next = ((languages.firstIndex(of: current) ?? -1) + 1) % languages.count
            picker.language = languages[next]
        case .pickerInsert:
            guard let template = picker.selectedTemplate else { return [] }
            self.picker = nil
            overlay = .none
            let missing = agentFields(of: template)
            if missing.isEmpty { return insert(template, language: picker.language, values: [:]) }
            prompt = PromptState(kind: .field(FieldEntry(template: template, language: picker.language, remaining: missing)), text: "")
            return []
        case .pickerCancel:
            self.picker = nil
            overlay = .none
            return []
        default:
            break
        }
        self.picker = picker
        return []
    }

    /// Typing in the picker edits the search.
    mutating func pickerEdit(_ key: Key) -> [Effect] {
        guard var picker else { return [] }
        switch key {
        case .char(let c): picker.query.append(c)
        case .backspace: if !picker.query.isEmpty { picker.query.removeLast() }
        case .ctrl("w"), .ctrl("u"): picker.query = ""
        default: return []
        }
        rerank(&picker)
        self.picker = picker
        return []
    }

    func rerank(_ picker: inout PickerState) {
        picker.results = picker.search.session.search(picker.query, stage: picker.stage, usage: templateUsage)
        picker.selected = 0
    }

    /// The template's fields that the ticket cannot fill: the agent types them.
    func agentFields(of template: Template) -> [String] {
        let context = replyContext
        return template.fields.filter { context[$0] == nil }
    }

    /// The answer to one field's question: the next field, or the insert when all are given.
    /// An empty answer leaves the `{placeholder}` in the text (the checks stop the send until
    /// it is filled); Esc inserts the template with the fields not yet given left open.
    mutating func answerField(_ entry: FieldEntry, value: String) -> [Effect] {
        var entry = entry
        guard let field = entry.current else { return [] }
        entry.remaining.removeFirst()
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { entry.values[field] = trimmed }
        if entry.remaining.isEmpty {
            return insert(entry.template, language: entry.language, values: entry.values)
        }
        prompt = PromptState(kind: .field(entry), text: "")
        return []
    }

    /// Puts the rendered template into the composer and remembers where the reply came from.
    mutating func insert(_ template: Template, language: String?, values: [String: String]) -> [Effect] {
        guard composer != nil else { return [] }
        let text = rendered(template, language: language, values: values)
        // The template's greeting and closing replace the reply's own; its body goes in at the
        // cursor, and the cursor ends after the body, above the signature, where Ctrl-K and
        // Ctrl-G then put tracking and evidence.
        let merged = ReplySkeleton.merge(
            template: text, into: composer!.editor.text, cursorLine: composer!.editor.line,
            signatureNames: signatureNames, previousBody: composer!.templateBody)
        composer!.editor.replaceAll(with: merged.text)
        composer!.editor.moveTo(line: merged.line, column: merged.column)
        composer!.templateBody = merged.body
        composer!.template = TemplateOrigin(name: template.name, stage: template.stage, fields: template.fields)
        composer!.findings = []
        markComposerChanged()
        templateUsage[template.name, default: 0] += 1
        showFlash("Inserted “\(template.title)”", .info)
        return [.recordTemplateUse(template.name)]
    }

    /// What a reply's signature holds, so the closing can be told from the body.
    var signatureNames: [String] { [profile.name, profile.storeName] }

    /// A template as it will be inserted: the language variant filled from the open ticket.
    public func renderedPreview(_ template: Template, language: String?) -> String {
        rendered(template, language: language, values: [:])
    }

    func rendered(_ template: Template, language: String?, values: [String: String]) -> String {
        var context = replyContext
        for (name, value) in values { context[name] = value }
        return template.rendered(for: language, with: context).text
    }

    /// Placeholder values from the open thread's ticket, order and parcels, and the agent.
    public var replyContext: TemplateContext {
        TemplateContext.make(
            ticket: thread?.ticket ?? queue.selectedTicket, order: thread?.order, agentName: profile.name,
            storeName: profile.storeName, universalTrackingURL: profile.universalTrackingURL)
    }
}
