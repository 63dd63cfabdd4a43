import KefuCore

/// Sending goes through the reply checks: a blocking finding stops it and says what, where and
/// how to fix it; warnings ask once more (y sends anyway). Internal notes only need text.
extension AppState {
    mutating func attemptSend() -> [Effect] {
        guard var composer else { return [] }
        let body = composer.editor.text
        if composer.mode == .note {
            guard !body.allSatisfy(\.isWhitespace) else {
                showFlash("Nothing to save: the note is empty", .error)
                return []
            }
            return [.send(ticketID: composer.ticketID, body: body, direction: .note, seenThrough: seenThrough(composer.ticketID))]
        }
        if composer.attachEvidence && composer.evidenceToAttach.isEmpty {
            showFlash("Not sent: attaching evidence was asked for, but the reply references none — Ctrl-G inserts a reference, Ctrl-O stops attaching", .error)
            return []
        }
        let findings = ReplyChecks.check(body, context: replyCheckContext)
        composer.findings = findings
        self.composer = composer
        if let wrongName = findings.first(where: { $0.kind == .wrongCustomerName }), let right = wrongName.suggestion {
            // The one blocking finding with a sure fix: offer it as one key.
            prompt = PromptState(kind: .confirm(.fixGreetingName(
                ticketID: composer.ticketID, wrong: wrongName.location.excerpt, right: right,
                line: wrongName.location.line, column: wrongName.location.column)), text: "")
            return []
        }
        if let blocking = findings.first(where: \.isBlocking) {
            let more = findings.filter(\.isBlocking).count - 1
            showFlash("Not sent: \(blocking.message) (\(blocking.location.short))\(more > 0 ? " and \(more) more" : "") — \(blocking.fix)", .error)
            return []
        }
        if !findings.isEmpty {
            prompt = PromptState(kind: .confirm(.sendDespiteWarnings(ticketID: composer.ticketID, warnings: findings.count)), text: "")
            return []
        }
        return [.send(ticketID: composer.ticketID, body: body, direction: .outbound, attachEvidence: composer.evidenceToAttach,
                      seenThrough: seenThrough(composer.ticketID))]
    }

    /// The newest message the agent had on screen for the ticket (nil: the thread is not open).
    func seenThrough(_ ticketID: Int64) -> Int64? {
        thread?.ticket.id == ticketID ? thread?.seenThrough : nil
    }

    /// The agent read the warnings and sends anyway.
    mutating func sendDespiteWarnings(ticketID: Int64) -> [Effect] {
        guard let composer, composer.ticketID == ticketID else { return [] }
        return [.send(ticketID: ticketID, body: composer.editor.text, direction: .outbound, attachEvidence: composer.evidenceToAttach,
                      seenThrough: seenThrough(ticketID))]
    }

    /// What the checks know about the ticket being answered.
    var replyCheckContext: ReplyCheckContext {
        let ticket = composer.flatMap { c in thread?.ticket.id == c.ticketID ? thread?.ticket : nil }
        return ReplyCheckContext.answering(
            ticket: ticket, messages: thread?.messages ?? [], order: thread?.order,
            stage: composer?.template?.stage, templateFields: composer?.template?.fields ?? [],
            attachesEvidence: composer.map { $0.mode == .reply ? $0.attachEvidence : true },
            customerName: ticket?.customerName ?? composer?.customerName)
    }

    /// `Ctrl-O`: the evidence the reply references goes out as attachments (or no longer does).
    /// Notes never leave the team, so there is nothing to attach to them.
    mutating func toggleAttachEvidence() -> [Effect] {
        guard let current = composer else { return [] }
        guard current.mode == .reply else {
            showFlash("An internal note is not sent: nothing to attach", .error)
            return []
        }
        composer!.attachEvidence.toggle()
        // The choice is part of the draft: saved with its text a second from now.
        markComposerChanged()
        let ids = composer!.evidenceToAttach
        if !composer!.attachEvidence {
            showFlash("Evidence is referenced in the text only, not attached", .info)
        } else if ids.isEmpty {
            showFlash("Attaching evidence: insert a reference with Ctrl-G (its file goes with the reply)", .info)
        } else {
            showFlash("Attaching \(ids.joined(separator: ", ")) to the reply", .info)
        }
        return []
    }

    /// `Ctrl-N`: the composer switches between a reply to the customer and a note for the team.
    mutating func toggleNoteMode() -> [Effect] {
        guard composer != nil else { return [] }
        composer!.mode = composer!.mode == .reply ? .note : .reply
        composer!.findings = []
        showFlash(composer!.mode == .note ? "Internal note: only the team sees it" : "Reply to the customer", .info)
        return []
    }
}

extension ReplyLocation {
    /// `line 2, col 5` for the status bar.
    var short: String { "line \(line), col \(column)" }
}

extension AppState {
    /// The composer's text as a personal template, saved generic: this customer's name, the
    /// order and tracking numbers, the agent and the store go back to their fields, so the
    /// template greets the next customer by their own name. Its language is the text's own (a
    /// reply written in English on a Japanese ticket is an English template), its name what the
    /// agent typed, as a file name; its stage that of the template it came from, else after-sale.
    mutating func saveAsTemplate(named name: String) -> [Effect] {
        guard let composer else { return [] }
        let title = name.trimmingCharacters(in: .whitespaces)
        let slug = TemplateNaming.slug(title)
        guard !slug.isEmpty else {
            showFlash("A template needs a name (letters or digits)", .error)
            return []
        }
        let text = TemplateGeneralizer.generalize(composer.editor.text, context: replyContext)
        let fallback = thread?.ticket.language.map { String($0.prefix(2)).lowercased() } ?? "en"
        let language = LanguageDetector.detect(text) ?? fallback
        let template = Template(
            name: slug, title: title, stage: composer.template?.stage ?? .afterSale,
            situation: "Saved by \(profile.name) from a reply", keywords: title.lowercased().split(separator: " ").map(String.init),
            fields: agentPlaceholders(in: text), variants: [language: text])
        return [.saveTemplate(template)]
    }

    /// `{placeholders}` left in the text that the ticket does not fill: the template's own fields.
    private func agentPlaceholders(in text: String) -> [String] {
        var seen: [String] = []
        for name in TemplateRenderer.placeholders(in: text) where !TemplateContext.contextNames.contains(name) && !seen.contains(name) {
            seen.append(name)
        }
        return seen
    }
}

extension AppState {
    /// `y` at "The greeting names …": the customer's name goes where the wrong one was.
    mutating func fixGreetingName(ticketID: Int64, wrong: String, right: String, line: Int, column: Int) -> [Effect] {
        guard composer?.ticketID == ticketID,
            composer!.editor.replace(line: line - 1, column: column - 1, expected: wrong, with: right)
        else {
            showFlash("The greeting changed meanwhile: nothing replaced", .error)
            return []
        }
        composer!.findings = []
        markComposerChanged()
        showFlash("Greeting now addressed to \(TerminalSanitizer.oneLine(right)) — Ctrl-S sends", .info)
        return []
    }
}
