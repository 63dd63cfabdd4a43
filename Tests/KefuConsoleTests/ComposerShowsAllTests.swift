import Foundation
import Testing
import KefuCore
import KefuResources
@testable import KefuConsole

/// Issue 18, item 3: the composer shows everything that will be sent — it scrolls with the
/// cursor and counts what is hidden, blocks go in at the cursor once, a template replaces the
/// reply's greeting and signature instead of stacking on them, findings name lines in a margin
/// and are readable in full — and the composer's small defects.
@Suite("Composer: shows all that is sent; inserts at the cursor, once")
struct ComposerShowsAllTests {
    static let shipped = try! TemplateLibrary.load(from: [KefuResources.templatesFolder]).templates

    var state: AppState = {
        var state = ConsoleFixtures.state(rows: 24, cols: 80)
        state.templates = ComposerShowsAllTests.shipped + ConsoleFixtures.templates.filter { $0.name == "greeting" }
        return state
    }()

    mutating func press(_ keys: Key...) -> [Effect] { keys.flatMap { state.reduce(.key($0)) } }
    mutating func type(_ text: String) -> [Effect] { text.flatMap { state.reduce(.key(.char($0))) } }
    func screen() -> String { ConsoleView.render(state).text }

    mutating func openComposer(with text: String = "") {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: text))
    }

    /// The thread with resolved parcel links and, optionally, evidence.
    mutating func loadProof(evidence: [EvidenceReference] = []) {
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])
        thread.proof = ThreadProof(
            parcels: [ParcelLink(number: "RR123456785JP", carrier: "Japan Post", url: "https://jp.example/RR123456785JP")],
            evidence: evidence)
        _ = state.reduce(.threadLoaded(thread))
    }

    static let longReply = (1...30).map { "Line \($0) of the reply." }.joined(separator: "\n")

    @Test("A long reply scrolls with the cursor and says how many lines are above and below")
    mutating func scrollMarks() {
        openComposer(with: Self.longReply)
        var text = screen()
        #expect(text.contains("Line 30 of the reply."))
        #expect(!text.contains("Line 1 of the reply."))
        #expect(text.contains("↑ ") && text.contains("more lines"))
        #expect(!text.contains("↓ "))
        let above = state.composer!.scrollTop
        #expect(text.contains("↑ \(above) more lines"))
        for _ in 0..<29 { _ = press(.up) }
        text = screen()
        #expect(text.contains("Line 1 of the reply."))
        #expect(!text.contains("↑ "))
        #expect(text.contains("↓ ") && text.contains("more lines"))
        // Moving down one line does not make the text jump: the window stays until the cursor leaves it.
        _ = press(.down)
        #expect(state.composer!.scrollTop == 0)
        #expect(screen().contains("Line 1 of the reply."))
    }

    @Test("T before a template: the template's greeting goes on top, its signature once, the tracking block between")
    mutating func templateAfterTrackingBlock() throws {
        loadProof()
        _ = press(.char("T"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: nil))
        #expect(state.composer?.editor.text.contains("RR123456785JP") == true)
        _ = press(.ctrl("t"))
        _ = type("parcel on its way")
        _ = press(.enter)
        let text = try #require(state.composer?.editor.text)
        #expect(text.hasPrefix("佐藤 花子様"), "\(text)")
        #expect(text.components(separatedBy: "Li Wei").count == 2, "one signature in:\n\(text)")
        #expect(text.components(separatedBy: "様\n").count == 2, "one greeting in:\n\(text)")
        let block = try #require(text.range(of: "RR123456785JP (Japan Post)"))
        let signature = try #require(text.range(of: "Li Wei", options: .backwards))
        #expect(block.lowerBound < signature.lowerBound)
    }

    @Test("A second template replaces the first one's text instead of stacking on it")
    mutating func secondTemplateReplaces() throws {
        openComposer()
        _ = press(.ctrl("t")); _ = type("parcel on its way"); _ = press(.enter)
        let first = try #require(state.composer?.editor.text)
        _ = press(.ctrl("t")); _ = type("closing confirmation"); _ = press(.enter)
        let second = try #require(state.composer?.editor.text)
        #expect(second != first)
        #expect(second.components(separatedBy: "Li Wei").count == 2, "\(second)")
        #expect(second.components(separatedBy: "佐藤 花子様").count == 2, "\(second)")
        // The first template's body is gone (it was unchanged), the second's is there.
        #expect(!second.contains("RR123456785JP"), "\(second)")
    }

    @Test("Tracking after a template goes above the signature; the same block again asks first")
    mutating func blockAtCursorOnce() throws {
        loadProof()
        openComposer()
        _ = press(.ctrl("t")); _ = type("closing confirmation"); _ = press(.enter)
        _ = press(.ctrl("k"))
        var text = try #require(state.composer?.editor.text)
        let block = try #require(text.range(of: "RR123456785JP (Japan Post)"))
        let signature = try #require(text.range(of: "Li Wei", options: .backwards))
        #expect(block.lowerBound < signature.lowerBound, "\(text)")
        // Again: a question, and n leaves one block.
        _ = press(.ctrl("k"))
        #expect(screen().contains("This text is already in the reply. Insert it again? y/n"))
        _ = press(.char("n"))
        text = try #require(state.composer?.editor.text)
        #expect(text.components(separatedBy: "RR123456785JP (Japan Post)").count == 2)
        _ = press(.ctrl("k"), .char("y"))
        #expect(state.composer!.editor.text.components(separatedBy: "RR123456785JP (Japan Post)").count == 3)
        // Even with the cursor in the signature, a block goes above it.
        _ = press(.ctrl("k"), .char("y"))
        let last = state.composer!.editor.text
        #expect(last.range(of: "RR123456785JP", options: .backwards)!.lowerBound < last.range(of: "Li Wei", options: .backwards)!.lowerBound)
    }

    @Test("A greeting to another customer blocks; y puts the customer's name in its place")
    mutating func wrongName() {
        openComposer(with: "田中 太郎様\n\nご連絡ありがとうございます。\n\nLi Wei")
        #expect(press(.ctrl("s")).isEmpty)
        #expect(screen().contains("Not sent, wrong name — y: greet 佐藤 花子 instead of “田中 太郎”, n: leave it"))
        _ = press(.char("y"))
        #expect(state.composer?.editor.text.hasPrefix("佐藤 花子様\n") == true)
        #expect(state.flash?.text.contains("Greeting now addressed to 佐藤 花子") == true)
    }

    @Test("Findings name lines in the margin and wrap in full; Ctrl-R lists them all")
    mutating func findingsInFull() {
        state = { var s = state; _ = s.reduce(.resized(rows: 40, cols: 120)); return s }()
        openComposer(with: "Hello,\n\nyou get {discount_percent}% off.\n\nLi Wei")
        _ = press(.ctrl("s"))
        let rendered = ConsoleView.render(state)
        let text = rendered.text
        // The margin numbers the text lines; the finding's fix is on screen to its last word.
        #expect(text.contains(" 3 you get {discount_percent}% off."))
        let rect = state.layout.composer
        let composerText = (rect.top..<rect.bottom).map { row in
            (rect.left..<rect.right).map { rendered[row, $0] }.filter { $0.width > 0 }.map(\.text).joined()
        }.joined(separator: " ")
        let flat = composerText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("✖ line 3, col 9: placeholder {discount_percent} is not filled — replace {discount_percent} with the right text, or delete it"), "\(flat)")
        // At 120 columns the composer has the thread's width while it has focus: three findings
        // in full, the rest counted.
        #expect(flat.contains("⚠ line 1, col 1: the reply does not thank the customer"), "\(flat)")
        #expect(flat.contains("… 2 more findings: Ctrl-R"), "\(flat)")
        _ = press(.ctrl("r"))
        #expect(state.overlay == .findings)
        let overlay = screen()
        #expect(overlay.contains("Reply checks (Esc closes)"))
        #expect(overlay.contains("✖ blocks sending · line 3, col 9"))
        #expect(overlay.contains("fix: replace {discount_percent} with the right text, or delete it"))
        _ = press(.escape)
        #expect(state.overlay == .none)
        #expect(state.keyContext == .composer)
    }

    @Test("The composer's help lists only keys that work there: no ?, : or q, which type text")
    mutating func composerHelp() {
        openComposer()
        let help = state.keyMap.help(for: .composer)
        for binding in help {
            for keys in binding.keys { if case .char = keys.first { Issue.record("\(binding.command) listed with \(binding.keyText)") } }
        }
        #expect(help.contains { $0.command == .help && $0.keyText == "F1" })
        #expect(!help.contains { $0.command == .quit })
        #expect(!help.contains { $0.command == .palette })
        _ = press(.char("?"), .char("q"), .char(":"))
        #expect(state.composer?.editor.text == "?q:")
        #expect(!state.quitting)
    }

    @Test("q in the tracking picker closes it; Kefu keeps running")
    mutating func qClosesProofPicker() {
        var thread = ConsoleFixtures.thread(for: ConsoleFixtures.tickets[0])
        thread.proof = ThreadProof(parcels: [
            ParcelLink(number: "RR123456785JP", carrier: "Japan Post", url: "https://jp.example/1"),
            ParcelLink(number: "YT1234567890123456", carrier: "YunExpress", url: "https://yt.example/2"),
        ])
        _ = state.reduce(.threadLoaded(thread))
        _ = press(.char("T"))
        #expect(state.overlay == .proofPicker)
        let effects = press(.char("q"))
        #expect(!effects.contains(.quit))
        #expect(!state.quitting)
        #expect(state.overlay == .none)
    }

    @Test("A new composer says “new reply”, not “draft saved”, until a draft is saved")
    mutating func draftSavedOnlyWhenSaved() {
        openComposer()
        #expect(screen().contains("new reply"))
        #expect(!screen().contains("draft saved"))
        _ = type("Hi")
        #expect(screen().contains("editing"))
        _ = state.reduce(.tick(ConsoleFixtures.now.addingTimeInterval(5)))
        #expect(screen().contains("draft saved"))
    }

    @Test("Ctrl-X fills the dispute reply from the order's EV- records; several: the picker asks which")
    mutating func disputeFromEvidence() throws {
        let sha = "2f9a41c07be3d1e0aa55c4e7b1f0d9c8e7a6b5c4d3e2f1a0b9c8d7e60b1c7e9d"
        let weigh = EvidenceReference(id: "EV-2F9A", kind: .weighRecord, addedAt: ConsoleFixtures.now, sha256: sha, note: "2.4 kg, matches 3 items", url: nil)
        let scan = EvidenceReference(id: "EV-9F00", kind: .carrierScan, addedAt: ConsoleFixtures.now, sha256: sha, note: nil, url: "https://proof.example/9f00")
        loadProof(evidence: [weigh])
        openComposer()
        _ = press(.ctrl("x"))
        #expect(state.prompt == nil, "no free-text question when the order has evidence")
        var text = try #require(state.composer?.editor.text)
        #expect(text.contains("EV-2F9A"))
        #expect(text.contains("2.4 kg, matches 3 items"))
        #expect(state.composer?.attachEvidence == true)
        #expect(!text.contains("{evidence"))

        loadProof(evidence: [weigh, scan])
        state.composer?.editor.replaceAll(with: "")
        state.composer?.templateBody = nil
        _ = press(.ctrl("x"))
        #expect(state.overlay == .proofPicker)
        #expect(screen().contains("Dispute reply: which evidence"))
        #expect(state.proof.picker?.choices.map(\.evidenceIDs) == [["EV-2F9A", "EV-9F00"], ["EV-2F9A"], ["EV-9F00"]])
        _ = press(.down, .down, .enter)
        text = try #require(state.composer?.editor.text)
        #expect(text.contains("EV-9F00") && text.contains("https://proof.example/9f00"))
        #expect(!text.contains("EV-2F9A"))
    }
}
