import Foundation

/// Drafts that remember whether their evidence goes out as attachments (Ctrl-O in the
/// composer), so a console that closes or crashes gives the agent back the choice with the text.
public protocol DraftAttachmentChoice: Sendable {
    func draftAttachesEvidence(ticketID: Int64) throws -> Bool
    /// Saves the text and the choice together (an empty text removes the draft, as `saveDraft`).
    func saveDraft(ticketID: Int64, body: String, attachEvidence: Bool, now: Date) throws
}
