import Foundation

/// A send refused because the ticket moved on since the agent opened it: someone else replied
/// or wrote a note, or the customer wrote again. Nothing was stored; the agent is shown what
/// arrived and sends again (with the newer `seenThrough`) only if the reply still fits.
public struct ReplyCollision: Error, Sendable, Hashable, CustomStringConvertible {
    public var ticketID: Int64
    /// The messages newer than the one the agent had seen, oldest first.
    public var arrived: [Message]

    public init(ticketID: Int64, arrived: [Message]) {
        self.ticketID = ticketID
        self.arrived = arrived
    }

    /// The newest message id, for the send that goes ahead anyway.
    public var newestID: Int64 { arrived.last?.id ?? 0 }

    /// "Zhang Min replied at 14:03" — who wrote what kind of message, newest last; the names
    /// are sanitised, the text itself is not repeated here (the thread shows it).
    public func summary(timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "HH:mm"
        let parts = arrived.suffix(3).map { message -> String in
            let who = TerminalSanitizer.oneLine(message.author.isEmpty ? "someone" : message.author)
            let what = switch message.direction {
            case .outbound: "replied"
            case .note: "wrote a note"
            case .inbound: "(the customer) wrote again"
            case .automatic: "(a machine: an auto-reply or delivery report) wrote"
            }
            return "\(who) \(what) at \(formatter.string(from: message.at))"
        }
        let more = arrived.count > 3 ? " and \(arrived.count - 3) more" : ""
        return parts.joined(separator: ", ") + more
    }

    public var description: String {
        "#\(ticketID) has \(arrived.count) newer message\(arrived.count == 1 ? "" : "s") since it was opened; the reply was not sent"
    }
}
