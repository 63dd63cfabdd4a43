import Foundation

/// One message as `kefu ingest` reads it: a JSON object on one line (JSON Lines).
///
///     {"id":"m-1","conversation":"amz-114-1","channel":"marketplace","marketplace":"amazon",
///      "direction":"in","from":"Anna Müller <anna@example.de>","to":"shop@example.com",
///      "at":"2026-11-23T08:15:00Z","subject":"Wo ist mein Paket?","body":"...",
///      "order":"114-1234567-1234567","language":"de"}
///
/// Optional: `"kind"` (message, return_request, item_not_received, refund_request), `"tags"`
/// (an array of strings) and `"segment"`, which SLA policies can match on. They apply when the
/// message opens its conversation.
public struct IngestRecord: Sendable, Hashable {
    public var id: String
    public var conversation: String
    public var channel: Channel
    public var marketplace: Marketplace
    public var direction: MessageDirection
    public var from: String
    public var to: String
    public var at: Date
    public var subject: String
    public var body: String
    public var order: String?
    public var language: String?
    /// What the conversation is about (`return_request`, ...), when the source says; deadlines depend on it.
    public var kind: TicketKind?
    /// Labels for SLA policies that match on tags.
    public var tags: Set<String> = []
    /// The customer's segment (e.g. `vip`).
    public var segment: String?
    /// What the scam checks found in the message (`MessageSafety`), stored with it.
    public var findings: [SafetyFinding] = []
    /// How a message with broken structure was read anyway (`ReadingNotes`), stored with it and
    /// shown above its text, so the agent knows what may be missing.
    public var readingNotes: [String] = []
    /// Set for mail a machine sent (`direction` is then `.automatic`): what kind, and the mail
    /// of ours it is about, so a failed delivery can mark that reply bounced.
    public var automatic: AutomaticMail?

    public init(
        id: String, conversation: String, channel: Channel, marketplace: Marketplace,
        direction: MessageDirection, from: String, to: String, at: Date, subject: String, body: String,
        order: String? = nil, language: String? = nil
    ) {
        self.id = id
        self.conversation = conversation
        self.channel = channel
        self.marketplace = marketplace
        self.direction = direction
        self.from = from
        self.to = to
        self.at = at
        self.subject = subject
        self.body = body
        self.order = order
        self.language = language
    }

    /// The customer's side of the message: the sender of an inbound one, the recipient otherwise.
    public var customer: MailAddress {
        MailAddress(parsing: direction == .inbound || direction == .automatic ? from : to)
    }
}

/// Why a line of a JSON Lines file was not taken in.
public struct IngestLineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// Parses JSON Lines into records, one line at a time; a bad line is an error naming the line
/// and what was wrong with it, and never stops the lines after it.
public enum IngestParser {
    /// Bodies above this size are refused rather than stored (a mistaken paste, a mail bomb).
    public static let maximumBodyBytes = 1 << 20

    public static func parse(line: Substring, number: Int) -> Result<IngestRecord, IngestLineError> {
        func fail(_ reason: String) -> Result<IngestRecord, IngestLineError> {
            .failure(IngestLineError(line: number, reason: reason))
        }
        let fields: [String: FlatJSONObject.Value]
        do {
            fields = try FlatJSONObject.parse(line)
        } catch {
            // Valid JSON that is not an object (an array, a string) gets its own reason.
            let isJSON = (try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])) != nil
            return fail(isJSON ? "expected a JSON object" : "not valid JSON")
        }
        func string(_ key: String, required: Bool) -> Result<String?, IngestLineError> {
            switch fields[key] {
            case nil, .null:
                return required ? .failure(IngestLineError(line: number, reason: "missing field '\(key)'")) : .success(nil)
            case .string(let value):
                if required && value.unicodeScalars.allSatisfy(\.isHorizontalSpace) {
                    return .failure(IngestLineError(line: number, reason: "field '\(key)' is empty"))
                }
                return .success(value)
            default:
                return .failure(IngestLineError(line: number, reason: "field '\(key)' must be a string"))
            }
        }
        do throws(IngestLineError) {
            let id = try string("id", required: true).get()!
            let conversation = try string("conversation", required: true).get()!
            let channelText = try string("channel", required: true).get()!
            guard let channel = Channel(rawValue: channelText) else {
                return fail("field 'channel': '\(channelText.prefix(40))' is not one of email, chat, marketplace")
            }
            let marketplaceText = try string("marketplace", required: false).get() ?? "other"
            guard let marketplace = Marketplace(rawValue: marketplaceText) else {
                let known = Marketplace.allCases.map(\.rawValue).joined(separator: ", ")
                return fail("field 'marketplace': '\(marketplaceText.prefix(40))' is not one of \(known)")
            }
            let directionText = try string("direction", required: true).get()!
            guard let direction = MessageDirection(rawValue: directionText) else {
                return fail("field 'direction': '\(directionText.prefix(40))' is not one of in, out, note, auto")
            }
            let atText = try string("at", required: true).get()!
            guard let at = RFC3339.parse(atText) else {
                return fail("field 'at': '\(atText.prefix(40))' is not an RFC 3339 time like 2026-11-23T08:15:00Z")
            }
            guard at >= InputLimits.earliest, at <= InputLimits.latest else {
                return fail("field 'at': '\(atText.prefix(40))' is outside the years 1970 to 9999")
            }
            let from = try string("from", required: direction == .inbound || direction == .automatic).get() ?? ""
            let to = try string("to", required: direction == .outbound).get() ?? ""
            let body = try string("body", required: false).get() ?? ""
            guard body.utf8.count <= maximumBodyBytes else {
                return fail("field 'body' is \(body.utf8.count) bytes, over the limit of \(maximumBodyBytes)")
            }
            let language = try string("language", required: false).get()
            let subject = try string("subject", required: false).get() ?? ""
            let order = try string("order", required: false).get()
            let segment = try string("segment", required: false).get()
            for (field, value, limit) in [
                ("id", id, InputLimits.idBytes), ("conversation", conversation, InputLimits.conversationBytes),
                ("from", from, InputLimits.addressBytes), ("to", to, InputLimits.addressBytes),
                ("subject", subject, InputLimits.subjectBytes), ("order", order ?? "", InputLimits.orderBytes),
                ("language", language ?? "", InputLimits.languageBytes), ("segment", segment ?? "", InputLimits.segmentBytes),
            ] {
                if let reason = InputLimits.overLimit(field, value, limit: limit) { return fail(reason) }
            }
            if let language, !isLanguageTag(language) {
                return fail("field 'language': '\(language.prefix(40))' is not a BCP 47 tag like en or de-DE")
            }
            var record = IngestRecord(
                id: id, conversation: conversation, channel: channel, marketplace: marketplace,
                direction: direction, from: from, to: to, at: at,
                subject: subject, body: body,
                order: order.flatMap { $0.isEmpty ? nil : $0 },
                language: language)
            if let kindText = try string("kind", required: false).get() {
                guard let kind = TicketKind(rawValue: kindText) else {
                    let known = TicketKind.allCases.map(\.rawValue).joined(separator: ", ")
                    return fail("field 'kind': '\(kindText.prefix(40))' is not one of \(known)")
                }
                record.kind = kind
            }
            switch fields["tags"] {
            case nil, .null: break
            case .strings(let tags):
                guard tags.count <= InputLimits.tagCount else {
                    return fail("field 'tags' has \(tags.count) tags, over the limit of \(InputLimits.tagCount)")
                }
                if let long = tags.first(where: { $0.utf8.count > InputLimits.tagBytes }) {
                    return fail("field 'tags': a tag is \(long.utf8.count) bytes, over the limit of \(InputLimits.tagBytes)")
                }
                record.tags = Set(tags.map { $0.lowercased() }.filter { !$0.isEmpty && !$0.contains(",") })
            default: return fail("field 'tags' must be an array of strings")
            }
            record.segment = segment.flatMap { $0.isEmpty ? nil : $0 }
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
