import KefuChannels
import Logging

/// The log lines of imports: counts only (what came in, what was skipped or quarantined).
enum ImportLog {
    static let log = Logger(label: "kefu.import")

    static func ingest(_ summary: JSONLinesImporter.Summary) {
        log.info("ingest finished", metadata: [
            "lines": "\(summary.lines)", "added": "\(summary.stored.added)", "new_tickets": "\(summary.stored.newTickets)",
            "duplicates": "\(summary.stored.duplicates)", "invalid": "\(summary.invalid)",
        ])
    }

    static func mailbox(_ summary: MailboxImporter.Summary, source: String) {
        log.info("mailbox import finished", metadata: [
            "source": "\(source)", "read": "\(summary.read)", "added": "\(summary.stored.added)",
            "new_tickets": "\(summary.stored.newTickets)", "duplicates": "\(summary.stored.duplicates)",
            "quarantined": "\(summary.broken)", "attachments": "\(summary.stored.attachments)",
        ])
    }
}
