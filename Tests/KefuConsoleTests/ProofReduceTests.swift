import Foundation
import Testing
import KefuCore
@testable import KefuConsole

/// `T` / `E` / Ctrl-K / Ctrl-G and the proof picker, as state changes.
@Suite("reduce: tracking and evidence into the reply")
struct ProofReduceTests {
    var state = ConsoleFixtures.state(rows: 40, cols: 120)
    static let sha = "0b1c7e9d2f9a41c07be3d1e0aa55c4e7b1f0d9c8e7a6b5c4d3e2f1a0b9c8d7e6"

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    static let references = [
        EvidenceReference(id: "EV-0B1C", kind: .photo, addedAt: ConsoleFixtures.now, sha256: sha, note: "box \u{1B}[31mintact", url: nil),
        EvidenceReference(id: "EV-0B1C7", kind: .carrierScan, addedAt: ConsoleFixtures.now, sha256: sha, note: nil, url: "https://p.example/x"),
    ]

    /// The fixture thread (ticket 1, Japanese, two parcels) with resolved links and evidence.
    mutating func loadProof(evidence: [EvidenceReference] = references) {
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])
        thread.proof = ThreadProof(
            parcels: [
                ParcelLink(number: "RR123456785JP", carrier: "Japan Post", url: "https://jp.example/RR123456785JP"),
                ParcelLink(number: "YT1234567890123456", carrier: "YunExpress", url: "https://yt.example/YT1234567890123456"),
            ],
            evidence: evidence)
        _ = state.reduce(.threadLoaded(thread))
    }

    @Test("T with two parcels opens the picker: all first, then each; Enter opens the composer with the lines")
    mutating func trackingPicker() {
        loadProof()
        #expect(press(.char("T")).isEmpty)
        #expect(state.overlay == .proofPicker)
        #expect(state.keyContext == .proofPicker)
        #expect(state.proof.picker?.choices.map(\.title) == ["All 2 parcels", "RR123456785JP · Japan Post", "YT1234567890123456 · YunExpress"])
        _ = press(.down, .down, .down)  // stops at the last
        #expect(state.proof.picker?.selected == 2)
        _ = press(.up)
        let effects = press(.enter)
        #expect(effects == [.loadDraft(ticketID: 1, customerName: "佐藤 花子")])
        #expect(state.overlay == .none)
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: "Dear customer,"))
        // Japanese has no labels: the compact line. It starts on a line of its own.
        #expect(state.composer?.editor.text == "Dear customer,\nRR123456785JP (Japan Post): https://jp.example/RR123456785JP\n")
        #expect(state.flash?.text == "Inserted tracking: RR123456785JP · Japan Post")
    }

    @Test("Esc closes the picker and inserts nothing")
    mutating func cancel() {
        loadProof()
        _ = press(.char("T"), .escape)
        #expect(state.overlay == .none)
        #expect(state.proof.picker == nil)
        #expect(state.composer == nil)
    }

    @Test("Ctrl-G in the composer with one piece of evidence inserts it at once, at the cursor")
    mutating func evidenceInComposer() {
        loadProof(evidence: [Self.references[1]])
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: "Hello\nBye"))
        _ = press(.up, .end)  // the end of "Hello"
        _ = press(.ctrl("g"))
        let text = state.composer?.editor.text ?? ""
        let reference = Self.references[1].text(languageCode: "ja", timeZone: TimeZone(identifier: "UTC")!)
        #expect(text.hasPrefix("Hello"))
        #expect(text == "Hello\n" + reference + "\n\nBye")
        #expect(text.hasSuffix("Bye"))
        #expect(reference.contains("Where to check it: https://p.example/x"))  // English fallback for ja
        #expect(state.overlay == .none)
        #expect(state.composer?.unsavedSince != nil)  // saved as a draft a second later
    }

    @Test("E with two: the picker lists id, kind, date, short hash and the sanitised note")
    mutating func evidencePicker() {
        loadProof()
        _ = press(.char("E"))
        let titles = state.proof.picker?.choices.map(\.title) ?? []
        #expect(titles.first == "All 2 pieces of evidence")
        #expect(titles.dropFirst().first?.hasPrefix("EV-0B1C · photo · 2026-11-18 · 0b1c7e9d2f9a · box ") == true)
        #expect(!titles.joined().contains("\u{1B}"))
        _ = press(.enter)
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: nil))
        #expect(EvidenceReference.ids(in: state.composer?.editor.text ?? "") == ["EV-0B1C", "EV-0B1C7"])
    }

    @Test("Nothing to insert says so instead of opening anything")
    mutating func nothing() {
        loadProof(evidence: [])
        _ = press(.char("E"))
        #expect(state.flash?.kind == .error)
        #expect(state.flash?.text.hasPrefix("No evidence for order 114-0000001-1234567") == true)
        #expect(state.composer == nil && state.overlay == .none)
    }

    @Test("From the queue, a ticket whose thread is not loaded yet: load it, then carry on")
    mutating func waitsForTheThread() {
        state = ConsoleFixtures.state(rows: 24, cols: 70)  // one pane: the thread does not follow
        state.thread = nil
        _ = press(.char("j"))
        #expect(press(.char("T")) == [.loadThread(2)])
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[1])
        thread.proof = ThreadProof(parcels: [ParcelLink(number: "RB123456785GB", carrier: "Royal Mail", url: "https://rm.example/RB123456785GB")])
        let effects = state.reduce(.threadLoaded(thread))
        #expect(effects == [.loadDraft(ticketID: 2, customerName: "Анна Смирнова")])
        _ = state.reduce(.draftLoaded(ticketID: 2, customerName: "Анна Смирнова", text: nil))
        // Russian has no labels here: the compact form.
        #expect(state.composer?.editor.text == "RB123456785GB (Royal Mail): https://rm.example/RB123456785GB\n")
    }

    @Test("Without resolved links, parcels link the profile's universal tracker")
    mutating func universalFallback() {
        _ = press(.char("T"), .enter)
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: nil))
        #expect(state.composer?.editor.text.contains("RR123456785JP (Japan Post): https://t.17track.net/en#nums=RR123456785JP") == true)
    }
}
