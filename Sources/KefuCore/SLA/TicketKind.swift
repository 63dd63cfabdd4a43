/// What a conversation is about, as far as deadlines care: marketplaces give a plain buyer
/// message, a return request, an item-not-received case and a refund request different clocks
/// (Amazon returns 48 h, eBay item-not-received 3 business days, AliExpress refunds 5 days).
public enum TicketKind: String, Sendable, Hashable, CaseIterable, Codable {
    case message
    case returnRequest = "return_request"
    case itemNotReceived = "item_not_received"
    case refundRequest = "refund_request"
}
