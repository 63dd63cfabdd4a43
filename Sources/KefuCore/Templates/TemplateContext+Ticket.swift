import Foundation

extension TemplateContext {
    /// The values a ticket gives its reply: customer, order, the newest parcel's tracking, agent.
    /// The tracking URL uses `universalTrackingURL` (`{n}` = number) until a carrier-specific
    /// page is known for the parcel.
    public static func make(
        ticket: Ticket?, order: Order?, agentName: String, storeName: String,
        universalTrackingURL: String = "https://t.17track.net/en#nums={n}",
        trackingURL: ((Parcel) -> String?)? = nil
    ) -> TemplateContext {
        var context = TemplateContext()
        context["agent_name"] = agentName
        context["store_name"] = storeName
        context["signature"] = "\(agentName)\n\(storeName)"
        if let ticket {
            let name = TerminalSanitizer.oneLine(ticket.customerName)
            context["customer_name"] = name
            context["customer_first_name"] = String(name.split(separator: " ").first ?? Substring(name))
            context["order_id"] = ticket.orderID ?? order?.id
        }
        if let parcel = order?.parcels.first {
            context["tracking_number"] = parcel.trackingNumber
            context["carrier"] = parcel.carrier
            context["tracking_url"] = trackingURL?(parcel)
                ?? universalTrackingURL.replacingOccurrences(of: "{n}", with: parcel.trackingNumber)
        }
        return context
    }
}
