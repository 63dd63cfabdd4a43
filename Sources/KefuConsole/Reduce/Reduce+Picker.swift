import KefuCore

/// The template picker: search, stage filter, language, insert.
extension AppState {
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
            let text = renderedPreview(template, language: picker.language)
            if composer!.editor.isEmpty {
                composer!.editor.replaceAll(with: text)
            } else {
                composer!.editor.insert(text)
            }
            markComposerChanged()
            self.picker = nil
            overlay = .none
            showFlash("Inserted “\(template.title)”", .info)
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
        picker.results = TemplateSearch.rank(templates, query: picker.query, stage: picker.stage)
        picker.selected = 0
    }

    /// A template as it will be inserted: the language variant filled from the open ticket.
    public func renderedPreview(_ template: Template, language: String?) -> String {
        let body = template.body(for: language).text
        return TemplateRenderer.render(body, with: replyContext)
    }

    /// Placeholder values from the open thread's ticket, order and parcels, and the agent.
    public var replyContext: TemplateContext {
        TemplateContext.make(
            ticket: thread?.ticket ?? queue.selectedTicket, order: thread?.order, agentName: profile.name,
            storeName: profile.storeName, universalTrackingURL: profile.universalTrackingURL)
    }
}
