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
    private var conversationByMessageID = ConversationIndex()
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

/// Message-ID → conversation for one import run, kept small so memory stays nearly flat as a
/// mailbox grows: ids are held as 128-bit digests (two differently seeded hashes; a false match
/// among a billion ids is below one in 10^20) and each conversation name is stored once.
/// Holding the ids themselves cost about 300 bytes a message.
struct ConversationIndex {
    private struct Digest: Hashable {
        var high: Int
        var low: Int

        init(_ id: String) {
            var first = Hasher(), second = Hasher()
            first.combine(id)
            second.combine(0x5EED as UInt16)
            second.combine(id)
            high = first.finalize()
            low = second.finalize()
        }
    }

    private var numberByID: [Digest: Int32] = [:]
    private var names: [String] = []
    private var numberByName: [String: Int32] = [:]

    subscript(id: String) -> String? {
        get { numberByID[Digest(id)].map { names[Int($0)] } }
        set {
            guard let newValue else { numberByID[Digest(id)] = nil; return }
            let number: Int32
            if let known = numberByName[newValue] {
                number = known
            } else {
                number = Int32(names.count)
                names.append(newValue)
                numberByName[newValue] = number
            }
            numberByID[Digest(id)] = number
        }
    }
}
