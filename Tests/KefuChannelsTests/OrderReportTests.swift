import Foundation
import KefuChannels
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Order reports")
struct OrderReportTests {
    @Test("Amazon All Orders: rows merged per order, prices summed, parcels with carriers, bad rows by line")
    func amazon() throws {
        let report = try OrderReport.read(try ChannelFixtures.orders("amazon.tsv"), maps: [], detector: try ChannelFixtures.carriers())
        #expect(report.format == "amazon")
        #expect(report.orders.map(\.order.id) == ["028-1111111-2222222", "028-3333333-4444444"])
        let first = report.orders[0]
        #expect(first.order.items == [OrderItem(sku: "MUG-B", title: "Ceramic mug \"Blue\"", quantity: 2), OrderItem(sku: "SAU-1", title: "Saucer", quantity: 1)])
        #expect(first.order.total == Decimal(string: "30.00"))
        #expect(first.order.currency == "EUR" && first.order.marketplace == .amazon)
        #expect(first.buyerEmail == "hans@example.de")
        #expect(first.order.parcels.map(\.trackingNumber) == ["RB123456785GB"])
        #expect(first.order.parcels.first?.carrier == "Royal Mail")
        #expect(report.orders[1].order.parcels.first?.carrier == "UPS")
        #expect(report.errors.map(\.description) == [
            "line 5: order 028-5555555-6666666: \"yesterday\" is not a date like 2026-11-20T10:15:00Z",
            "line 6: order 028-7777777-8888888: quantity \"many\" is not a whole number",
        ])
        #expect(report.goodRows == 3)
    }

    @Test("Shopify CSV: quoted commas, quotes and line breaks; #1001 read as 1001; line numbers count physical lines")
    func shopify() throws {
        let report = try OrderReport.read(try ChannelFixtures.orders("shopify.csv"), maps: [], detector: try ChannelFixtures.carriers())
        #expect(report.format == "shopify")
        #expect(report.orders.map(\.order.id) == ["1001", "1003"])
        let order = report.orders[0].order
        #expect(order.items.map(\.title) == ["Pull, taille M", "Socks \"wool\"\ntwo pairs"])
        #expect(order.items.map(\.quantity) == [1, 2])
        #expect(order.customerName == "Claire Martin")
        #expect(order.total == Decimal(string: "59.90"))
        #expect(order.parcels.first?.carrier == "USPS")
        #expect(report.orders[1].order.parcels.first?.carrier == "DHL Express")
        #expect(report.errors.map(\.line) == [5, 6])
        #expect(report.errors[1].reason == "no order id in column 'Name'")
    }

    @Test("a generic CSV read through the config's column map; an unknown file is refused at line 1")
    func generic() throws {
        let map = OrderColumnMap(name: "erp", delimiter: ";", marketplace: .ebay, columns: [
            .id: "Auftrag", .placedAt: "Datum", .customerName: "Kunde", .buyerEmail: "Mail", .trackingNumber: "Paket",
        ])
        let report = try OrderReport.read(try ChannelFixtures.orders("erp.csv"), maps: [map], detector: try ChannelFixtures.carriers())
        #expect(report.format == "erp")
        #expect(report.orders.map(\.order.id) == ["E-100", "E-101"])
        #expect(report.orders[0].order.parcels.first?.carrier == "YunExpress")
        #expect(report.orders[0].order.marketplace == .ebay)
        #expect(report.errors.map(\.line) == [4])
        #expect(throws: OrderReport.FormatError.self) {
            try OrderReport.read(try ChannelFixtures.orders("erp.csv"), maps: [], detector: try ChannelFixtures.carriers())
        }
        #expect(throws: OrderReport.FormatError.unknownMap("nope", known: ["amazon", "shopify"])) {
            try OrderReport.read("Name,Lineitem name\n", maps: [], forcedFormat: "nope", detector: try ChannelFixtures.carriers())
        }
        // A quote never closed: the rows before it go in, the error names the line it opened on.
        let open = try OrderReport.read(
            "Name,Created at,Lineitem name\n#7,2026-11-20,Cup\n#8,2026-11-20,\"Mug\n", maps: [], detector: try ChannelFixtures.carriers())
        #expect(open.orders.map(\.order.id) == ["7"])
        #expect(open.errors.map(\.line) == [3])
    }

    @Test("orders link to conversations by buyer email; importing again updates rather than duplicates")
    func linking() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.store.ingest([
            Fixture.message("m1", conversation: "c1", at: 0, channel: .email, marketplace: .shopify, from: "Claire <claire@client.example>"),
        ])
        let report = try OrderReport.read(try ChannelFixtures.orders("shopify.csv"), maps: [], detector: try ChannelFixtures.carriers())
        let pairs = report.orders.map { ($0.order, $0.buyerEmail) }
        #expect(try temporary.store.importOrders(pairs) == 1)
        #expect(try temporary.store.importOrders(pairs) == 0)
        #expect(try temporary.store.ticket(id: 1)?.orderID == "1001")
        // The queue's filter now finds the conversation by the order it was linked to.
        let found = try temporary.store.queue(QueueQuery(view: .allOpen, filter: "1001", now: Fixture.base), after: nil, limit: 5)
        #expect(found.map(\.conversation) == ["c1"])
        let stored = try #require(try temporary.store.order(id: "1001"))
        #expect(stored.items.count == 2 && stored.parcels.count == 1)
        #expect(try temporary.store.buyerEmail(orderID: "1001") == "claire@client.example")
    }
}
