import Foundation

/// A batch's delivery reports, applied the same way by every backend: each failed report
/// names the reply it returns (by the Message-ID fixed when the reply was queued); the backend
/// marks that outbox row `bounced` with the report's reason (`markBounced`), and the reply's
/// ticket comes back into the queue (`TicketDraft.replyBounced`) in the batch's drafts, so it is
/// written once with the rest of the batch.
public enum ReplyBounces {
    /// The reply a report returned: its ticket and when it was sent.
    public struct Returned: Sendable {
        public var ticketID: Int64
        public var replyAt: Date

        public init(ticketID: Int64, replyAt: Date) {
            self.ticketID = ticketID
            self.replyAt = replyAt
        }
    }

    /// What the outbox says when a report gives no reason.
    public static let unexplained = "the receiving mail server returned it"

    /// - `markBounced(messageID, reason, at)`: marks the outbox row with that Message-ID bounced
    ///   unless it already is; returns the reply, or nil when no (other) reply has that id.
    /// - `fetchDraft(ticketID)`: the stored ticket (locked, where the backend locks), for a
    ///   reply whose ticket the batch has not touched.
    /// - `order`: the conversations the batch writes, in order; a fetched ticket joins it.
    public static func apply(
        _ records: some Sequence<IngestRecord>, drafts: inout [String: TicketDraft], order: inout [String],
        markBounced: (_ messageID: String, _ reason: String, _ at: Date) throws -> Returned?,
        fetchDraft: (_ ticketID: Int64) throws -> TicketDraft?
    ) throws {
        for record in records {
            guard let automatic = record.automatic, automatic.kind == .deliveryFailed, let about = automatic.about,
                  let returned = try markBounced(about, automatic.reason ?? unexplained, record.at) else { continue }
            var key = drafts.first { $0.value.id == returned.ticketID }?.key
            if key == nil, let stored = try fetchDraft(returned.ticketID) {
                key = stored.conversation
                drafts[stored.conversation] = stored
            }
            guard let key else { continue }
            if !order.contains(key) { order.append(key) }
            drafts[key]!.replyBounced(replyAt: returned.replyAt, at: record.at, reason: automatic.reason)
        }
    }
}
