import Foundation
import Testing
import KefuCore

@Suite("Notices: filled per recipient, held back with reasons, refused while a field is unfilled")
struct NoticePlannerTests {
    let template = Template(
        name: "parcel-news", title: "Your parcel", stage: .afterSale, situation: "", keywords: [], fields: ["eta"],
        variants: [
            "en": "Dear {customer_name}, order {order_id} ships with {carrier}: {tracking_number} ({tracking_url}). ETA {eta}.\n{signature}",
            "de": "Hallo {customer_name}, Bestellung {order_id} kommt mit {carrier}: {tracking_number}. Ankunft {eta}.",
        ])

    func recipient(_ id: Int64, _ name: String, language: String? = "en", marketplace: Marketplace = .shopify,
                   address: String = "buyer@example.com", order: String? = "ORD-1", parcel: Bool = true,
                   optedOut: Date? = nil, byOrder: Bool = false) -> NoticeRecipient {
        NoticeRecipient(
            key: byOrder ? .order(order!) : .customer(id), customerID: id, name: name, language: language, address: address,
            marketplace: marketplace, orderID: order,
            parcel: parcel ? Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: Date(timeIntervalSince1970: 0)) : nil,
            optedOutAt: optedOut)
    }

    func plan(_ recipients: [NoticeRecipient], purpose: NoticePurpose = .order, fields: [String: String] = ["eta": "Friday"]) -> NoticePlan {
        NoticePlanner.plan(.init(template: template, recipients: recipients, campaign: "c1", purpose: purpose, rules: .standard,
                                 fields: fields, agentName: "Li Wei", storeName: "Shop", subject: "Your parcel"))
    }

    @Test("Every field is filled from the recipient's order and parcel, in their language; keys name the campaign and recipient")
    func filled() throws {
        let result = plan([recipient(1, "Anna Müller", language: "de-DE"), recipient(2, "Bo Chen", byOrder: true)])
        #expect(result.isComplete && result.heldBack.isEmpty)
        #expect(result.notices.count == 2)
        let anna = result.notices[0]
        #expect(anna.language == "de")
        #expect(anna.body == "Hallo Anna Müller, Bestellung ORD-1 kommt mit Royal Mail: RB123456785GB. Ankunft Friday.")
        #expect(anna.key == "notify:c1:C1" && anna.channel == .email)
        let bo = result.notices[1]
        #expect(bo.key == "notify:c1:ORD-1")
        #expect(bo.body.contains("https://t.17track.net/en#nums=RB123456785GB") && bo.body.hasSuffix("Li Wei\nShop"))
        #expect(result.fallbacks.isEmpty)
    }

    @Test("A language without a variant falls back to English and says so; an unknown language is counted apart")
    func fallback() {
        let result = plan([recipient(1, "Yuki", language: "ja"), recipient(2, "Kim", language: nil), recipient(3, "Ann")])
        #expect(result.notices.map(\.language) == ["en", "en", "en"])
        #expect(Set(result.fallbacks) == [LanguageFallback(wanted: "ja", used: "en", count: 1), LanguageFallback(wanted: nil, used: "en", count: 1)])
    }

    @Test("A field missing for some recipients blocks the run and names who lacks which field")
    func unfilled() throws {
        let result = plan([recipient(1, "Anna"), recipient(2, "Bo", parcel: false), recipient(3, "", order: nil, parcel: false)],
                          purpose: .marketing, fields: [:])
        #expect(!result.isComplete)
        try #require(result.unfilled.map(\.recipient) == [.customer(1), .customer(2), .customer(3)])
        #expect(result.unfilled[1].fields == ["carrier", "tracking_number", "tracking_url", "eta"])
        #expect(result.unfilled[2].fields.first == "customer_name")
        #expect(result.unfilledCounts.first! == ("eta", 3))
        // --field fills it for everyone.
        #expect(plan([recipient(1, "Anna")]).isComplete)
    }

    @Test("Held back: opted out, Amazon for marketing, mail without an address, an order notice without an order")
    func heldBack() {
        let recipients = [
            recipient(1, "Opted", optedOut: Date(timeIntervalSince1970: 100)),
            recipient(2, "Amazon buyer", marketplace: .amazon, address: "x@marketplace.amazon.de"),
            recipient(3, "No address", address: "Anna Müller"),
            recipient(4, "Fine"),
        ]
        let marketing = plan(recipients, purpose: .marketing)
        #expect(marketing.heldBack.map(\.reason) == [.optedOut(Date(timeIntervalSince1970: 100)), .marketingForbidden(.amazon), .noAddress])
        #expect(marketing.notices.map(\.customerID) == [4])
        // About their own order, Amazon may be told; the opted-out customer still is not.
        let order = plan(recipients, purpose: .order)
        #expect(order.notices.map(\.customerID) == [2, 4])
        #expect(order.notices[0].channel == .marketplace)
        #expect(plan([recipient(5, "No order", order: nil, parcel: false)]).heldBack.map(\.reason) == [.noOrder])
    }

    @Test("Untrusted names, ids and fields are filled as safe single lines")
    func sanitised() {
        let result = plan([recipient(1, "Eve\u{1B}]52;c;aGk=\u{07} \u{202E}Evil")], fields: ["eta": "Fri\u{9B}31m"])
        let body = result.notices[0].body
        #expect(!body.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{9B}" })
        #expect(TerminalSanitizer.isSafe(body))
        #expect(TerminalSanitizer.isSafe(result.notices[0].customerName))
    }

    @Test("Campaign ids: derived ones are stable for the same selection and differ for another; --name is checked")
    func campaigns() {
        let a = NoticeCampaign.derived(template: "parcel-in-transit", selection: .segment("at risk"))
        #expect(a == "parcel-in-transit.segment-at-risk")
        #expect(NoticeCampaign.derived(template: "t", selection: .orders(["1", "2"])) == NoticeCampaign.derived(template: "t", selection: .orders(["1", "2"])))
        #expect(NoticeCampaign.derived(template: "t", selection: .orders(["1", "2"])) != NoticeCampaign.derived(template: "t", selection: .orders(["1", "3"])))
        #expect(NoticeCampaign.derived(template: "t", selection: .filter("Lamp")) != NoticeCampaign.derived(template: "t", selection: .filter("lamp!")))
        #expect(NoticeCampaign.validated("spring-2026_v1.2") != nil)
        #expect(NoticeCampaign.validated("two words") == nil && NoticeCampaign.validated("") == nil && NoticeCampaign.validated("a:b") == nil)
    }

    @Test("Pace: notices of a channel are spaced by its rate after the last one waiting, never before now")
    func pace() {
        let pace = NoticeRules.standard.pace
        #expect(pace.interval(for: .email) == 0.1)
        #expect(pace.interval(for: .marketplace) == 1)
        #expect(pace.next(after: nil, channel: .email, now: 1000) == 1000)
        #expect(pace.next(after: 2000, channel: .marketplace, now: 1000) == 2001)
        #expect(pace.next(after: 10, channel: .marketplace, now: 1000) == 1000)
    }
}
