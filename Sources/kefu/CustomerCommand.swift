import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu customer show|merge|split`: one customer across channels, and a lead's merge of two
/// records (undone by split, which keeps them apart from then on).
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Show a customer's profile, or merge and split customer records (a lead's).",
        subcommands: [Show.self, Merge.self, Split.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print a customer: orders, parcels, totals per currency, earlier conversations with outcomes, segment.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "A customer id (C12 or 12), an email address, or an order id.") var customer: String
        @Flag(help: "Print JSON (sorted keys) instead of lines.") var json = false

        func run() throws {
            let store = try storeOptions.openStore(access: .readIfNotWritable)
            let id = try CustomerLookup.id(customer, in: store, storeName: storeOptions.storeName)
            guard let profile = try store.customerProfile(id: id) else { throw CustomerError.notFound(customer) }
            if json {
                print(try CustomerJSON.text(CustomerJSON.profile(profile)))
            } else {
                for line in CustomerText.lines(profile) { print(line) }
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge", abstract: "Make B part of A: B's addresses, conversations and orders move to A (lead role; kefu customer split A B undoes it).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The customer that stays (id, email or order id).") var kept: String
        @Argument(help: "The customer folded into it.") var absorbed: String
        @Option(help: "Who merges (default: $KEFU_AGENT, else the login name).") var by: String?

        func run() throws {
            let acting = try Wiring.acting(by: by)
            let store = try storeOptions.openStore()
            let a = try CustomerLookup.id(kept, in: store, storeName: storeOptions.storeName)
            let b = try CustomerLookup.id(absorbed, in: store, storeName: storeOptions.storeName)
            let change = try store.mergeCustomers(kept: a, absorbed: b, acting: acting, now: Date())
            print("\(CustomerName.of(change.other)) merged into \(CustomerName.of(change.kept)): \(CountText.of(change.movedTickets, "conversation")) and \(CountText.of(change.movedOrders, "order")) moved")
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split", abstract: "Undo the merge of A and B and keep them apart (lead role).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "One customer of the merge.") var first: String
        @Argument(help: "The other.") var second: String
        @Option(help: "Who splits (default: $KEFU_AGENT, else the login name).") var by: String?

        func run() throws {
            let acting = try Wiring.acting(by: by)
            let store = try storeOptions.openStore()
            let a = try CustomerLookup.id(first, in: store, storeName: storeOptions.storeName, following: false)
            let b = try CustomerLookup.id(second, in: store, storeName: storeOptions.storeName, following: false)
            let change = try store.splitCustomers(a, b, acting: acting, now: Date())
            print("\(CustomerName.of(change.other)) split from \(CustomerName.of(change.kept)) and kept apart: \(CountText.of(change.movedTickets, "conversation")) and \(CountText.of(change.movedOrders, "order")) moved back")
        }
    }
}

/// `kefu customers`: every customer, or one segment's, after computing the segments anew.
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "List customers with their segment and RFM scores (segments computed anew first).",
        discussion: "Segments: \(SegmentRules.names.joined(separator: ", ")); thresholds in kefu.yaml under customers.segments.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("Only this segment: \(SegmentRules.names.joined(separator: ", ")) (at-risk or \"at risk\").", valueName: "segment"))
    var segment: String?
    @Option(help: "At most this many customers (default 1000).") var limit = 1000
    @Flag(help: "Print JSON (sorted keys).") var json = false
    @Flag(help: "Print CSV (RFC 4180).") var csv = false
    @Flag(help: "Use the segments as last computed instead of computing them now.") var noRecompute = false

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
        if limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        if let segment, SegmentRules.normalised(segment) == nil {
            throw ValidationError("--segment \(TerminalSanitizer.oneLine(segment)) is not one of: \(SegmentRules.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let store = try storeOptions.openStore()
        if !noRecompute { _ = try store.recomputeSegments(rules: try Wiring.configuration().customers, now: Date()) }
        let customers = try store.customers(segment: segment.flatMap(SegmentRules.normalised), limit: limit)
        if json {
            print(try CustomerJSON.text(customers.map(CustomerJSON.customer)))
        } else if csv {
            print("id,name,segment,recency,frequency,monetary,language,marketplaces,addresses", terminator: "\r\n")
            for customer in customers {
                let fields = [
                    CustomerName.of(customer.id), TerminalSanitizer.oneLine(customer.displayName), customer.segment ?? "",
                    customer.scores.map { "\($0.recency)" } ?? "", customer.scores.map { "\($0.frequency)" } ?? "",
                    customer.scores.map { "\($0.monetary)" } ?? "", customer.language ?? "",
                    customer.marketplaces.map(\.rawValue).joined(separator: " "), customer.addresses.joined(separator: " "),
                ]
                print(fields.map(CSVField.quoted).joined(separator: ","), terminator: "\r\n")
            }
        } else {
            if customers.isEmpty { Wiring.notice("no customers\(segment.map { " in segment \($0)" } ?? "") in \(storeOptions.storeName)") }
            for customer in customers {
                print([
                    DisplayWidth.fit(CustomerName.of(customer.id), to: 8), DisplayWidth.fit(customer.segment ?? "—", to: 12),
                    DisplayWidth.fit(customer.scores?.text ?? "", to: 9),
                    DisplayWidth.fit(TerminalSanitizer.oneLine(customer.displayName), to: 24),
                    TerminalSanitizer.oneLine(customer.addresses.first ?? ""),
                ].joined(separator: "  "))
            }
        }
    }
}

/// A customer as the commands name one: `C12`, an email address, or an order id.
enum CustomerLookup {
    static func id(_ text: String, in store: any CustomerStore, storeName: String, following: Bool = true) throws -> Int64 {
        if let id = CustomerName.id(parsing: text) {
            guard let profile = try store.customerProfile(id: id) else { throw CustomerError.notFound(text) }
            return following ? profile.customer.id : id
        }
        let key = text.contains("@") ? CustomerKey.email(text) : CustomerKey.order(text)
        guard let key, let customer = try store.customer(byKey: key) else { throw CustomerError.notFound(text) }
        return customer.id
    }
}

/// RFC 4180 fields.
enum CSVField {
    static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
