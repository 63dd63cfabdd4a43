import Foundation
import Logging
import Glibc
import KefuCore
import KefuMail
import KefuStore

/// One delivery pass over the outbox: every reply that is `queued`, `sending` (a pass cut
/// short) or `failed` (and due for a retry) is handed over exactly once.
///
/// Routes: replies to conversations that came in as mail go by email (`route` `email`);
/// marketplace replies go to the marketplace's connector command when one is configured
/// (`command`), else are appended to the JSON Lines folder (`jsonl`).
///
/// Per reply:
/// 1. build the bytes (email) or the line (JSON) — they depend only on stored values and the
///    evidence files checked against the hashes recorded at queue time, with the Message-ID and
///    Date fixed when the reply was queued, so every attempt is identical;
/// 2. take the reply's lock (the staged file), waiting for a handoff still running;
/// 3. read the row again: `sent` means someone else finished it; `sending` means a handoff was
///    under way — the journal (email, command) or the connector's file (JSON Lines) says
///    whether it got through, and if it did the row is marked sent without handing it over again;
/// 4. commit `sending` (and one more attempt) before anything leaves;
/// 5. hand over, then commit `sent`, or `failed` with the reason (nothing was handed over).
///
/// A reply whose evidence cannot go as the agent saw it (record removed, file missing or
/// changed) fails at step 1 with a reason naming the evidence id: never sent without it.
/// See `SendmailHandoff` and `JSONLinesHandoff` for why each step survives kill -9.
public final class OutboxDeliverer {
    public let store: SQLiteTicketStore
    public let settings: MailSettings
    public let spool: DeliverySpool
    /// The program and arguments that run a handoff (`kefu deliver --handoff`).
    public let handoffLauncher: [String]
    /// Where evidence attachments are read from (the store's evidence folder).
    public let attachmentFiles: ReplyAttachmentFiles
    public var maximumAttempts = 5
    /// A failed reply is retried after 30 s, 1, 2, 4 minutes...; `retryNow` ignores that.
    public var retryNow = false
    private let clock: @Sendable () -> Date

    public init(
        store: SQLiteTicketStore, settings: MailSettings, spool: DeliverySpool, handoffLauncher: [String],
        attachmentFiles: ReplyAttachmentFiles? = nil, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.settings = settings
        self.spool = spool
        self.handoffLauncher = handoffLauncher
        self.attachmentFiles = attachmentFiles ?? ReplyAttachmentFiles(nextToStore: store.path)
        self.clock = clock
    }

    public struct PassSummary: Sendable, Hashable {
        public var sent = 0
        public var failed = 0
        /// Found handed over by an earlier, interrupted pass: marked sent, not sent again.
        public var recovered = 0
        public var waiting = 0
        /// Spool files of replies already sent (and stray temporary files) removed first.
        public var swept = 0
        public init() {}
    }

    /// One pass; `shouldStop` is checked between replies.
    public func deliverPending(shouldStop: () -> Bool = { false }) throws -> PassSummary {
        var summary = PassSummary()
        summary.swept = try spool.sweep(isSent: { try store.isOutboxSent(mailMessageID: $0) })
        for entry in try store.outboxEntries(states: [.queued, .sending, .failed]) {
            if shouldStop() { break }
            if entry.state == .failed && !isDue(entry) {
                summary.waiting += 1
                continue
            }
            switch try deliver(entry) {
            case .sent: summary.sent += 1
            case .recovered: summary.recovered += 1
            case .failed: summary.failed += 1
            case .skipped: break
            }
        }
        return summary
    }

    func isDue(_ entry: OutboxEntry) -> Bool {
        if retryNow { return true }
        guard entry.attempts < maximumAttempts else { return false }
        let wait = 30 * pow(2, Double(max(0, entry.attempts - 1)))
        return clock().timeIntervalSince(entry.updatedAt) >= wait
    }

    enum Outcome { case sent, recovered, failed, skipped }

    func deliver(_ entry: OutboxEntry) throws -> Outcome {
        if entry.isMailConversation { return try deliverByMail(entry) }
        return try deliverToMarketplace(entry)
    }

    // MARK: - Email

    /// The reply as an email, from stored values and the checked evidence files only.
    public func email(_ entry: OutboxEntry, attachments: [LoadedAttachment] = []) throws -> [UInt8] {
        guard let from = settings.from else { throw DeliveryError("no From address: set mail.from in the config file") }
        let to = MailAddress(name: entry.customerName, address: entry.customerAddress)
        let reply = OutgoingReply(
            from: from, to: [to], subject: OutgoingReply.replySubject(entry.ticketSubject), inReplyTo: entry.inReplyTo,
            references: entry.references, date: entry.queuedAt, utcOffsetSeconds: settings.utcOffsetSeconds,
            messageID: entry.mailMessageID, body: entry.body,
            attachments: attachments.map {
                OutgoingAttachment(filename: $0.attachment.filename, contentType: $0.attachment.contentType, data: $0.data)
            })
        return ReplyMIMEBuilder.build(reply)
    }

    private func deliverByMail(_ entry: OutboxEntry) throws -> Outcome {
        let bytes: [UInt8]
        do {
            guard !settings.sendmail.isEmpty else { throw DeliveryError("no mail command: set mail.sendmail in the config file") }
            guard entry.customerAddress.contains("@") else { throw DeliveryError("the customer address \"\(entry.customerAddress)\" is not an email address") }
            bytes = try email(entry, attachments: try attachmentFiles.load(entry.attachments))
        } catch let error as DeliveryError {
            return try fail(entry, error.description)
        }
        let lock = try spool.stageAndLock(entry.mailMessageID, bytes: bytes)
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        if spool.isHandedOver(entry.mailMessageID) { return try finish(entry, route: "email", recovered: true) }
        guard try store.claimForSending(id: entry.id, route: "email", now: clock()) else { return .skipped }
        if let reason = SendmailHandoff.launch(
            launcher: handoffLauncher, spool: spool, messageID: entry.mailMessageID, lockDescriptor: lock, command: settings.sendmail) {
            return try fail(entry, reason)
        }
        return try finish(entry, route: "email", recovered: false)
    }

    // MARK: - Marketplace: connector command or JSON Lines folder

    private func deliverToMarketplace(_ entry: OutboxEntry) throws -> Outcome {
        let command = settings.marketplaceCommand(for: entry.marketplace)
        let folder = settings.marketplaceOutbox
        guard command != nil || folder != nil else {
            return try fail(entry, "no route for \(entry.marketplace.rawValue) replies: set mail.marketplace_command or mail.marketplace_outbox in the config file")
        }
        let line: [UInt8]
        do {
            line = try JSONLinesHandoff.line(entry, attachments: try attachmentFiles.load(entry.attachments))
        } catch let error as DeliveryError {
            return try fail(entry, error.description)
        }
        // The per-reply lock keeps two deliverers from both claiming and handing it over.
        let lock = try spool.stageAndLock(entry.mailMessageID, bytes: line, as: .line)
        defer { close(lock) }
        guard let current = try store.outboxEntry(id: entry.id), current.state != .sent else { return .skipped }
        // An earlier pass may have handed it over either way (the config can change between passes).
        if spool.isHandedOver(entry.mailMessageID) { return try finish(entry, route: "command", recovered: true) }
        if current.state == .sending, let folder, try JSONLinesHandoff(folder: folder).contains(entry.idempotencyKey) {
            return try finish(entry, route: "jsonl", recovered: true)
        }
        if let command {
            guard try store.claimForSending(id: entry.id, route: "command", now: clock()) else { return .skipped }
            if let reason = SendmailHandoff.launch(
                launcher: handoffLauncher, spool: spool, messageID: entry.mailMessageID, staged: .line, lockDescriptor: lock,
                command: command) {
                return try fail(entry, reason)
            }
            return try finish(entry, route: "command", recovered: false)
        }
        guard let folder else { return .skipped }
        guard try store.claimForSending(id: entry.id, route: "jsonl", now: clock()) else { return .skipped }
        do {
            try JSONLinesHandoff(folder: folder).deliver(entry, line: line, checkFirst: current.state != .queued)
        } catch let error as DeliveryError {
            return try fail(entry, error.description)
        }
        return try finish(entry, route: "jsonl", recovered: false)
    }

    // MARK: - Outcomes

    /// Delivery attempts by outbox id, attempt and route; the reason is redacted by the log
    /// handler (a mail server's words may name an address).
    static let log = Logger(label: "kefu.deliver")

    private func fail(_ entry: OutboxEntry, _ reason: String) throws -> Outcome {
        try store.markFailed(id: entry.id, reason: reason, now: clock())
        Self.log.warning("delivery failed", metadata: [
            "outbox": "\(entry.id)", "ticket": "\(entry.ticketID)", "attempt": "\(entry.attempts + 1)", "reason": "\(reason)",
        ])
        return .failed
    }

    private func finish(_ entry: OutboxEntry, route: String, recovered: Bool) throws -> Outcome {
        try store.markSent(id: entry.id, route: route, now: clock())
        Self.log.info(recovered ? "delivery found already handed over" : "delivered", metadata: [
            "outbox": "\(entry.id)", "ticket": "\(entry.ticketID)", "attempt": "\(entry.attempts + 1)", "route": "\(route)",
        ])
        removeSpoolFiles(entry)
        return recovered ? .recovered : .sent
    }

    /// Once `sent` is committed the row never goes back, so its staged file and journal have
    /// served; a crash before this leaves them behind, and the next pass's sweep removes them.
    private func removeSpoolFiles(_ entry: OutboxEntry) {
        for staged in DeliverySpool.Staged.allCases { unlink(spool.messagePath(entry.mailMessageID, staged)) }
        unlink(spool.journalPath(entry.mailMessageID))
    }
}
