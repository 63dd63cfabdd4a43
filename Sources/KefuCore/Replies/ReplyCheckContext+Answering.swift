extension ReplyCheckContext {
    /// What the checks know about a reply to `ticket`: the one way both the console's `Ctrl-S`
    /// and `kefu reply` build it, so a reply passes or fails the same checks wherever it is sent.
    public static func answering(
        ticket: Ticket?, messages: [Message], order: Order?, stage: TemplateStage? = nil, templateFields: [String] = [],
        attachesEvidence: Bool?
    ) -> ReplyCheckContext {
        let lastCustomer = messages.last { $0.direction == .inbound }?.body
        return ReplyCheckContext(
            customerLanguage: ticket?.language ?? lastCustomer.flatMap(LanguageDetector.detect),
            stage: stage,
            isComplaint: lastCustomer.map(ComplaintDetector.isComplaint) ?? false,
            customerLastMessage: lastCustomer,
            orderID: ticket?.orderID ?? order?.id,
            trackingNumbers: order?.parcels.map(\.trackingNumber) ?? [],
            templateFields: templateFields,
            attachesEvidence: attachesEvidence)
    }
}
