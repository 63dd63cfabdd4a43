import KefuCore

/// Writing a reply: opening the composer (restoring a draft), editing, sending.
extension AppState {
    /// The ticket a reply would answer: the open thread's when the thread has focus, else the selected one.
    var replyTarget: Ticket? {
        if focus == .thread || threadPushed, let thread { return thread.ticket }
        return queue.selectedTicket ?? thread?.ticket
    }

    mutating func openComposer() -> [Effect] {
        guard let ticket = replyTarget else { return [] }
        if let readOnly = readOnlyStore {
            // Nothing typed could be saved or sent: say so before the agent writes a word.
            showFlash(readOnly.refusal, .error)
            return []
        }
        if composer?.ticketID == ticket.id {
            focus = .composer
            return []
        }
        var effects: [Effect] = parkComposer()
        if thread?.ticket.id != ticket.id { effects.append(.loadThread(ticket.id)) }
        if let parked = parkedComposers.removeValue(forKey: ticket.id) {
            composer = parked
            focus = .composer
            if layout.mode == .onePane { threadPushed = true }
            return effects
        }
        return effects + [.loadDraft(ticketID: ticket.id, customerName: ticket.customerName)]
    }

    /// Puts the open composer aside (its draft saved), so another ticket's can open.
    mutating func parkComposer() -> [Effect] {
        guard var current = composer else { return [] }
        composer = nil
        var effects: [Effect] = []
        if current.unsavedSince != nil {
            effects.append(.saveDraft(ticketID: current.ticketID, text: current.editor.text, attachEvidence: current.attachEvidence))
            current.unsavedSince = nil
            current.hasSavedDraft = true
        }
        if !current.editor.isEmpty { parkedComposers[current.ticketID] = current }
        return effects
    }

    mutating func runComposer(_ command: Command) -> [Effect] {
        guard let composer else { return [] }
        switch command {
        case .send:
            return attemptSend()
        case .toggleNote:
            return toggleNoteMode()
        case .disputeScaffold:
            guard let template = templates.first(where: { $0.name == Self.disputeTemplateName }) else {
                showFlash("No “\(Self.disputeTemplateName)” template is installed", .error)
                return []
            }
            return startDisputeReply(template)
        case .externalEditor:
            return [.editExternally(ticketID: composer.ticketID, text: composer.editor.text)]
        case .templates:
            return openPicker()
        case .toggleAttachEvidence:
            return toggleAttachEvidence()
        case .reviewFindings:
            guard !composer.findings.isEmpty else {
                showFlash("No findings: Ctrl-S runs the reply checks", .info)
                return []
            }
            overlay = .findings
            helpScroll = 0
            return []
        case .saveTemplate:
            guard !composer.editor.isEmpty else {
                showFlash("Nothing to save: the reply is empty", .error)
                return []
            }
            prompt = PromptState(kind: .templateName, text: "")
            return []
        case .closeComposer:
            let effects = parkComposer()
            focus = thread != nil && (layout.mode == .onePane || thread?.ticket.id == queue.selectedTicket?.id) ? .thread : .queue
            if layout.mode == .twoPane && focus == .thread { focus = .queue }
            return effects
        default:
            return []
        }
    }

    /// The template `Ctrl-X` inserts: seed 000's dispute structure (evidence → where to check
    /// it → what it means → solutions → closing). A user template of this name replaces it.
    static let disputeTemplateName = "dispute-reply"

    mutating func markComposerChanged() {
        // Typing pushes the save back: it happens a second after the last key.
        let now = nowSeconds
        composer?.unsavedSince = now
    }

    /// Keys the composer takes as editing rather than commands.
    mutating func composerEdit(_ key: Key) -> [Effect] {
        guard composer != nil else { return [] }
        let before = composer!.editor.text
        switch key {
        case .char(let c): composer!.editor.insert(String(c))
        case .enter: composer!.editor.newline()
        case .backspace: composer!.editor.backspace()
        case .delete: composer!.editor.deleteForward()
        case .left: composer!.editor.moveLeft()
        case .right: composer!.editor.moveRight()
        case .up: composer!.editor.moveUp()
        case .down: composer!.editor.moveDown()
        case .home, .ctrl("a"): composer!.editor.moveLineStart()
        case .end: composer!.editor.moveLineEnd()
        case .ctrlLeft, .ctrl("b"): composer!.editor.moveWordLeft()
        case .ctrlRight, .ctrl("f"): composer!.editor.moveWordRight()
        case .ctrl("w"): composer!.editor.deleteWordBackward()
        case .ctrl("k"): composer!.editor.deleteToLineEnd()
        case .ctrl("z"): composer!.editor.undo()
        case .ctrl("y"): composer!.editor.redo()
        case .tab: composer!.editor.insert("    ")
        default: return []
        }
        if composer!.editor.text != before {
            markComposerChanged()
            composer!.findings = []
        }
        return []
    }
}

extension AppState {
    /// The composer scrolls only as far as the cursor needs: kept in state so a cursor moving
    /// up does not make the text jump (the view draws `composer.scrollTop` as it is).
    mutating func keepComposerCursorInView() {
        guard let composer, layout.composer.height > 1 else { return }
        let geometry = ComposerGeometry(composer, in: layout.composer)
        if geometry.top != composer.scrollTop { self.composer!.scrollTop = geometry.top }
    }
}
