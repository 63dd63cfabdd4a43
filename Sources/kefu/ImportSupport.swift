import Foundation
import Glibc
import KefuChannels
import KefuConfig
import KefuCore
import KefuStore

/// A progress bar on standard error for imports: drawn only when standard error is a terminal
/// and the import has run for more than a second (short imports print just their summary),
/// redrawn at most ten times a second, erased before the summary line.
///
///     [##########..........]  52%  52,000/100,000  8,431 msg/s  ETA 0:06
final class ImportProgress {
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled: Bool
    let unit: String

    init(unit: String = "msg") {
        self.unit = unit
        enabled = isatty(2) == 1
    }

    /// `done` of `total` units (messages, or bytes for an mbox); `items` is what the rate counts.
    func update(done: Int, total: Int, items: Int) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let filled = Int(fraction * 20)
        let rate = Double(items) / elapsed
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let eta = "\(Int(remaining) / 60):" + String(format: "%02d", Int(remaining) % 60)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        let line = "\r[\(bar)] \(String(format: "%3d", Int(fraction * 100)))%  \(items.formatted()) \(unit)  \(Int(rate).formatted()) \(unit)/s  ETA \(eta)\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension Wiring {
    /// The store, its evidence folder, and the mail settings from the config file. Records the
    /// domain of `mail.from` so the Message-IDs fixed when replies are queued carry it.
    static func openForMail(_ options: StoreOptions) throws -> (any MailImportStore, EvidenceStore, KefuConfiguration) {
        let configuration = try configuration()
        let store = try options.openStore(creating: true)
        let evidence = try EvidenceStore(folder: try options.evidenceFolder())
        if let domain = configuration.mail.messageIDDomain, try store.meta("mail.message_id_domain") != domain {
            try store.setMeta("mail.message_id_domain", domain)
        }
        return (store, evidence, configuration)
    }
}

extension MailboxImporter.Summary {
    /// The line every import ends with (stdout), also what tests check.
    var line: String {
        "Imported \(CountText.of(stored.added, "message")) (\(CountText.of(stored.newTickets, "new conversation")), \(CountText.of(stored.attachments, "attachment"))), "
            + "\(stored.duplicates) already stored, \(broken) quarantined."
    }
}
