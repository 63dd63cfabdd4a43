import Foundation

/// What the customer's problem turned out to be, recorded when a ticket is solved. The feedback
/// report counts these per week so purchasing, the warehouse and logistics see their share.
public enum Problem: String, Sendable, Hashable, CaseIterable, Codable {
    case productQuestion = "product-question"
    case wrongItem = "wrong-item"
    case missingItem = "missing-item"
    case damagedParcel = "damaged-parcel"
    case qualityProblem = "quality-problem"
    case lateOrLostParcel = "late-or-lost-parcel"
    case customs
    case refundRequest = "refund-request"
    case payment
    case other

    public var title: String {
        switch self {
        case .productQuestion: "product question"
        case .wrongItem: "wrong item"
        case .missingItem: "missing item"
        case .damagedParcel: "damaged parcel"
        case .qualityProblem: "quality problem"
        case .lateOrLostParcel: "late / lost parcel"
        case .customs: "customs"
        case .refundRequest: "refund request"
        case .payment: "payment"
        case .other: "other"
        }
    }

    /// The key that picks it in the console's outcome prompt (first of the two keystrokes).
    public var key: Character {
        switch self {
        case .productQuestion: "i"
        case .wrongItem: "w"
        case .missingItem: "m"
        case .damagedParcel: "d"
        case .qualityProblem: "q"
        case .lateOrLostParcel: "l"
        case .customs: "c"
        case .refundRequest: "r"
        case .payment: "p"
        case .other: "o"
        }
    }

    /// The resolution preselected for this problem, so the common path is two keystrokes; the
    /// agent changes it with a digit before pressing the second key.
    public var usualResolution: Resolution {
        switch self {
        case .productQuestion, .customs, .payment, .other: .answered
        case .wrongItem, .missingItem, .damagedParcel, .lateOrLostParcel: .reship
        case .qualityProblem: .partialRefund
        case .refundRequest: .refund
        }
    }
}

/// Who caused the problem ("统计分责": attributing responsibility to a department).
public enum ResponsibleParty: String, Sendable, Hashable, CaseIterable, Codable {
    case seller, warehouse, carrier, customs, customer, platform

    public var title: String { rawValue }

    /// The key that picks it in the console's outcome prompt (second keystroke, which solves).
    public var key: Character {
        switch self {
        case .seller: "s"
        case .warehouse: "w"
        case .carrier: "c"
        case .customs: "x"
        case .customer: "u"
        case .platform: "p"
        }
    }
}

/// How the ticket was resolved for the customer.
public enum Resolution: String, Sendable, Hashable, CaseIterable, Codable {
    case answered
    case refund
    case partialRefund = "partial-refund"
    case reship
    case repair
    case `return`
    case noAction = "no-action"

    public var title: String {
        switch self {
        case .partialRefund: "partial refund"
        case .noAction: "no action"
        default: rawValue
        }
    }

    /// The digit that changes it in the console's outcome prompt (1 answered … 7 no action).
    public var key: Character {
        Character(String((Self.allCases.firstIndex(of: self) ?? 0) + 1))
    }
}

/// The three answers of the outcome prompt.
public struct OutcomeChoice: Sendable, Hashable, Codable {
    public var problem: Problem
    public var responsible: ResponsibleParty
    public var resolution: Resolution

    public init(problem: Problem, responsible: ResponsibleParty, resolution: Resolution? = nil) {
        self.problem = problem
        self.responsible = responsible
        self.resolution = resolution ?? problem.usualResolution
    }

    public var summary: String { "\(problem.title) · \(responsible.title) · \(resolution.title)" }
}

/// An outcome as stored: the choice, who recorded it and when, and the ticket's order.
public struct RecordedOutcome: Sendable, Hashable {
    public var ticketID: Int64
    public var choice: OutcomeChoice
    public var recordedBy: String
    public var recordedAt: Date
    /// When the ticket was solved (an edit later keeps it, so the report's weeks do not move).
    public var solvedAt: Date
    public var orderID: String?

    public init(ticketID: Int64, choice: OutcomeChoice, recordedBy: String, recordedAt: Date, solvedAt: Date, orderID: String?) {
        self.ticketID = ticketID
        self.choice = choice
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.solvedAt = solvedAt
        self.orderID = orderID
    }
}
