/// Puts each message of a stream into a conversation, joining replies to the message they
/// answer even when that message was keyed differently (a root message knows no References).
///
/// A message joins the conversation of the nearest message it cites (In-Reply-To, then
/// References newest first) that the threader has seen or `lookup` knows (the store: the
/// conversation of an already stored message id). A message that an earlier one cited joins
/// that one's conversation. Otherwise it starts its own, under its `conversationKey`.
///
///     var threader = MailThreader { id in store.conversation(ofMessage: id) }
///     let record = mail.ingestRecord(conversation: threader.conversation(for: mail), receivedAt: now)
public struct MailThreader {
    private var conversationByMessageID: [String: String] = [:]
    private let lookup: (String) -> String?

    public init(lookup: @escaping (String) -> String? = { _ in nil }) {
        self.lookup = lookup
    }

    public mutating func conversation(for mail: ParsedMail) -> String {
        let cited = mail.inReplyTo + mail.references.reversed()
        var conversation: String?
        for id in cited {
            if let known = conversationByMessageID[id] ?? lookup(id) {
                conversation = known
                break
            }
        }
        if conversation == nil, let own = mail.messageID {
            conversation = conversationByMessageID[own]
        }
        let result = conversation ?? mail.conversationKey
        if let own = mail.messageID { conversationByMessageID[own] = result }
        for id in cited where conversationByMessageID[id] == nil {
            conversationByMessageID[id] = result
        }
        return result
    }
}
