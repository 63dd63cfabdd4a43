import Foundation

/// What `kefu notify` asks of a store: the recipients of a selection, read in one go, and the
/// notices queued in batches, each batch one transaction.
public protocol NoticeStore: AnyObject, Sendable {
    /// The recipients a selection matches (`NoticeSelection`), merged-away customers followed
    /// to the record that stands: customers in id order, orders in the order given (or by id).
    func noticeRecipients(_ selection: NoticeSelection) throws -> [NoticeRecipient]

    /// Queues the notices: for each a ticket in its own conversation (`Notice.key`, tagged
    /// `notice`, solved: nothing waits for an answer until the customer writes), one outbound
    /// message and its outbox row with the idempotency key `Notice.key` and a "not before" time
    /// spaced by `pace` per channel. A notice whose key the store already holds is skipped, so
    /// a run cut short (even by kill -9) and run again queues only the rest. At most
    /// `noticeBatchSize` notices per transaction; `progress` hears the running totals after each.
    func queueNotices(_ notices: [Notice], pace: NoticePace, now: Date, progress: (NoticeQueueSummary) -> Void) throws -> NoticeQueueSummary

    /// Marks the customer opted out of notices from `at` on (ingest does this for a message
    /// that asks to unsubscribe); an earlier time is kept.
    func optOut(customerID: Int64, at: Date) throws
}

extension NoticeStore {
    public func queueNotices(_ notices: [Notice], pace: NoticePace, now: Date) throws -> NoticeQueueSummary {
        try queueNotices(notices, pace: pace, now: now, progress: { _ in })
    }
}

/// Notices per write transaction: large enough that the commits' waits for the disk do not
/// dominate, small enough that an agent's send waits a few milliseconds at most.
public let noticeBatchSize = 500

/// What a queueing did.
public struct NoticeQueueSummary: Sendable, Hashable {
    public var queued = 0
    /// Notices whose key was already stored (an earlier run queued them).
    public var alreadyQueued = 0
    /// The "not before" times of the first and last notice queued now.
    public var firstAt: Date?
    public var lastAt: Date?

    public init(queued: Int = 0, alreadyQueued: Int = 0, firstAt: Date? = nil, lastAt: Date? = nil) {
        self.queued = queued
        self.alreadyQueued = alreadyQueued
        self.firstAt = firstAt
        self.lastAt = lastAt
    }
}

extension NoticeQueueSummary {
    /// Queues `notices` in batches of `size`, one `write` (one transaction) each, adding up what
    /// the batches did and reporting the running total after each: the loop every backend runs.
    public static func inBatches(
        _ notices: [Notice], size: Int, progress: (NoticeQueueSummary) -> Void,
        write: (ArraySlice<Notice>) throws -> NoticeQueueSummary
    ) rethrows -> NoticeQueueSummary {
        var summary = NoticeQueueSummary()
        for start in stride(from: 0, to: notices.count, by: size) {
            let done = try write(notices[start..<min(notices.count, start + size)])
            summary.queued += done.queued
            summary.alreadyQueued += done.alreadyQueued
            summary.firstAt = summary.firstAt ?? done.firstAt
            summary.lastAt = done.lastAt ?? summary.lastAt
            progress(summary)
        }
        return summary
    }
}
