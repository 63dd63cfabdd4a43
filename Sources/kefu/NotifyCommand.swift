import ArgumentParser
import Foundation
import KefuCore

/// `kefu notify`: one message to many, each personal. A selection (segment, queue filter,
/// carrier and shipping dates, or a file of order ids) gives the recipients; the template is
/// filled per recipient in their language; who may not get it is held back with the reason;
/// an unfilled field for anyone stops the run. The real run queues one reply per recipient
/// in a conversation of its own, through the outbox, spaced by the channel's rate, and can be
/// run again after a crash without sending anyone twice (the campaign's keys).
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Queue one personalised notice per customer or order of a selection (try --dry-run first).",
        discussion: """
            Give exactly one selection: --segment S, --filter TEXT (the customers of the open tickets \
            the queue's / filter finds), --carrier C with --shipped-from and --shipped-to (YYYY-MM-DD, \
            UTC, both days included), or --orders FILE (one order id a line, or a CSV with an order \
            or order_id column). A segment or filter gives customers (with their latest order); a \
            carrier or order file gives orders (with their customer). A notice is marketing unless \
            --purpose order says it is about the recipient's own order: marketing is held back from \
            customers who opted out and from marketplaces that forbid it (Amazon; notify.marketing_forbidden \
            in kefu.yaml). More than notify.confirm_above (1000) notices need --yes. Delivery is spaced \
            by notify.rate_per_minute per channel. The campaign (--name, else derived from the template \
            and the selection) makes a second run queue only what the first did not.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The template by name (as the picker lists it).") var template: String
    @Option(help: ArgumentHelp("Customers of a segment: \(SegmentRules.names.joined(separator: ", ")).", valueName: "segment"))
    var segment: String?
    @Option(help: ArgumentHelp("Customers of the open tickets this queue filter finds.", valueName: "text")) var filter: String?
    @Option(help: ArgumentHelp("Orders with a parcel this carrier shipped (with --shipped-from/--shipped-to).", valueName: "name"))
    var carrier: String?
    @Option(name: .customLong("shipped-from"), help: ArgumentHelp("First shipping day (YYYY-MM-DD, UTC).", valueName: "date"))
    var shippedFrom: String?
    @Option(name: .customLong("shipped-to"), help: ArgumentHelp("Last shipping day, included (YYYY-MM-DD, UTC).", valueName: "date"))
    var shippedTo: String?
    @Option(help: ArgumentHelp("Orders whose ids the file lists (one a line, or a CSV order/order_id column).", valueName: "file"))
    var orders: String?
    @Option(name: .customLong("field"), parsing: .singleValue, help: ArgumentHelp("A template field filled for everyone.", valueName: "name=value"))
    var fields: [String] = []
    @Option(help: ArgumentHelp("order (about the recipient's own order) or marketing (default).", valueName: "purpose"))
    var purpose: String = NoticePurpose.marketing.rawValue
    @Option(help: ArgumentHelp("The campaign's name (letters, digits, - _ .); default: from the template and the selection.", valueName: "name"))
    var name: String?
    @Option(help: "The subject line (default: the template's title).") var subject: String?
    @Flag(name: .customLong("dry-run"), help: "Print the count, the first 3 notices filled and what is held back; queue nothing.")
    var dryRun = false
    @Flag(help: "Queue although there are more notices than notify.confirm_above.") var yes = false

    func validate() throws {
        let chosen = [segment != nil, filter != nil, carrier != nil, orders != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError(chosen == 0
                ? "give one selection: --segment S, --filter TEXT, --carrier C (with --shipped-from/--shipped-to) or --orders FILE"
                : "give only one selection of --segment, --filter, --carrier and --orders")
        }
        if carrier == nil, shippedFrom != nil || shippedTo != nil { throw ValidationError("--shipped-from and --shipped-to go with --carrier") }
        if carrier != nil, shippedFrom == nil || shippedTo == nil { throw ValidationError("--carrier needs --shipped-from DATE and --shipped-to DATE") }
        if let segment, SegmentRules.normalised(segment) == nil {
            throw ValidationError("--segment \(TerminalSanitizer.oneLine(segment)) is not one of: \(SegmentRules.names.joined(separator: ", "))")
        }
        if let filter, filter.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--filter needs some text") }
        if NoticePurpose(rawValue: purpose) == nil { throw ValidationError("--purpose \(TerminalSanitizer.oneLine(purpose)) is not order or marketing") }
        if let name, NoticeCampaign.validated(name) == nil {
            throw ValidationError("--name \(TerminalSanitizer.oneLine(name)): use 1-64 letters, digits, - _ or .")
        }
        for field in fields where !field.contains("=") { throw ValidationError("--field \(TerminalSanitizer.oneLine(field)): write it as name=value") }
    }

    func selection() throws -> NoticeSelection {
        if let segment { return .segment(SegmentRules.normalised(segment)!) }
        if let filter { return .filter(filter) }
        if let carrier {
            func day(_ text: String, _ option: String) throws -> CivilDate {
                guard let day = CivilDate(parsing: text) else {
                    throw UserError(message: "\(option) \(TerminalSanitizer.oneLine(text)) is not a date (YYYY-MM-DD)")
                }
                return day
            }
            let from = try day(shippedFrom!, "--shipped-from"), to = try day(shippedTo!, "--shipped-to")
            guard from <= to else { throw UserError(message: "--shipped-from \(from) is after --shipped-to \(to)") }
            return .carrier(carrier, from: Date(timeIntervalSince1970: Double(from.dayNumber) * 86_400),
                            until: Date(timeIntervalSince1970: Double(to.dayNumber + 1) * 86_400))
        }
        let text = try ReplyCommand.read(orders!)
        do {
            return .orders(try NoticeOrderFile.ids(in: text))
        } catch let problem as NoticeOrderFile.Problem {
            throw UserError(message: "--orders \(TerminalSanitizer.oneLine(orders!)): \(problem.description)")
        }
    }

    func run() throws {
        let started = ProcessInfo.processInfo.systemUptime
        let purpose = NoticePurpose(rawValue: purpose)!
        let library = try Wiring.templates()
        guard let template = library.template(named: template) else {
            let close = library.templates.map(\.name).filter { $0.contains(self.template.lowercased()) }.prefix(5)
            throw UserError(message: "no template named \(TerminalSanitizer.oneLine(self.template))" + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"))
        }
        if purpose == .order, template.stage == .preSale {
            throw UserError(message: "\(template.name) is a pre-sale template, so its notice is marketing: --purpose order is for notices about the recipient's own order")
        }
        let selection = try selection()
        let configuration = try Wiring.configuration()
        let rules = configuration.notify
        let store = try storeOptions.openStore()
        let now = Date()
        if case .segment = selection { _ = try store.recomputeSegments(rules: configuration.customers, now: now) }
        let recipients = try store.noticeRecipients(selection)
        if case .orders(let ids) = selection {
            let found = Set(recipients.map(\.key.description))
            let unknown = ids.filter { !found.contains($0) }
            if !unknown.isEmpty {
                Wiring.notice("\(CountText.of(unknown.count, "order id")) of the file \(unknown.count == 1 ? "is" : "are") not in the store: \(unknown.prefix(5).map(TerminalSanitizer.oneLine).joined(separator: ", "))\(unknown.count > 5 ? ", …" : "")")
            }
        }
        guard !recipients.isEmpty else {
            throw UserError(message: "\(selection) matches nobody in \(storeOptions.storeName): nothing to send")
        }
        var given: [String: String] = [:]
        for field in fields {
            let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
            given[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1] : ""
        }
        let campaign = name ?? NoticeCampaign.derived(template: template.name, selection: selection)
        let plan = NoticePlanner.plan(NoticePlanner.Input(
            template: template, recipients: recipients, campaign: campaign, purpose: purpose, rules: rules, fields: given,
            agentName: Wiring.agentName, storeName: "Kefu", subject: subject ?? template.title))

        for line in NotifyReport.summary(plan, selection: selection, template: template, purpose: purpose) { print(line) }
        if !plan.isComplete {
            // Each line is sanitised where it is made; its indentation stays.
            for line in NotifyReport.unfilled(plan) { FileHandle.standardError.write(Data((TerminalSanitizer.clean(line) + "\n").utf8)) }
            throw ExitCode(1)
        }
        if dryRun {
            for line in NotifyReport.preview(plan, count: 3) { print(line) }
            print("Dry run: nothing was queued. Without --dry-run, \(CountText.of(plan.notices.count, "notice")) would be queued\(plan.notices.count > rules.confirmAbove ? " (with --yes: more than \(rules.confirmAbove))" : "").")
            return
        }
        guard !plan.notices.isEmpty else {
            throw UserError(message: "nothing to queue: all \(CountText.of(plan.recipients, "recipient")) are held back (reasons above)")
        }
        if plan.notices.count > rules.confirmAbove, !yes {
            throw UserError(message: "\(plan.notices.count) notices is more than \(rules.confirmAbove) (notify.confirm_above): check them with --dry-run, then run again with --yes to queue them")
        }
        let summary = try store.queueNotices(plan.notices, pace: rules.pace, now: now) { done in
            Wiring.notice("queued \(done.queued + done.alreadyQueued) of \(plan.notices.count)")
        }
        let seconds = ProcessInfo.processInfo.systemUptime - started
        print(NotifyReport.queued(summary, campaign: campaign, rules: rules, plan: plan, seconds: seconds))
    }
}
