import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// Ctrl-O in the composer: the evidence the reply references goes out as attachments, shown in
/// words under the text (`attach: EV-…`), carried by the send effect, refused for notes.
@Suite("Composer: attaching referenced evidence (Ctrl-O)")
struct AttachEvidenceTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 200)

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    mutating func openComposer(with text: String) {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: text))
    }

    /// Sends, answering the reply checks' question if they ask one.
    mutating func send() -> [Effect] {
        let effects = press(.ctrl("s"))
        if effects.isEmpty, state.prompt != nil { return press(.char("y")) }
        return effects
    }

    func screen() -> String { ConsoleView.render(state).text }

    static let reply = "Dear Hanako,\n\nthe weigh record EV-2F9A and the carrier scan EV-9F00A1 show the parcel left complete.\n\nBest regards,\nLi Wei"

    @Test("Ctrl-O marks the referenced evidence for attaching, in text under the reply; again turns it off")
    mutating func toggle() {
        openComposer(with: Self.reply)
        #expect(!screen().contains("attach:"))
        _ = press(.ctrl("o"))
        #expect(state.composer?.attachEvidence == true)
        #expect(screen().contains("attach: EV-2F9A, EV-9F00A1"))
        #expect(state.flash?.text == "Attaching EV-2F9A, EV-9F00A1 to the reply")
        _ = press(.ctrl("o"))
        #expect(state.composer?.attachEvidence == false)
        #expect(!screen().contains("attach:"))
        #expect(state.flash?.text == "Evidence is referenced in the text only, not attached")
    }

    @Test("the send carries the ids still in the text when it is sent; without Ctrl-O it carries none")
    mutating func sendCarriesIDs() {
        openComposer(with: Self.reply)
        _ = press(.ctrl("o"))
        // The agent deletes the second reference (in $EDITOR): it is no longer attached.
        let edited = Self.reply.replacingOccurrences(of: " and the carrier scan EV-9F00A1 show", with: " shows")
        _ = state.reduce(.editedExternally(ticketID: 1, text: edited))
        #expect(state.composer?.attachEvidence == true)
        #expect(screen().contains("attach: EV-2F9A"))
        #expect(!screen().contains("EV-9F00A1"))
        let body = state.composer!.editor.text
        #expect(send() == [.send(ticketID: 1, body: body, direction: .outbound, attachEvidence: ["EV-2F9A"], seenThrough: 3)])

        var plain = AttachEvidenceTests()
        plain.openComposer(with: Self.reply)
        #expect(plain.send() == [.send(ticketID: 1, body: Self.reply, direction: .outbound, attachEvidence: [], seenThrough: 3)])
    }

    @Test("asking to attach with no reference in the text blocks the send and says what to do")
    mutating func nothingToAttach() {
        openComposer(with: "Dear Hanako,\n\nyour parcel left today.\n\nBest regards,\nLi Wei")
        _ = press(.ctrl("o"))
        #expect(screen().contains("attach: nothing yet — Ctrl-G inserts an evidence reference"))
        #expect(press(.ctrl("s")).isEmpty)
        #expect(state.prompt == nil)
        #expect(state.flash?.kind == .error)
        #expect(state.flash?.text.hasPrefix("Not sent: attaching evidence was asked for, but the reply references none") == true)
    }

    @Test("an internal note attaches nothing: Ctrl-O is refused there and the marker goes")
    mutating func notes() {
        openComposer(with: Self.reply)
        _ = press(.ctrl("o"))
        _ = press(.ctrl("n"))
        #expect(!screen().contains("attach:"))
        #expect(press(.ctrl("s")) == [.send(ticketID: 1, body: Self.reply, direction: .note, attachEvidence: [], seenThrough: 3)])
        openComposer(with: "note")
        _ = press(.ctrl("n"))
        _ = press(.ctrl("o"))
        #expect(state.flash?.text == "An internal note is not sent: nothing to attach")
    }

    @Test("help and the registry list Ctrl-O in the composer")
    func registry() {
        let composerKeys = KeyMap.standard.help(for: .composer)
        let binding = composerKeys.first { $0.command == .toggleAttachEvidence }
        #expect(binding?.keyText == "Ctrl-O")
        // No other composer or global binding uses the key.
        let others = KeyMap.standard.bindings.filter { ($0.context == .composer || $0.context == .global) && $0.command != .toggleAttachEvidence }
        #expect(!others.contains { $0.keys.contains([.ctrl("o")]) })
        #expect(KeyMap.standard.match([.ctrl("o")], in: .composer) == .command(.toggleAttachEvidence))
    }
}

/// Inserting evidence whose text says "It is attached to this message." (no public link)
/// turns attaching on; the reply checks warn when the text promises a file that is not attached.
@Suite("Composer: evidence that promises an attachment")
struct AttachmentPromiseTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 200)
    static let sha = "0b1c7e9d2f9a41c07be3d1e0aa55c4e7b1f0d9c8e7a6b5c4d3e2f1a0b9c8d7e6"

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    mutating func load(url: String?) {
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])
        thread.proof = ThreadProof(parcels: [], evidence: [
            EvidenceReference(id: "EV-0B1C", kind: .weighRecord, addedAt: ConsoleFixtures.now, sha256: Self.sha, note: nil, url: url)
        ])
        _ = state.reduce(.threadLoaded(thread))
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: "Dear Hanako,"))
    }

    @Test("Ctrl-G with evidence that has no public link: the text says attached, so attaching turns on")
    mutating func turnsOn() {
        load(url: nil)
        _ = press(.ctrl("g"))
        #expect(state.composer?.editor.text.contains("It is attached to this message.") == true)
        #expect(state.composer?.attachEvidence == true)
        #expect(state.flash?.text.hasPrefix("Its file will be attached (Ctrl-O: don't) · Inserted evidence: EV-0B1C") == true)
        #expect(ConsoleView.render(state).text.contains("attach: EV-0B1C"))
    }

    @Test("Ctrl-G with a public link: nothing is promised, nothing attached")
    mutating func linkOnly() {
        load(url: "https://proof.example.com/ev/0b1c")
        _ = press(.ctrl("g"))
        #expect(state.composer?.editor.text.contains("https://proof.example.com/ev/0b1c") == true)
        #expect(state.composer?.attachEvidence == false)
        #expect(!ConsoleView.render(state).text.contains("attach:"))
    }

    @Test("turned off again, the send warns that the reply promises a file it leaves out")
    mutating func warnsWhenOff() {
        load(url: nil)
        _ = press(.ctrl("g"))
        _ = press(.ctrl("o"))
        #expect(state.composer?.attachEvidence == false)
        #expect(press(.ctrl("s")).isEmpty)
        let finding = state.composer?.findings.first { $0.kind == .attachmentPromised }
        #expect(finding?.message == "the reply says the evidence is attached, but no file is attached")
        #expect(finding?.location.line == 3)
        #expect(state.prompt != nil)  // a warning: the agent may still send it
    }
}

/// The Ctrl-O choice is part of the draft in the store: a new console gets it back.
@Suite("Composer: the attach choice is kept with the draft")
struct AttachChoiceDraftTests {
    @Test("typed, Ctrl-O, a second later saved: a new console restores text and choice; Ctrl-O off is saved too")
    func keptWithTheDraft() throws {
        let temp = try ConsoleEngineTests.store(tickets: 2)
        let engine = ConsoleEngineTests.engine(temp)
        let id = try #require(engine.state.queue.selectedTicket?.id)
        engine.send(.key(.char("r")))
        for c in "See EV-2F9A." { engine.send(.key(.char(c))) }
        engine.send(.key(.ctrl("o")))
        engine.send(.tick(Fixture.base.addingTimeInterval(5)))
        #expect(try temp.store.draft(ticketID: id) == "See EV-2F9A.")
        #expect(try temp.store.draftAttachesEvidence(ticketID: id))

        let second = ConsoleEngineTests.engine(temp)
        second.send(.key(.char("r")))
        #expect(second.state.composer?.attachEvidence == true)
        #expect(ConsoleView.render(second.state).text.contains("attach: EV-2F9A"))
        second.send(.key(.ctrl("o")))
        second.send(.tick(Fixture.base.addingTimeInterval(10)))
        #expect(try !temp.store.draftAttachesEvidence(ticketID: id))
        #expect(try temp.store.draft(ticketID: id) == "See EV-2F9A.")
    }
}
