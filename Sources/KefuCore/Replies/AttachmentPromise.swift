extension ReplyChecks {
    /// An evidence reference without a public link tells the customer "It is attached to this
    /// message." (in their language). Sent without the attachment, that sentence is untrue, and
    /// the customer is left looking for a file: warn, pointing at the sentence.
    static func attachmentPromise(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        guard context.attachesEvidence == false, !EvidenceReference.ids(in: text.text).isEmpty else { return [] }
        for sentence in EvidenceReference.attachmentSentences {
            guard let range = text.text.range(of: sentence) else { continue }
            return [
                ReplyFinding(
                    kind: .attachmentPromised,
                    message: "the reply says the evidence is attached, but no file is attached",
                    location: text.location(of: range),
                    fix: "attach the referenced evidence (Ctrl-O), or delete the sentence")
            ]
        }
        return []
    }
}
