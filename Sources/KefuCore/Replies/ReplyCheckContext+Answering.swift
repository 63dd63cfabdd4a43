extension ReplyCheckContext {
    /// What the checks know about a reply to `ticket`: the one way both the console's `Ctrl-S`
    /// and `kefu reply` build it, so a reply passes or fails the same checks wherever it is sent.
    public static func answering(
        ticket: Ticket?, messages: [Message], order: Order?, stage: TemplateStage? = nil, templateFields: [String] = [],
        attachesEvidence: Bool?, customerName: String? = nil
    ) -> ReplyCheckContext {
        let lastCustomer = messages.last { $0.direction == .inbound }?.body
        // The thread read whole: the subject often names the complaint the body only describes,
        // and a chaser ("Any news?") is the last message of a complaint.
        let customerMessages = messages.filter { $0.direction == .inbound }.map(\.body)
        return ReplyCheckContext(
            customerLanguage: ticket?.language ?? lastCustomer.flatMap(LanguageDetector.detect),
            stage: stage,
            isComplaint: ComplaintDetector.isComplaint(subject: ticket?.subject, messages: customerMessages),
            customerLastMessage: lastCustomer,
            orderID: ticket?.orderID ?? order?.id,
            trackingNumbers: order?.parcels.map(\.trackingNumber) ?? [],
            templateFields: templateFields,
            attachesEvidence: attachesEvidence,
            customerName: customerName ?? ticket?.customerName)
    }
}
