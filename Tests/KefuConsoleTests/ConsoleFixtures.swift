import Foundation
import KefuConsole
import KefuCore

/// Console states built by hand: a fixed clock, fixed time zone, tickets with CJK, Cyrillic,
/// diacritics, emoji, right-to-left text and a hostile escape sequence.
enum ConsoleFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func ticket(_ id: Int64, _ name: String, dueIn minutes: Double?, marketplace: Marketplace = .amazon,
                       subject: String, lastFrom: Speaker = .customer, language: String? = "en") -> Ticket {
        Ticket(
            id: id, conversation: "c\(id)", channel: .marketplace, marketplace: marketplace, customerName: name,
            customerAddress: "buyer\(id)@example.com", subject: subject, snippet: subject, status: .open, lastFrom: lastFrom,
            lastMessageAt: now.addingTimeInterval(-3600), due: minutes.map { now.addingTimeInterval($0 * 60) },
            dueTarget: 86_400, language: language, orderID: "114-000000\(id)-1234567", messageCount: 2, version: 1)
    }

    static let tickets: [Ticket] = [
        ticket(1, "佐藤 花子", dueIn: -65, marketplace: .amazon, subject: "荷物はどこですか？", language: "ja"),
        ticket(2, "Анна Смирнова", dueIn: -4, marketplace: .ebay, subject: "Где моя посылка?", language: "ru"),
        ticket(3, "Zoé Lefèvre", dueIn: 12, marketplace: .shopify, subject: "Où est mon colis ? 📦", language: "fr"),
        ticket(4, "王小明 🙂", dueIn: 150, marketplace: .aliexpress, subject: "Wrong item received"),
        ticket(5, "محمد علي", dueIn: 600, marketplace: .amazon, subject: "أين طلبي؟", language: "ar"),
        ticket(6, "Evil\u{1B}]0;pwned\u{07} Buyer", dueIn: 1300, marketplace: .walmart, subject: "Click \u{1B}[31mhere\u{9B}2J"),
    ]

    static let profile = AgentProfile(name: "Li Wei", storeName: "Sunrise Home & Garden")

    static func state(rows: Int, cols: Int) -> AppState {
        var state = AppState(rows: rows, cols: cols, now: now, profile: profile, templates: templates)
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = state.reduce(.queueLoaded(QueueWindow(rows: tickets, windowStart: 0, total: tickets.count, selected: 0)))
        _ = state.reduce(.threadLoaded(thread(for: tickets[0])))
        _ = state.reduce(.totalsLoaded(QueueTotals(open: 9, needsReply: 6, dueWithinHour: 1, overdue: 2)))
        return state
    }

    /// The queue as the triage order lists it: the savable band (a chat due in 4 minutes, the
    /// team's clock, Amazon's), a band line, then the late band longest late first; a draft, an
    /// owner, a batch mark, CJK and emoji names.
    static func triageState(rows: Int, cols: Int) -> AppState {
        var chat = ticket(7, "Lucía Fernández 🌻", dueIn: 4, marketplace: .shopify, subject: "¿Puedo cambiar la talla antes del envío?", language: "es")
        chat.channel = .chat
        chat.duePolicy = "live-chat"
        var team = ticket(4, "王小明 🙂", dueIn: 150, marketplace: .aliexpress, subject: "Wrong item received")
        team.duePolicy = "team-first-answer"
        team.assignee = "Li Wei"
        var zoe = tickets[2]
        zoe.duePolicy = "own-store-email"
        zoe.hasDraft = true
        var amazon = ticket(5, "Амелия Кузнецова-Долгорукова", dueIn: 1380, marketplace: .amazon, subject: "Der Deckel des Topfes war beim Auspacken schon gesprungen")
        amazon.duePolicy = "amazon-messages"
        var sato = tickets[0]
        sato.duePolicy = "amazon-messages"
        sato.assignee = "Zhang Min"
        var anna = tickets[1]
        anna.duePolicy = "ebay-messages"
        anna.dueTarget = 3600
        let rows_ = [chat, zoe, team, amazon, sato, anna]
        var state = AppState(rows: rows, cols: cols, now: now, profile: profile, templates: templates)
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = state.reduce(.queueLoaded(QueueWindow(rows: rows_, windowStart: 0, total: rows_.count, selected: 0,
                                                  bands: QueueBands(savable: 4, late: 2))))
        _ = state.reduce(.threadLoaded(thread(for: chat)))
        _ = state.reduce(.totalsLoaded(QueueTotals(open: 1_204, needsReply: 987, dueWithinHour: 13, overdue: 25)))
        state.marked = [5]
        return state
    }

    static func thread(for ticket: Ticket) -> ThreadState {
        let order = Order(
            id: ticket.orderID!, marketplace: ticket.marketplace, customerName: ticket.customerName, placedAt: now.addingTimeInterval(-10 * 86_400),
            total: Decimal(string: "39.90")!, currency: "EUR",
            items: [OrderItem(sku: "LMP-CER-01", title: "Ceramic table lamp", quantity: 1)],
            parcels: [
                Parcel(trackingNumber: "RR123456785JP", carrier: "Japan Post", shippedAt: now.addingTimeInterval(-5 * 86_400), replaces: "YT1234567890123456"),
                Parcel(trackingNumber: "YT1234567890123456", carrier: "YunExpress", shippedAt: now.addingTimeInterval(-8 * 86_400)),
            ])
        let messages = [
            Message(id: 1, ticketID: ticket.id, externalID: "a", direction: .inbound, author: "\(ticket.customerName) <x@example.jp>",
                    recipient: "shop", at: now.addingTimeInterval(-7200), subject: ticket.subject,
                    body: "2週間前に注文しましたが、追跡情報が6日間更新されていません。\u{1B}]52;c;cGF5bG9hZA==\u{07}", language: "ja"),
            Message(id: 2, ticketID: ticket.id, externalID: "b", direction: .note, author: "Li Wei", recipient: "",
                    at: now.addingTimeInterval(-5400), subject: "", body: "Checked: parcel at customs in Osaka.", language: nil),
            Message(id: 3, ticketID: ticket.id, externalID: "c", direction: .inbound, author: ticket.customerName,
                    recipient: "shop", at: now.addingTimeInterval(-3600), subject: "", body: "まだですか？🙏", language: "ja"),
        ]
        return ThreadState(ticket: ticket, messages: messages, order: order)
    }

    static let templates: [Template] = [
        Template(name: "parcel-in-transit", title: "Parcel on its way, with tracking", stage: .afterSale,
                 situation: "Logistics problem", keywords: ["tracking", "where"], fields: [],
                 variants: ["en": "Dear {customer_name},\nYour order {order_id} travels as {tracking_number} ({carrier}).\n{agent_name}",
                            "ja": "{customer_name} 様\nご注文 {order_id} は {tracking_number}（{carrier}）で配送中です。\n{agent_name}"]),
        Template(name: "greeting", title: "Greeting a visitor", stage: .preSale, situation: "Pre-sale greeting",
                 keywords: ["hello"], fields: [], variants: ["en": "Hello {customer_name}, thank you for visiting {store_name}!"]),
        Template(name: "payment-reminder", title: "Payment reminder", stage: .inSale, situation: "Unpaid order",
                 keywords: ["pay", "unpaid"], fields: [], variants: ["en": "Dear {customer_name}, your order is waiting for payment."]),
    ]
}
