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
    public let store: any MailImportStore
    public let evidence: EvidenceStore?
    public let parser: MailParser
    public let source: String
    /// Messages per transaction: each commit waits for the disk (1,000 gave about 7,700 msg/s on
    /// 40,000 messages, 5,000 about 8,800).
    public var batchSize = 5_000
    /// Called after each batch with the number of mailbox entries handled so far (including
    /// quarantined ones) and the last entry's id (`mbox:<offset>` lets mbox progress use bytes).
    public var progress: ((_ handled: Int, _ lastEntryID: String?) -> Void)?
    /// Checked before each message; when it says stop, the run stores what it has and returns
    /// (what it did not reach is taken by the next run, which skips what is stored).
    public var shouldStop: () -> Bool = { false }
    /// The team's own addresses, lower-cased (`MailSettings.teamAddresses`): mail from one of them
    /// (a synced Sent folder) goes in as the team's reply, which ends the customer's wait, rather
    /// than as a customer message.
    public var teamAddresses: Set<String> = []
    /// The scam checks run on each customer mail while it is parsed (on the parsing workers).
    public var safety = MessageSafety()
    private var threader: MailThreader
    private let clock: @Sendable () -> Date

    public init(
        store: any MailImportStore, evidence: EvidenceStore?, source: String, parser: MailParser = MailParser(),
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
        // Pipeline: while the workers parse chunk k, this thread threads and stores chunk k-1.
        func handle(_ parsedChunk: [Parsed]) throws {
            for parsed in parsedChunk {
                summary.read += 1
                if case .parsed(_, let entry) = parsed.outcome { lastID = entry.id }
                switch try take(parsed) {
                case .mail(let mail): mails.append(mail)
                case .quarantine(let input):
                    summary.broken += 1
                    quarantined.append(input)
                }
                if mails.count + quarantined.count >= batchSize { try flush() }
            }
        }
        var previous: [Parsed] = []
        var chunk: [Result<MailboxEntry, MailboxError>] = []
        func startParsing() -> ParseJob {
            let job = ParseJob(chunk, parser: parser, safety: safety, teamAddresses: teamAddresses, source: source, now: clock(), workers: workers)
            chunk = []
            return job
        }
        for item in items {
            if shouldStop() { break }
            chunk.append(item)
            if chunk.count >= Self.chunkSize {
                let job = startParsing()
                do {
                    try handle(previous)
                } catch {
                    _ = job.result()
                    throw error
                }
                previous = job.result()
            }
        }
        try handle(previous)
        try handle(Self.parse(chunk, parser: parser, safety: safety, teamAddresses: teamAddresses, source: source, now: clock(), workers: workers))
        try flush()
        return summary
    }

    /// A chunk being parsed on other threads; `result()` waits for it.
    final class ParseJob: @unchecked Sendable {
        private let group = DispatchGroup()
        private var parsed: [Parsed] = []

        init(
            _ chunk: [Result<MailboxEntry, MailboxError>], parser: MailParser, safety: MessageSafety, teamAddresses: Set<String>,
            source: String, now: Date, workers: Int
        ) {
            group.enter()
            DispatchQueue.global().async { [self] in
                parsed = MailboxImporter.parse(
                    chunk, parser: parser, safety: safety, teamAddresses: teamAddresses, source: source, now: now, workers: workers)
                group.leave()
            }
        }

        func result() -> [Parsed] {
            group.wait()
            return parsed
        }
    }

    enum Taken {
        case mail(ImportedMail)
        case quarantine(QuarantinedInput)
    }

    /// What the parallel step makes of one entry: the parse outcome and, when the mail declares
    /// no language, the detected one (both pure work, done on all cores).
    struct Parsed: Sendable {
        var outcome: MailImportOutcome
        var detectedLanguage: String?
        /// What the scam checks found (mail from the team is not checked).
        var findings: [SafetyFinding] = []
    }

    /// Entries parsed per parallel step: enough to keep the cores busy, few enough to hold.
    static let chunkSize = 256

    /// Cores to parse on (the store writes on the calling thread in between).
    public var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// Parses a chunk on `workers` threads; the result keeps the chunk's order.
    static func parse(
        _ chunk: [Result<MailboxEntry, MailboxError>], parser: MailParser, safety: MessageSafety = MessageSafety(),
        teamAddresses: Set<String> = [], source: String, now: Date, workers: Int
    ) -> [Parsed] {
        guard !chunk.isEmpty else { return [] }
        @Sendable func one(_ item: Result<MailboxEntry, MailboxError>) -> Parsed {
            let outcome = parser.read(item, source: source, now: now)
            var language: String?
            var findings: [SafetyFinding] = []
            if case .parsed(let mail, _) = outcome {
                if mail.language == nil { language = LanguageDetector.detect(String(mail.text.prefix(2_000))) }
                let fromTeam = mail.from.first.map { teamAddresses.contains($0.address.lowercased()) } ?? false
                if !fromTeam { findings = safety.check(mail.incomingMessage) }
            }
            return Parsed(outcome: outcome, detectedLanguage: language, findings: findings)
        }
        if workers == 1 || chunk.count < 8 { return chunk.map(one) }
        let results = UnsafeMutableBufferPointer<Parsed?>.allocate(capacity: chunk.count)
        results.initialize(repeating: nil)
        defer {
            // Deinitialize first: deallocating alone would leak every parsed mail of the chunk.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let stripes = min(workers, chunk.count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            var index = stripe
            while index < chunk.count {
                slots[index] = one(chunk[index])
                index += stripes
            }
        }
        return results.map { $0! }
    }

    /// One parsed entry, in mailbox order: attachments stored, threaded, made a record; or the
    /// quarantine row. A full disk stops the run (`OutOfSpace`): the message is not to blame,
    /// and quarantining every message that carries a file until space is freed would lose them
    /// from the queue; the batch in progress is not stored, the next run takes it.
    func take(_ parsed: Parsed) throws -> Taken {
        let now = clock()
        switch parsed.outcome {
        case .quarantined(let input):
            return .quarantine(input)
        case .parsed(let mail, let entry):
            let attachments: [AttachmentLink]
            do {
                attachments = try storeAttachments(mail.attachments)
            } catch let error as EvidenceError where error.isOutOfSpace {
                throw OutOfSpace(
                    writing: "the evidence store", path: evidence?.folder.path ?? error.path, systemError: error.systemError,
                    consequence: "The batch of messages in progress was not stored; everything stored before it is kept.")
            } catch {
                // The message is kept whole in quarantine rather than stored without its files.
                return .quarantine(MailParseError(.malformedStructure, "its attachments could not be stored: \(error)")
                    .quarantined(bytes: entry.bytes, source: source, location: entry.location, at: now))
            }
            var mail = mail
            let fromTeam = mail.from.first.map { teamAddresses.contains($0.address.lowercased()) } ?? false
            if fromTeam, mail.inReplyTo.isEmpty, mail.references.isEmpty, let customer = mail.to.first {
                // The team wrote first: key it as the customer's own mail on that subject would be.
                mail.conversationKey = ConversationKey.subject(mail.subject, customer: customer.address)
            }
            // A delivery report cites the mail it returns only inside; threading follows it there.
            if let about = mail.automatic?.about, !mail.inReplyTo.contains(about) { mail.inReplyTo.insert(about, at: 0) }
            let conversation = threader.conversation(for: mail)
            var record = mail.ingestRecord(
                conversation: conversation, receivedAt: entry.receivedAt ?? now,
                detectedLanguage: fromTeam ? nil : parsed.detectedLanguage)
            if fromTeam {
                record.direction = .outbound
                record.automatic = nil
            } else {
                record.findings = parsed.findings
            }
            // Broken structure read anyway: the thread says how, so the agent knows what may be missing.
            record.readingNotes = ReadingNotes.kept(mail.notes)
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
