import Foundation
import Testing
import KefuCore
import KefuResources
@testable import KefuConsole

/// The composer's reply checks, template fields, internal notes, the dispute scaffold, saving a
/// template and the external editor — through `reduce`, with the shipped templates.
@Suite("Composer: checks before sending, template fields, notes, dispute scaffold")
struct ComposerFeaturesTests {
    static let shipped = try! TemplateLibrary.load(from: [KefuResources.templatesFolder]).templates

    var state: AppState = {
        var state = ConsoleFixtures.state(rows: 40, cols: 200)
        state.templates = ComposerFeaturesTests.shipped
        return state
    }()

    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { state.reduce(.key($0)) }
    }

    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { state.reduce(.key(.char($0))) }
    }

    mutating func openComposer(with text: String = "") {
        _ = press(.char("r"))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: text))
    }

    func screen() -> String { ConsoleView.render(state).text }

    @Test("An unfilled placeholder blocks the send: the status bar says what, where and how to fix it")
    mutating func blocking() {
        openComposer(with: "Dear 佐藤 花子,\nyou get {discount_percent}% off. Thank you!\nLi Wei")
        #expect(press(.ctrl("s")).isEmpty)
        #expect(state.prompt == nil)
        #expect(state.flash?.kind == .error)
        #expect(state.flash?.text.contains("placeholder {discount_percent} is not filled (line 2, col 9)") == true)
        #expect(screen().contains("✖ line 2, col 9: placeholder {discount_percent} is not filled"))
        // Typing clears the old findings.
        _ = type("x")
        #expect(state.composer?.findings.isEmpty == true)
    }

    @Test("A leftover marker and an unsafe link also block")
    mutating func otherBlocks() {
        openComposer(with: "Dear Hanako,\nthank you! Track it at http://paypa1-secure.example.tk/login\n(Your name)")
        _ = press(.ctrl("s"))
        let kinds = Set(state.composer?.findings.filter(\.isBlocking).map(\.kind) ?? [])
        #expect(kinds.contains(.leftoverMarker))
        #expect(kinds.contains(.unsafeLink))
    }

    @Test("Warnings ask once more: n keeps the reply, y sends it")
    mutating func warnings() {
        openComposer(with: "THE PARCEL IS AT CUSTOMS AND WILL ARRIVE SOON")
        #expect(press(.ctrl("s")).isEmpty)
        #expect(screen().contains("Send anyway? y/n"))
        #expect(screen().contains("⚠ line 1, col 1"))
        _ = press(.char("n"))
        #expect(state.composer != nil)
        #expect(state.prompt == nil)
        _ = press(.ctrl("s"))
        #expect(press(.char("y")) == [.send(ticketID: 1, body: "THE PARCEL IS AT CUSTOMS AND WILL ARRIVE SOON", direction: .outbound, seenThrough: 3)])
    }

    @Test("A complaint answered with one solution warns; two solutions pass that check")
    mutating func solutions() {
        // The fixture's customer writes that tracking has not moved; make it a complaint.
        state.thread!.messages[2].body = "The item arrived broken!"
        openComposer(with: "Dear Hanako,\nthank you for your message. We will send a refund.\nLi Wei")
        _ = press(.ctrl("s"))
        #expect(state.composer?.findings.map(\.kind).contains(.tooFewSolutions) == true)
        _ = press(.char("n"))
        _ = state.reduce(.paste(" Or we reship the item, as you prefer."))
        _ = press(.ctrl("s"))
        #expect(state.composer?.findings.map(\.kind).contains(.tooFewSolutions) == false)
    }

    @Test("A template's own fields are asked in order; the values land in the reply; the use is counted")
    mutating func fields() {
        openComposer()
        _ = press(.ctrl("t"))
        _ = type("bulk discount")
        #expect(state.picker?.selectedTemplate?.name == "bulk-discount-instead-of-haggle")
        _ = press(.enter)
        #expect(screen().contains("min_quantity (1/2):"))
        _ = type("10")
        _ = press(.enter)
        #expect(screen().contains("discount_percent (2/2):"))
        _ = type("5")
        let effects = press(.enter)
        #expect(effects == [.recordTemplateUse("bulk-discount-instead-of-haggle")])
        let text = state.composer?.editor.text ?? ""
        // The ticket's language is Japanese: the Japanese variant.
        #expect(text.contains("10点以上ご注文いただくと、ご注文全体が5%割引となります。"))
        #expect(text.contains("Li Wei"))
        #expect(TemplateRenderer.occurrences(in: text).isEmpty)
        #expect(state.composer?.template?.name == "bulk-discount-instead-of-haggle")
        #expect(state.templateUsage["bulk-discount-instead-of-haggle"] == 1)
    }

    @Test("An empty answer leaves the placeholder (and the send is blocked); Esc keeps the template, fields open")
    mutating func fieldsSkippedOrCancelled() {
        openComposer()
        _ = press(.ctrl("t"))
        _ = type("bulk discount")
        _ = press(.enter)
        _ = type("10")
        _ = press(.enter, .escape)
        // The answer given is in; the field not given yet stays open for the checks to name.
        let kept = state.composer?.editor.text ?? ""
        #expect(kept.contains("10点以上"))
        #expect(kept.contains("{discount_percent}"))
        #expect(state.flash?.text == "Inserted “Price haggle: offer a bulk discount instead” with {discount_percent} to fill")
        state.composer?.editor.replaceAll(with: "")
        _ = press(.ctrl("t"))
        _ = type("bulk discount")
        _ = press(.enter, .enter)
        _ = type("5")
        _ = press(.enter)
        #expect(state.composer?.editor.text.contains("{min_quantity}") == true)
        _ = press(.ctrl("s"))
        #expect(state.flash?.text.contains("type the value for the template field 'min_quantity'") == true)
    }

    @Test("The most used templates rise: first of their stage in the full list, ahead in a search")
    mutating func usage() {
        openComposer()
        _ = press(.ctrl("t"))
        let inSale = { (state: AppState) in state.picker?.results.filter { $0.stage == .inSale }.map(\.name) ?? [] }
        let before = inSale(state)
        #expect(before.first != "payment-reminder")
        _ = press(.escape)
        state.templateUsage = ["payment-reminder": 40]
        _ = press(.ctrl("t"))
        #expect(inSale(state).first == "payment-reminder")
        _ = press(.escape)
        state.templateUsage = [:]
        _ = press(.ctrl("t"))
        _ = type("order")
        let plain = state.picker?.results.map(\.name) ?? []
        let last = plain.last ?? ""
        _ = press(.escape)
        state.templateUsage = [last: 50]
        _ = press(.ctrl("t"))
        _ = type("order")
        let ranked = state.picker?.results.map(\.name) ?? []
        #expect(ranked.firstIndex(of: last)! < plain.firstIndex(of: last)!, "\(plain) -> \(ranked)")
    }

    @Test("Ctrl-N makes an internal note: said on screen, saved without the customer checks")
    mutating func note() {
        openComposer(with: "customer called, wants it before Friday")
        _ = press(.ctrl("n"))
        #expect(screen().contains("INTERNAL NOTE"))
        #expect(press(.ctrl("s")) == [.send(ticketID: 1, body: "customer called, wants it before Friday", direction: .note, seenThrough: 3)])
        _ = press(.ctrl("n"))
        #expect(screen().contains("Reply to 佐藤 花子"))
    }

    @Test("Ctrl-X inserts the dispute structure in the customer's language with the ticket's facts")
    mutating func dispute() {
        openComposer()
        _ = press(.ctrl("x"))
        #expect(screen().contains("evidence (1/2):"))
        _ = type("a photo of the parcel on our scale, 1.24 kg (EV-2F9A)")
        _ = press(.enter)
        _ = type("the parcel left complete and at the right weight")
        _ = press(.enter)
        let text = state.composer?.editor.text ?? ""
        // Japanese, evidence → where to check it → what it means → two solutions → closing.
        let order = ["確認できたこと：a photo of the parcel on our scale", "確認できる場所：Japan Post の荷物 RR123456785JP",
                     "その意味：the parcel left complete", "1. 当店の負担で商品を再送", "2. 全額を返金", "よろしくお願いいたします。"]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count, "missing parts in:\n\(text)")
        #expect(positions == positions.sorted())
        #expect(text.contains("ご注文 114-0000001-1234567"))
    }

    @Test("Ctrl-P saves the reply as a personal template named by the agent")
    mutating func saveTemplate() {
        openComposer(with: "Dear {customer_name},\nthank you!")
        _ = press(.ctrl("p"))
        #expect(screen().contains("Save as template named:"))
        _ = type("Quick thanks")
        let effects = press(.enter)
        guard case .saveTemplate(let template)? = effects.first else {
            Issue.record("expected a save, got \(effects)")
            return
        }
        // Named once, as typed (no "my-" prefix to double when the agent types "my …").
        #expect(template.name == "quick-thanks")
        #expect(template.title == "Quick thanks")
        // English text on a Japanese ticket is an English template.
        #expect(template.variants == ["en": "Dear {customer_name},\nthank you!"])
        let file = try? TemplateWriter.format(template)
        #expect(file.flatMap { try? TemplateFile.parse($0, file: "x.tmpl") } == template)
        _ = state.reduce(.templateSaved(template, location: "~/.config/kefu/templates/quick-thanks.tmpl"))
        #expect(state.templates.contains { $0.name == "quick-thanks" })
    }

    @Test("Ctrl-P saves the reply generic: this customer's name, order, tracking, agent and store become fields")
    mutating func saveTemplateGeneric() throws {
        openComposer(with: """
            佐藤 花子様

            ご注文114-0000001-1234567の荷物はRR123456785JPで配送中です。追跡はこちら：https://t.17track.net/en#nums=RR123456785JP

            ありがとうございます。
            Sunrise Home & Garden
            Li Wei
            """)
        _ = press(.ctrl("p"))
        _ = type("my parcel update")
        guard case .saveTemplate(let template)? = press(.enter).first else {
            Issue.record("expected a save")
            return
        }
        #expect(template.name == "my-parcel-update")
        let body = try #require(template.variants["ja"])
        #expect(body.hasPrefix("{customer_name}様"))
        #expect(body.contains("ご注文{order_id}の荷物は{tracking_number}で配送中です。追跡はこちら：{tracking_url}"))
        #expect(body.hasSuffix("{store_name}\n{agent_name}"))
        #expect(!body.contains("佐藤") && !body.contains("RR123456785JP") && !body.contains("Li Wei"))
        // For the next customer the template greets them, not 佐藤 花子.
        var next = TemplateContext.make(ticket: ConsoleFixtures.tickets[2], order: nil, agentName: "Li Wei", storeName: "Shop")
        next["tracking_number"] = "X"
        #expect(template.rendered(for: "ja", with: next).text.hasPrefix("Zoé Lefèvre様"))
    }

    @Test("Ctrl-E asks for the external editor; its text replaces the draft; a failed editor changes nothing")
    mutating func externalEditor() {
        openComposer(with: "Draft")
        #expect(press(.ctrl("e")) == [.editExternally(ticketID: 1, text: "Draft")])
        _ = state.reduce(.editedExternally(ticketID: 1, text: "Draft\nwritten in vim"))
        #expect(state.composer?.editor.text == "Draft\nwritten in vim")
        #expect(state.composer?.unsavedSince != nil)
        _ = state.reduce(.editedExternally(ticketID: 1, text: nil))
        #expect(state.composer?.editor.text == "Draft\nwritten in vim")
        #expect(state.flash?.kind == .error)
    }
}
