import Foundation

/// Who a notice goes to, as `kefu notify` names them: one of four selections.
///
/// - `segment`: every customer in a named segment (`SegmentRules`), as last computed;
/// - `filter`: the customers of the open tickets the queue's `/` filter finds (every word in
///   the ticket's search text: customer, address, subject, snippet, order);
/// - `carrier`: the orders with a parcel that carrier (any case) shipped from the start of
///   `from` to before `until`;
/// - `orders`: the orders with these ids (a CSV's order column), in the order given.
///
/// A segment or a filter gives customers (each with their latest order, for templates that
/// name one); a carrier or a list of orders gives orders (each with its customer).
public enum NoticeSelection: Sendable, Hashable, CustomStringConvertible {
    case segment(String)
    case filter(String)
    case carrier(String, from: Date, until: Date)
    case orders([String])

    /// Whether each recipient is an order (else a customer).
    public var selectsOrders: Bool {
        switch self {
        case .segment, .filter: false
        case .carrier, .orders: true
        }
    }

    /// The selection in words, for messages (user text made safe for the terminal).
    public var description: String {
        switch self {
        case .segment(let name): "segment \(TerminalSanitizer.oneLine(name))"
        case .filter(let text): "filter \"\(TerminalSanitizer.oneLine(text))\""
        case .carrier(let carrier, let from, let until):
            "orders shipped by \(TerminalSanitizer.oneLine(carrier)) from \(Self.day(from)) to \(Self.day(until.addingTimeInterval(-1)))"
        case .orders(let ids): "\(CountText.of(ids.count, "order id")) from the file"
        }
    }

    /// The part of a derived campaign id that names this selection: the same selection gives
    /// the same id on every run, so a re-run finds what the first run queued.
    public var campaignPart: String {
        switch self {
        case .segment(let name): "segment-" + NoticeCampaign.slug(name)
        case .filter(let text): "filter-" + NoticeCampaign.slug(text) + "-" + NoticeCampaign.stableHash(text)
        case .carrier(let carrier, let from, let until):
            "carrier-" + NoticeCampaign.slug(carrier) + "-" + Self.day(from) + "-" + Self.day(until.addingTimeInterval(-1))
        case .orders(let ids): "orders-\(ids.count)-" + NoticeCampaign.stableHash(ids.joined(separator: "\n"))
        }
    }

    private static func day(_ date: Date) -> String { String(RFC3339.format(date).prefix(10)) }
}
