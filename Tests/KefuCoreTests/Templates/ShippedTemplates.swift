import Foundation
import KefuCore

/// The template library as shipped in the repository's `Resources/templates`, found from this
/// file's path so the tests read exactly the files that get committed.
enum ShippedTemplates {
    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Resources/templates")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        fatalError("Resources/templates not found above \(#filePath)")
    }()

    static func library() throws -> TemplateLibrary {
        try TemplateLibrary.load(from: [folder])
    }

    /// What the console fills from a ticket: every context placeholder has a value.
    static let ticketContext = TemplateContext(values: [
        "customer_name": "Anna Meyer", "customer_first_name": "Anna", "order_id": "302-1234567-7654321",
        "tracking_number": "RB123456785GB", "carrier": "Royal Mail",
        "tracking_url": "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB",
        "agent_name": "Li Wei", "store_name": "Sunny Home", "signature": "Li Wei\nSunny Home",
    ])

    /// The ticket context plus a value for each of the template's agent fields.
    static func filledContext(for template: Template) -> TemplateContext {
        var context = ticketContext
        for field in template.fields { context[field] = "12" }
        return context
    }

    /// Templates answering a complaint: they must offer the buyer a choice.
    static let complaintTemplates: Set<String> = [
        "parcel-in-transit", "parcel-lost-reshipped", "return-exchange", "wrong-item-received", "missing-item",
        "damaged-parcel", "quality-problem", "customs-delay", "refund-options",
    ]

    /// The most used situations, which also ship in Russian, Portuguese and Japanese.
    static let mostUsed: [String] = [
        "parcel-in-transit", "customs-delay", "wrong-item-received", "damaged-parcel", "refund-options",
        "closing-confirmation", "greeting-visitor",
    ]
}
