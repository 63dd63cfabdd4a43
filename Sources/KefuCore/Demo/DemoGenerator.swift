import Foundation

/// Builds realistic demo conversations: Amazon, eBay, AliExpress, Shopify email and live chat, in
/// six languages, with orders, items and tracking numbers, and deadlines spread so that some are
/// overdue, some due within the hour and most later. Deterministic for a seed and a `now`.
///
/// Large stores are made in batches (`batch(_:)`) so memory stays flat at 100,000 tickets.
public struct DemoGenerator: Sendable {
    public var recipe: DemoRecipe
    public var now: Date
    public var seed: UInt64
    /// Average messages per conversation; the benchmark store uses 10.
    public var messagesPerTicket: Int
    /// The reply target a conversation would get, to place its deadline where the demo wants it.
    public var replyTarget: @Sendable (Channel, Marketplace) -> TimeInterval

    public init(
        recipe: DemoRecipe, now: Date, seed: UInt64 = 11_11, messagesPerTicket: Int = 3,
        replyTarget: @escaping @Sendable (Channel, Marketplace) -> TimeInterval
    ) {
        self.recipe = recipe
        self.now = now
        self.seed = seed
        self.messagesPerTicket = messagesPerTicket
        self.replyTarget = replyTarget
    }

    /// The reply target a policy gives a fresh conversation on that channel and marketplace.
    public static func target(from policy: any DeadlinePolicy) -> @Sendable (Channel, Marketplace) -> TimeInterval {
        { channel, marketplace in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let facts = ConversationFacts(channel: channel, marketplace: marketplace, status: .open, awaitingSince: start, hasReplied: false)
            return policy.clocks(for: facts).nearest.map { $0.due.timeIntervalSince(start) } ?? 86_400
        }
    }

    public struct Batch: Sendable {
        public var records: [IngestRecord]
        public var orders: [Order]
    }

    private static let languageWeights: [(String, Int)] = [("en", 35), ("de", 20), ("fr", 12), ("es", 12), ("ru", 10), ("ja", 11)]
    /// The demo's channel mix (percent of conversations); the triage replay draws its arrivals from it.
    public static let channelWeights: [((Channel, Marketplace), Int)] = [
        ((.marketplace, .amazon), 38), ((.marketplace, .ebay), 15), ((.marketplace, .aliexpress), 12),
        ((.email, .shopify), 17), ((.chat, .shopify), 8), ((.marketplace, .walmart), 5), ((.marketplace, .etsy), 5),
    ]

    /// The conversations with indices in `range`.
    public func batch(_ range: Range<Int>) -> Batch {
        var records: [IngestRecord] = []
        var orders: [Order] = []
        records.reserveCapacity(range.count * messagesPerTicket)
        for index in range {
            let (messages, order) = conversation(index)
            records += messages
            if let order { orders.append(order) }
        }
        return Batch(records: records, orders: orders)
    }

    private func conversation(_ index: Int) -> ([IngestRecord], Order?) {
        var rng = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
        let language = Self.pick(Self.languageWeights, &rng)
        let (channel, marketplace) = Self.pick(Self.channelWeights, &rng)
        let phrases = recipe.languages[language] ?? recipe.languages["en"]!
        let customer = phrases.customers[Int.random(in: 0..<phrases.customers.count, using: &rng)]
        let situation = recipe.situations[Int.random(in: 0..<recipe.situations.count, using: &rng)]
        let texts = situation.texts[language] ?? situation.texts["en"]!
        let orderID = Self.orderID(marketplace, &rng)
        let address = Self.address(customer: customer, marketplace: marketplace, index: index)
        let shop = "service@sunrise-home.example"
        let conversation = "demo-\(index)"

        // Where the deadline falls: 12% overdue, 10% within the hour, the rest later; 25% answered.
        let target = replyTarget(channel, marketplace)
        let roll = Int.random(in: 0..<100, using: &rng)
        let remaining: TimeInterval
        if roll < 12 {
            remaining = -Double.random(in: 60...(min(8 * 3600, target * 2)), using: &rng)
        } else if roll < 22 {
            remaining = Double.random(in: 30...min(3600, target), using: &rng)
        } else {
            remaining = Double.random(in: min(3600, target * 0.9)...target, using: &rng)
        }
        let answered = Int.random(in: 0..<100, using: &rng) < 25
        let lastInbound = now.addingTimeInterval(remaining - target)

        // Earlier exchanges before the last customer message, alternating customer and agent.
        let count = max(1, messagesPerTicket == 1 ? 1 : Int.random(in: 1...(messagesPerTicket * 2 - 1), using: &rng))
        var records: [IngestRecord] = []
        var at = lastInbound
        var directions: [MessageDirection] = [.inbound]
        while directions.count < count { directions.insert(directions.first == .inbound ? .outbound : .inbound, at: 0) }
        if directions.first == .outbound { directions.removeFirst() }
        var times: [Date] = []
        for _ in directions {
            times.insert(at, at: 0)
            at = at.addingTimeInterval(-Double.random(in: 1800...(30 * 3600), using: &rng))
        }
        for (k, direction) in directions.enumerated() {
            let body: String
            let subject: String
            if k == 0 {
                subject = texts[0]
                body = "\(phrases.greeting),\n\n\(texts[1])\n\n\(customer)\nOrder \(orderID)"
            } else if direction == .outbound {
                subject = "Re: " + texts[0]
                body = phrases.agentReply.replacingOccurrences(of: "{name}", with: customer).replacingOccurrences(of: "{order}", with: orderID)
            } else {
                subject = "Re: " + texts[0]
                body = phrases.followup
            }
            records.append(IngestRecord(
                id: "demo-\(index)-\(k)", conversation: conversation, channel: channel, marketplace: marketplace,
                direction: direction, from: direction == .inbound ? "\(customer) <\(address)>" : "\(recipe.agent) <\(shop)>",
                to: direction == .inbound ? shop : "\(customer) <\(address)>", at: times[k], subject: subject, body: body,
                order: orderID, language: language))
        }
        if answered {
            let replyAt = min(now.addingTimeInterval(-60), lastInbound.addingTimeInterval(Double.random(in: 300...max(301, target * 0.8), using: &rng)))
            if replyAt > lastInbound {
                records.append(IngestRecord(
                    id: "demo-\(index)-r", conversation: conversation, channel: channel, marketplace: marketplace,
                    direction: .outbound, from: "\(recipe.agent) <\(shop)>", to: "\(customer) <\(address)>", at: replyAt,
                    subject: "Re: " + texts[0],
                    body: phrases.agentReply.replacingOccurrences(of: "{name}", with: customer).replacingOccurrences(of: "{order}", with: orderID),
                    order: orderID, language: nil))
            }
        }
        let order = makeOrder(id: orderID, marketplace: marketplace, customer: customer, placed: times[0].addingTimeInterval(-10 * 86_400), &rng)
        return (records, order)
    }

    private func makeOrder(id: String, marketplace: Marketplace, customer: String, placed: Date, _ rng: inout SeededGenerator) -> Order {
        let itemCount = Int.random(in: 1...3, using: &rng)
        var items: [OrderItem] = []
        for _ in 0..<itemCount {
            let product = recipe.products[Int.random(in: 0..<recipe.products.count, using: &rng)]
            items.append(OrderItem(sku: product[0], title: product[1], quantity: Int.random(in: 1...3, using: &rng)))
        }
        let shipped = placed.addingTimeInterval(Double.random(in: 86_400...(3 * 86_400), using: &rng))
        var parcels: [Parcel] = []
        let lineHaul = Self.lineHaulNumber(&rng)
        let roll = Int.random(in: 0..<10, using: &rng)
        if roll < 4 {
            // Handed over to the destination's post: a second number that replaces the first.
            let lastMile = Self.s10(prefix: "RR", country: ["GB", "DE", "FR", "ES", "US"][Int.random(in: 0..<5, using: &rng)], &rng)
            parcels = [
                Parcel(trackingNumber: lastMile.number, carrier: lastMile.carrier, shippedAt: shipped.addingTimeInterval(5 * 86_400), replaces: lineHaul.number),
                Parcel(trackingNumber: lineHaul.number, carrier: lineHaul.carrier, shippedAt: shipped),
            ]
        } else if roll < 6 {
            parcels = [Parcel(trackingNumber: Self.ups(&rng), carrier: "UPS", shippedAt: shipped)]
        } else {
            parcels = [Parcel(trackingNumber: lineHaul.number, carrier: lineHaul.carrier, shippedAt: shipped)]
        }
        let cents = Int.random(in: 899...15_999, using: &rng)
        return Order(
            id: id, marketplace: marketplace, customerName: customer, placedAt: placed,
            total: Decimal(cents) / 100, currency: marketplace == .amazon || marketplace == .ebay ? "EUR" : "USD",
            items: items, parcels: parcels)
    }

    private static func pick<T>(_ weights: [(T, Int)], _ rng: inout SeededGenerator) -> T {
        let total = weights.reduce(0) { $0 + $1.1 }
        var roll = Int.random(in: 0..<total, using: &rng)
        for (value, weight) in weights {
            if roll < weight { return value }
            roll -= weight
        }
        return weights[0].0
    }

    private static func digits(_ count: Int, _ rng: inout SeededGenerator) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    private static func orderID(_ marketplace: Marketplace, _ rng: inout SeededGenerator) -> String {
        switch marketplace {
        case .amazon: "\(digits(3, &rng))-\(digits(7, &rng))-\(digits(7, &rng))"
        case .ebay: "\(digits(2, &rng))-\(digits(5, &rng))-\(digits(5, &rng))"
        case .aliexpress: "8" + digits(15, &rng)
        case .walmart: digits(15, &rng)
        case .etsy: digits(10, &rng)
        default: "#" + String(1000 + Int.random(in: 0..<90_000, using: &rng))
        }
    }

    private static func address(customer: String, marketplace: Marketplace, index: Int) -> String {
        let local = "buyer\(index)"
        switch marketplace {
        case .amazon: return "\(local)@marketplace.amazon.de"
        case .ebay: return "\(local)@members.ebay.com"
        case .aliexpress: return "\(local)@message.aliexpress.com"
        default: return "\(local)@mail.example"
        }
    }

    private static func lineHaulNumber(_ rng: inout SeededGenerator) -> (number: String, carrier: String) {
        if Bool.random(using: &rng) {
            return ("YT" + digits(16, &rng), "YunExpress")
        }
        return s10(prefix: "LB", country: "CN", &rng)
    }

    /// A UPU S10 number with a correct check digit (weights 8,6,4,2,3,5,9,7; mod 11).
    private static func s10(prefix: String, country: String, _ rng: inout SeededGenerator) -> (number: String, carrier: String) {
        let serial = digits(8, &rng)
        let weights = [8, 6, 4, 2, 3, 5, 9, 7]
        let sum = zip(serial, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let r = sum % 11
        let check = r == 0 ? 5 : (r == 1 ? 0 : 11 - r)
        let carrier = ["CN": "China Post", "GB": "Royal Mail", "DE": "Deutsche Post", "FR": "La Poste", "ES": "Correos", "US": "USPS"][country] ?? "Post"
        return ("\(prefix)\(serial)\(check)\(country)", carrier)
    }

    /// A UPS 1Z number with a correct check character.
    private static func ups(_ rng: inout SeededGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPRSTVWXYZ")
        let body = String((0..<15).map { i in i < 6 ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] : alphabet[Int.random(in: 0..<10, using: &rng)] })
        var sum = 0
        for (i, ch) in body.enumerated() {
            let value = ch.isNumber ? Int(String(ch))! : (Int(ch.asciiValue!) - 3) % 10
            sum += i % 2 == 1 ? value * 2 : value
        }
        return "1Z" + body + String((10 - sum % 10) % 10)
    }
}
