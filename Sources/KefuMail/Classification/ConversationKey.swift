/// The conversation a message belongs to, from what the message itself says:
///
/// 1. `ref:<root id>` — the first of References (the thread's root), else In-Reply-To;
/// 2. `<marketplace>:<relay address>[:<order>]` — marketplace relays start each message afresh,
///    but the relay address stands for one buyer and the order for one case;
/// 3. `subject:<normalised subject>|<customer>` — the same person writing about the same thing
///    (the sender; for mail the team wrote first, its recipient, see `subject(_:customer:)`).
///
/// A root message cannot know the id its replies will cite; `MailThreader` joins the two by
/// remembering which conversation each message id went to.
public enum ConversationKey {
    public static func derive(
        references: [String], inReplyTo: [String], classification: MailClassification, subject: String, sender: String
    ) -> String {
        if let root = references.first ?? inReplyTo.first {
            return "ref:" + root
        }
        if let relay = classification.relayAddress {
            let base = "\(classification.marketplace.rawValue):\(relay)"
            return classification.orderID.map { base + ":" + $0 } ?? base
        }
        return Self.subject(subject, customer: sender)
    }

    /// The key of a conversation with `customer` about `subject`, whoever wrote the message.
    public static func subject(_ subject: String, customer: String) -> String {
        "subject:" + SubjectNormalizer.threadingKey(subject) + "|" + customer.lowercased()
    }
}
