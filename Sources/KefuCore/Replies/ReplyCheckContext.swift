/// What the checks know about the ticket a reply answers. Everything is optional: a check whose
/// facts are missing stays silent rather than guess.
public struct ReplyCheckContext: Sendable, Hashable {
    /// The customer's language (BCP 47), from the ticket or `LanguageDetector`.
    public var customerLanguage: String?
    public var stage: TemplateStage?
    /// The customer complains (late, wrong, broken, missing): the reply must offer a choice.
    public var isComplaint: Bool
    /// The customer's last message, to see whether it asked a question.
    public var customerLastMessage: String?
    public var orderID: String?
    public var trackingNumbers: [String]
    /// The agent fields of the template the reply started from, to name them in fixes.
    public var templateFields: [String]
    /// Whether the evidence the reply references goes out as attachments; nil when the
    /// caller does not know (then the reply's promise of an attachment is not checked).
    public var attachesEvidence: Bool?
    /// The customer's name as the ticket knows it, so a greeting to someone else is caught.
    public var customerName: String?

    public init(
        customerLanguage: String? = nil, stage: TemplateStage? = nil, isComplaint: Bool = false,
        customerLastMessage: String? = nil, orderID: String? = nil, trackingNumbers: [String] = [],
        templateFields: [String] = [], attachesEvidence: Bool? = nil, customerName: String? = nil
    ) {
        self.customerName = customerName
        self.attachesEvidence = attachesEvidence
        self.customerLanguage = customerLanguage
        self.stage = stage
        self.isComplaint = isComplaint
        self.customerLastMessage = customerLastMessage
        self.orderID = orderID
        self.trackingNumbers = trackingNumbers
        self.templateFields = templateFields
    }
}
