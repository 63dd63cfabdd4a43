import Foundation

/// A reply's reference to one piece of evidence, laid out the way the seeds structure a dispute
/// answer: the evidence (id, kind, date, short hash) → where the buyer can check it (the public
/// link, or the attachment) → what it means (the agent's note, else what that kind of evidence
/// shows).
///
/// English:
/// ```
/// Evidence EV-2F9A: weigh record of 2026-11-20 (SHA-256 2f9a41c07be3).
/// Where to check it: https://proof.example.com/ev/2f9a41c07be3...
/// What it shows: the parcel's weight when it was packed, which matches the items of your order.
/// ```
///
/// The id in the text is the marker that ties the reply to the evidence: whatever later sends
/// the reply by email finds the ids with `EvidenceReference.ids(in:)` and asks the
/// `EvidenceLocker` for each record and its file, so referenced evidence travels as attachments
/// with no change to this type or to the console. A reference the agent deletes from the text
/// is, rightly, no longer attached.
public struct EvidenceReference: Sendable, Hashable {
    public var id: String
    public var kind: EvidenceKind
    public var addedAt: Date
    public var sha256: String
    public var note: String?
    /// The public link, when the team configured a base URL for evidence.
    public var url: String?

    public init(id: String, kind: EvidenceKind, addedAt: Date, sha256: String, note: String?, url: String?) {
        self.id = id
        self.kind = kind
        self.addedAt = addedAt
        self.sha256 = sha256
        self.note = note
        self.url = url
    }

    public init(_ record: EvidenceRecord, settings: EvidenceSettings) {
        self.init(
            id: record.id, kind: record.kind, addedAt: record.addedAt, sha256: record.sha256, note: record.note,
            url: settings.publicURL(id: record.id, sha256: record.sha256))
    }

    public var shortHash: String { String(sha256.prefix(12)) }

    /// Without a public link the reference tells the customer the file is attached to the
    /// message, so the file has to go with it.
    public var promisesAttachment: Bool { url == nil }

    /// "It is attached to this message." in every language references are written in.
    public static var attachmentSentences: [String] { EvidencePhrases.all.map(\.attached) }

    /// The date as `2026-11-20` in `timeZone`: the same in every language.
    public func dateText(timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: addedAt)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The reference as reply text in the ticket's language (`de`, `fr-FR`...); English when
    /// Kefu has no phrases for the language.
    public func text(languageCode: String?, timeZone: TimeZone) -> String {
        let phrases = EvidencePhrases.for(languageCode)
        let kindName = phrases.kindName(kind)
        let colon = phrases.colon
        var lines = ["\(phrases.evidence) \(id)\(colon) \(kindName) \(phrases.of) \(dateText(timeZone: timeZone)) (SHA-256 \(shortHash))."]
        if let url {
            lines.append("\(phrases.whereToCheck)\(colon) \(url)")
        } else {
            lines.append(phrases.attached)
        }
        let note = note.map { TerminalSanitizer.oneLine($0).trimmingCharacters(in: .whitespaces) } ?? ""
        var meaning = note.isEmpty ? phrases.meaning(kind) : note
        if let last = meaning.last, !".!?。".contains(last) { meaning += "." }
        lines.append("\(phrases.whatItShows)\(colon) \(meaning)")
        return lines.joined(separator: "\n")
    }

    /// The two fields of the dispute reply (Ctrl-X) filled from evidence records: `evidence`
    /// (each record with where to check it, or that it is attached) and `evidence_meaning`
    /// (what each shows), in the ticket's language.
    public static func disputeFields(_ references: [EvidenceReference], languageCode: String?, timeZone: TimeZone) -> [String: String] {
        let phrases = EvidencePhrases.for(languageCode)
        let evidence = references.map { reference in
            var text = "\(reference.id) (\(phrases.kindName(reference.kind)) \(phrases.of) \(reference.dateText(timeZone: timeZone)), SHA-256 \(reference.shortHash))"
            text += reference.url.map { ", \($0)" } ?? ". " + phrases.attached.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return text
        }
        let meaning = references.map { reference in
            let note = reference.note.map { TerminalSanitizer.oneLine($0).trimmingCharacters(in: .whitespaces) } ?? ""
            var text = note.isEmpty ? phrases.meaning(reference.kind) : note
            while let last = text.last, ".!?。".contains(last) { text.removeLast() }
            return text
        }
        return ["evidence": evidence.joined(separator: "; "), "evidence_meaning": meaning.joined(separator: "; ")]
    }

    /// Evidence ids (`EV-2F9A`, upper case as written) in a reply's text, in order of first
    /// appearance, without repeats. Only whole words count: `XEV-2F9A` or `EV-2F9AQ` do not.
    public static func ids(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        var index = 0
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "-"
        }
        while index + 3 < scalars.count {
            guard scalars[index] == "E", scalars[index + 1] == "V", scalars[index + 2] == "-",
                index == 0 || !isWordScalar(scalars[index - 1])
            else {
                index += 1
                continue
            }
            var end = index + 3
            while end < scalars.count, "0123456789ABCDEF".unicodeScalars.contains(scalars[end]) { end += 1 }
            let digits = end - index - 3
            if (4...64).contains(digits), end == scalars.count || !isWordScalar(scalars[end]) {
                var id = ""
                id.unicodeScalars.append(contentsOf: scalars[index..<end])
                if !found.contains(id) { found.append(id) }
            }
            index = end
        }
        return found
    }
}
