import Foundation
import KefuCore

/// `T` / Ctrl-K and `E` / Ctrl-G: proof into the reply at the cursor. From the queue or the
/// thread the composer opens with the text in it; with several parcels or pieces of evidence a
/// picker asks which (its first line takes them all).
///
/// Tracking lines use `TrackingReplySnippet` in the ticket's language (number, carrier, link).
/// Evidence is inserted as `EvidenceReference` text, whose `EV-` ids are the markers delivery
/// resolves to attach the files when the composer attaches evidence (Ctrl-O; turned on here when
/// the text says the file is attached).
extension AppState {
    mutating func runProofCommand(_ command: Command, context: KeyContext) -> [Effect] {
        let kind: ProofKind = command == .insertTracking ? .tracking : .evidence
        let target: Ticket?
        switch context {
        case .composer: target = composer.flatMap { c in thread?.ticket.id == c.ticketID ? thread?.ticket : nil }
        case .thread: target = thread?.ticket
        default: target = replyTarget
        }
        guard let ticket = target ?? (context == .composer ? nil : queue.selectedTicket) else {
            if context == .composer { showFlash("The thread of this reply is not loaded", .error) }
            return []
        }
        guard thread?.ticket.id == ticket.id else {
            // The proof comes with the thread: load it, then carry on (see `resumeProofRequest`).
            proof.waitingForThread = WaitingProofRequest(kind: kind, ticketID: ticket.id)
            return [.loadThread(ticket.id)]
        }
        return offerProof(kind, context: context)
    }

    /// After a thread loads: finish a `T` or `E` that was waiting for it.
    mutating func resumeProofRequest() -> [Effect] {
        guard let waiting = proof.waitingForThread, thread?.ticket.id == waiting.ticketID else { return [] }
        proof.waitingForThread = nil
        return offerProof(waiting.kind, context: focus == .composer ? .composer : .thread)
    }

    /// Inserts the proof at once when there is one choice, else opens the picker.
    mutating func offerProof(_ kind: ProofKind, context: KeyContext) -> [Effect] {
        guard let thread else { return [] }
        let choices = proofChoices(kind, for: thread)
        guard !choices.isEmpty else {
            let order = thread.ticket.orderID.map { "order \(TerminalSanitizer.oneLine($0))" } ?? "this ticket (no order)"
            showFlash(kind == .tracking ? "No parcels on \(order)" : "No evidence for \(order) (kefu evidence add)", .error)
            return []
        }
        if choices.count == 1 {
            return insertProof(choices[0], kind: kind, ticketID: thread.ticket.id, context: context)
        }
        proof.picker = ProofPickerState(kind: kind, ticketID: thread.ticket.id, choices: choices)
        overlay = .proofPicker
        return []
    }

    mutating func runProofPicker(_ command: Command) -> [Effect] {
        guard var picker = proof.picker else { return [] }
        switch command {
        case .pickerNext: picker.selected = min(picker.selected + 1, picker.choices.count - 1)
        case .pickerPrevious: picker.selected = max(0, picker.selected - 1)
        case .pickerCancel:
            proof.picker = nil
            overlay = .none
            if picker.kind == .dispute { showFlash("No dispute reply inserted", .info) }
            return []
        case .pickerInsert:
            proof.picker = nil
            overlay = .none
            if picker.kind == .dispute { return insertDispute(evidenceIDs: picker.choices[picker.selected].evidenceIDs) }
            let context: KeyContext = focus == .composer ? .composer : .thread
            return insertProof(picker.choices[picker.selected], kind: picker.kind, ticketID: picker.ticketID, context: context)
        default: break
        }
        proof.picker = picker
        return []
    }

    /// The picker's choices: all first, then one per parcel (newest first) or piece of evidence.
    /// One parcel or piece of evidence gives one choice.
    func proofChoices(_ kind: ProofKind, for thread: ThreadState) -> [ProofChoice] {
        let language = thread.ticket.language
        switch kind {
        case .tracking:
            let links = trackingLinks(for: thread)
            let each = links.map { link in
                ProofChoice(
                    title: "\(TerminalSanitizer.oneLine(link.number)) · \(TerminalSanitizer.oneLine(link.carrier ?? "?"))",
                    text: Self.trackingText([link], language: language))
            }
            guard links.count > 1 else { return each }
            return [ProofChoice(title: "All \(links.count) parcels", text: Self.trackingText(links, language: language))] + each
        case .evidence, .dispute:
            let references = thread.proof.evidence
            let each = references.map { reference in
                ProofChoice(title: Self.evidenceSummary(reference, timeZone: timeZone),
                            text: reference.text(languageCode: language, timeZone: timeZone),
                            promisesAttachment: reference.promisesAttachment, evidenceIDs: [reference.id])
            }
            guard references.count > 1 else { return each }
            let all = references.map { $0.text(languageCode: language, timeZone: timeZone) }.joined(separator: "\n\n")
            return [ProofChoice(title: "All \(references.count) pieces of evidence", text: all,
                                promisesAttachment: references.contains(where: \.promisesAttachment),
                                evidenceIDs: references.map(\.id))] + each
        }
    }

    /// The thread's resolved links; without a loader (tests, other stores) the universal tracker.
    func trackingLinks(for thread: ThreadState) -> [ParcelLink] {
        if !thread.proof.parcels.isEmpty { return thread.proof.parcels }
        return (thread.order?.parcels ?? []).map { parcel in
            ParcelLink(number: parcel.trackingNumber, carrier: parcel.carrier,
                       url: profile.universalTrackingURL.replacingOccurrences(of: "{n}", with: parcel.trackingNumber))
        }
    }

    static func trackingText(_ links: [ParcelLink], language: String?) -> String {
        TrackingReplySnippet.format(links, languageCode: language ?? "en")
    }

    /// `EV-2F9A · weigh record · 2026-11-20 · 2f9a41c07be3 · note`, for the thread and the picker.
    static func evidenceSummary(_ reference: EvidenceReference, timeZone: TimeZone) -> String {
        var text = "\(reference.id) · \(reference.kind.rawValue.replacingOccurrences(of: "-", with: " ")) · \(reference.dateText(timeZone: timeZone)) · \(reference.shortHash)"
        if let note = reference.note, !note.isEmpty { text += " · " + TerminalSanitizer.oneLine(note) }
        return text
    }

    /// Ctrl-X with evidence on the order: the dispute reply with "What we have" and "What it
    /// means" filled from the chosen records (several: the picker asks which); fields the records
    /// cannot fill are asked as usual. Evidence without a public link turns attaching on.
    mutating func startDisputeReply(_ template: Template) -> [Effect] {
        guard let composer, let thread, thread.ticket.id == composer.ticketID, !thread.proof.evidence.isEmpty,
            template.fields.contains("evidence")
        else {
            return askFields(template, values: [:])
        }
        if thread.proof.evidence.count == 1 { return insertDispute(evidenceIDs: [thread.proof.evidence[0].id]) }
        proof.picker = ProofPickerState(kind: .dispute, ticketID: thread.ticket.id, choices: proofChoices(.dispute, for: thread))
        overlay = .proofPicker
        return []
    }

    mutating func insertDispute(evidenceIDs: [String]) -> [Effect] {
        guard let thread, let template = templates.first(where: { $0.name == Self.disputeTemplateName }) else { return [] }
        let references = thread.proof.evidence.filter { evidenceIDs.contains($0.id) }
        let values = EvidenceReference.disputeFields(references, languageCode: thread.ticket.language, timeZone: timeZone)
        if references.contains(where: \.promisesAttachment), composer?.mode == .reply { composer?.attachEvidence = true }
        return askFields(template, values: values)
    }

    /// Inserts the template once the agent has given the fields `values` does not hold.
    mutating func askFields(_ template: Template, values: [String: String]) -> [Effect] {
        let language = thread?.ticket.language
        let missing = agentFields(of: template).filter { values[$0] == nil }
        if missing.isEmpty { return insert(template, language: language, values: values) }
        prompt = PromptState(kind: .field(FieldEntry(template: template, language: language, remaining: missing, values: values)), text: "")
        return []
    }

    /// Puts the text at the composer's cursor, opening the composer first when needed.
    mutating func insertProof(_ choice: ProofChoice, kind: ProofKind, ticketID: Int64, context: KeyContext) -> [Effect] {
        let flash = kind == .tracking ? "Inserted tracking: \(choice.title)" : "Inserted evidence: \(choice.title)"
        if composer?.ticketID == ticketID {
            focus = .composer
            placeInComposer(choice.text, flash: flash, attach: choice.promisesAttachment)
            return []
        }
        proof.pendingInsert = PendingProofInsert(ticketID: ticketID, text: choice.text, flash: flash, attach: choice.promisesAttachment)
        let effects = openComposer()
        applyPendingProofInsert()
        return effects
    }

    /// Called when a composer has opened (at once, or once its draft is read).
    mutating func applyPendingProofInsert() {
        guard let pending = proof.pendingInsert, composer?.ticketID == pending.ticketID else { return }
        proof.pendingInsert = nil
        placeInComposer(pending.text, flash: pending.flash, attach: pending.attach)
    }

    /// The proof starts on a line of its own and the cursor ends on the line after it; with the
    /// cursor in the closing it goes above the closing, never under the signature. The same text
    /// a second time asks first. Evidence whose text says "attached" turns attaching on (the agent
    /// sees `attach:` and can say no with Ctrl-O), so the reply does not promise a file it leaves out.
    private mutating func placeInComposer(_ text: String, flash: String, attach: Bool = false, again: Bool = false) {
        guard let current = composer else { return }
        let block = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !again, !block.isEmpty, current.editor.text.contains(block) {
            prompt = PromptState(kind: .confirm(.insertProofAgain(
                PendingProofInsert(ticketID: current.ticketID, text: text, flash: flash, attach: attach))), text: "")
            return
        }
        if let closing = ReplySkeleton.closingStart(in: current.editor.text, signatureNames: signatureNames),
            current.editor.line >= closing, closing > 0 {
            composer!.editor.moveTo(line: closing, column: 0)
            composer!.editor.insert(text.trimmingCharacters(in: .newlines) + "\n\n")
        } else {
            if composer!.editor.column > 0 { composer!.editor.newline() }
            composer!.editor.insert(text + "\n")
        }
        markComposerChanged()
        composer!.findings = []
        if attach && composer!.mode == .reply && !composer!.attachEvidence {
            composer!.attachEvidence = true
            // First, so a narrow status bar still shows it.
            showFlash("Its file will be attached (Ctrl-O: don't) · " + flash, .info)
            return
        }
        showFlash(flash, .info)
    }

    /// `y` at "This text is already in the reply": it goes in a second time.
    mutating func insertProofAgain(_ pending: PendingProofInsert) -> [Effect] {
        guard composer?.ticketID == pending.ticketID else { return [] }
        placeInComposer(pending.text, flash: pending.flash, attach: pending.attach, again: true)
        return []
    }
}
