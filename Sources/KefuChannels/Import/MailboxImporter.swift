import Foundation
import KefuCore
import KefuMail
import KefuStore

/// Takes the messages of a mailbox (Maildir, mbox, or what a watch finds) into the store:
/// parse, thread, keep attachments as evidence files, quarantine what cannot be read.
///
/// Idempotent: a message is stored under its Message-ID (or a hash of its bytes), and one
/// already stored is counted as a duplicate, so importing a mailbox twice adds nothing. A
/// message that cannot be read becomes a quarantine row with its reason and location (the
/// store keeps one row per source, location and content), never dropped.
///
/// Messages go to the store in batches, each in one transaction with its attachments and
/// quarantine rows; attachment bytes are in the evidence store before the batch commits, so a
/// killed import leaves whole batches, and running it again completes the rest.
///
///     let importer = MailboxImporter(store: store, evidence: evidence, source: "maildir")
///     let summary = try importer.run(try MaildirReader(directory: path))
public final class MailboxImporter {
    public let store: SQLiteTicketStore
    public let evidence: EvidenceStore?
    public let parser: MailParser
    public let source: String
    /// Messages per transaction.
    public var batchSize = 1_000
    /// Called after each batch with the number of mailbox entries handled so far (including
    /// quarantined ones) and the last entry's id (`mbox:<offset>` lets mbox progress use bytes).
    public var progress: ((_ handled: Int, _ lastEntryID: String?) -> Void)?
    /// Checked before each message; when it says stop, the run stores what it has and returns
    /// (what it did not reach is taken by the next run, which skips what is stored).
    public var shouldStop: () -> Bool = { false }
    private var threader: MailThreader
    private let clock: @Sendable () -> Date

    public init(
        store: SQLiteTicketStore, evidence: EvidenceStore?, source: String, parser: MailParser = MailParser(),
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.evidence = evidence
        self.source = source
        self.parser = parser
        self.clock = clock
        self.threader = MailThreader { id in (try? store.conversation(ofMessage: id)) ?? nil }
    }

    /// What a run did; `broken` counts the messages put in quarantine this run (the store keeps
    /// one row for a message seen again).
    public struct Summary: Sendable, Hashable {
        public var read = 0
        public var stored = MailImportSummary()
        public var broken = 0

        public init() {}
    }

    @discardableResult
    public func run<Items: Sequence>(_ items: Items) throws -> Summary where Items.Element == Result<MailboxEntry, MailboxError> {
        var summary = Summary()
        var mails: [ImportedMail] = []
        var quarantined: [QuarantinedInput] = []
        var lastID: String?
        func flush() throws {
            guard !mails.isEmpty || !quarantined.isEmpty else { return }
            summary.stored += try store.importMail(mails, quarantined: quarantined)
            mails.removeAll(keepingCapacity: true)
            quarantined.removeAll(keepingCapacity: true)
            progress?(summary.read, lastID)
        }
        for item in items {
            if shouldStop() { break }
            summary.read += 1
            if case .success(let entry) = item { lastID = entry.id }
            switch take(item) {
            case .mail(let mail): mails.append(mail)
            case .quarantine(let input):
                summary.broken += 1
                quarantined.append(input)
            }
            if mails.count + quarantined.count >= batchSize { try flush() }
        }
        try flush()
        return summary
    }

    enum Taken {
        case mail(ImportedMail)
        case quarantine(QuarantinedInput)
    }

    /// One entry: parsed, threaded and its attachments stored; or the quarantine row.
    func take(_ item: Result<MailboxEntry, MailboxError>) -> Taken {
        let now = clock()
        switch parser.read(item, source: source, now: now) {
        case .quarantined(let input):
            return .quarantine(input)
        case .parsed(let mail, let entry):
            let attachments: [AttachmentLink]
            do {
                attachments = try storeAttachments(mail.attachments)
            } catch {
                // The message is kept whole in quarantine rather than stored without its files.
                return .quarantine(MailParseError(.malformedStructure, "its attachments could not be stored: \(error)")
                    .quarantined(bytes: entry.bytes, source: source, location: entry.location, at: now))
            }
            let conversation = threader.conversation(for: mail)
            let language = mail.language == nil ? LanguageDetector.detect(String(mail.text.prefix(2_000))) : nil
            let record = mail.ingestRecord(conversation: conversation, receivedAt: entry.receivedAt ?? now, detectedLanguage: language)
            return .mail(ImportedMail(record: record, attachments: attachments, source: source))
        }
    }

    /// Copies each attachment into the evidence store (content-addressed: the same photo sent
    /// twice is kept once). Without an evidence store attachments are not kept, and the
    /// caller says so.
    private func storeAttachments(_ files: [MailAttachment]) throws -> [AttachmentLink] {
        guard let evidence, !files.isEmpty else { return [] }
        return try files.map { file in
            let stored = try evidence.add(bytes: file.data)
            return AttachmentLink(
                filename: file.filename, contentType: file.contentType, sha256: stored.sha256, size: stored.size,
                isInline: file.isInline)
        }
    }
}
