import Foundation
import KefuCore

/// What became of one mailbox entry: a parsed message, or a quarantine row with the reason.
public enum MailImportOutcome: Sendable {
    case parsed(ParsedMail, MailboxEntry)
    case quarantined(QuarantinedInput)
}

extension MailParser {
    /// Parses one item from `MaildirReader` or `MboxReader`; anything that fails (unreadable
    /// file, over the size limit, unparseable) comes back as a quarantine row, never dropped.
    ///
    /// `source` names the input in the quarantine list (e.g. `maildir`, `mbox`).
    public func read(_ item: Result<MailboxEntry, MailboxError>, source: String, now: Date) -> MailImportOutcome {
        switch item {
        case .failure(let error):
            return .quarantined(QuarantinedInput(source: source, location: error.location, reason: error.reason, raw: "", at: now))
        case .success(let entry):
            do throws(MailParseError) {
                if entry.isTruncated || entry.byteCount > limits.maximumMessageBytes {
                    throw MailParseError(.messageTooLarge, "the message is \(entry.byteCount) bytes, more than the limit of \(limits.maximumMessageBytes)")
                }
                return .parsed(try parse(entry.bytes), entry)
            } catch {
                return .quarantined(error.quarantined(bytes: entry.bytes, source: source, location: entry.location, at: now))
            }
        }
    }
}
