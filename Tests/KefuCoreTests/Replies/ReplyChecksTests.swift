import Foundation
import Testing
@testable import KefuCore

@Suite struct ReplyChecksTests {
    /// A reply that passes every check for a complaining English customer who asked a question.
    private let good = """
        Dear Anna,

        Thank you for your message, and we are sorry that order 302-1234567-7654321 is late.

        You can follow it here: https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB

        If it has not arrived within 7 days, we will send a new parcel or refund you, as you prefer.

        Kind regards,
        Li Wei
        """

    private let complaint = ReplyCheckContext(
        customerLanguage: "en", stage: .afterSale, isComplaint: true,
        customerLastMessage: "Where is my parcel? It is two weeks late!", orderID: "302-1234567-7654321",
        trackingNumbers: ["RB 123 456 785 GB"], templateFields: ["discount_percent"])

    private func kinds(_ reply: String, _ context: ReplyCheckContext? = nil) -> [ReplyFinding.Kind] {
        ReplyChecks.check(reply, context: context ?? complaint).map(\.kind)
    }

    @Test func aGoodReplyHasNoFindings() {
        #expect(ReplyChecks.check(good, context: complaint).isEmpty)
    }

    @Test func emptyReplyBlocks() {
        let findings = ReplyChecks.check("  \n\n ", context: complaint)
        #expect(findings.map(\.kind) == [.emptyReply])
        #expect(findings.blocksSending)
    }

    @Test func unfilledPlaceholderBlocksAndSaysWhereAndWhatToDo() throws {
        let reply = good.replacingOccurrences(of: "within 7 days", with: "within 7 days, with {discount_percent}% off")
        let finding = try #require(ReplyChecks.check(reply, context: complaint).first)
        #expect(finding.kind == .unfilledPlaceholder)
        #expect(finding.isBlocking)
        #expect(finding.location.line == 7)
        #expect(finding.location.excerpt == "{discount_percent}")
        #expect(finding.fix.contains("discount_percent"))

        let fromTicket = try #require(ReplyChecks.check("Dear Anna, thank you. Tracking: {tracking_url}", context: complaint).first)
        #expect(fromTicket.kind == .unfilledPlaceholder)
        #expect(fromTicket.location.column == 33)
        #expect(fromTicket.fix.contains("the ticket has no tracking url"))

        let plural = ReplyChecks.check("Dear Anna, thank you. Within {days|plural: one=# day; other=# days}.")
        #expect(plural.map(\.kind) == [.unfilledPlaceholder])
    }

    @Test func leftoverMarkersBlock() {
        for marker in ["(Your name)", "[name]", "XXX", "item#xxx", "xx% off", "[insert tracking link]", "(Ihr Name)"] {
            let reply = good.replacingOccurrences(of: "Li Wei", with: marker)
            #expect(kinds(reply).contains(.leftoverMarker), "\(marker)")
        }
        #expect(kinds(good.replacingOccurrences(of: "Dear Anna", with: "Dear X")).contains(.leftoverMarker))
        // Sizes and ordinary brackets are not markers.
        #expect(!kinds(good + "\n(size XL, blue)").contains(.leftoverMarker))
        #expect(!kinds(good.replacingOccurrences(of: "Dear Anna", with: "Dear Xavier")).contains(.leftoverMarker))
    }

    @Test func unsafeLinkBlocks() throws {
        let reply = good.replacingOccurrences(
            of: "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB",
            with: "https://www.amazon.com@evil.example/track")
        let finding = try #require(ReplyChecks.check(reply, context: complaint).first)
        #expect(finding.kind == .unsafeLink)
        #expect(finding.isBlocking)
        #expect(finding.location.line == 5)
        #expect(finding.message.contains("evil.example"))
    }

    @Test func shoutedParagraphWarns() {
        let shouted = good.replacingOccurrences(
            of: "You can follow it here:", with: "PLEASE DO NOT OPEN A CASE BEFORE YOU WRITE TO US. You can follow it here:")
        #expect(!kinds(shouted).contains(.shoutedParagraph))  // one sentence in a paragraph is not the whole paragraph
        let whole = good + "\n\nPLEASE DO NOT LEAVE NEGATIVE FEEDBACK BEFORE CONTACTING US."
        let findings = ReplyChecks.check(whole, context: complaint).filter { $0.kind == .shoutedParagraph }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.location.line == 12)
        #expect(!kinds(good + "\n\nTracking: RB123456785GB").contains(.shoutedParagraph))
    }

    @Test func longSentenceWarns() {
        let long = good + "\n\n" + Array(repeating: "we", count: 34).joined(separator: " ") + " know."
        #expect(kinds(long).contains(.longSentence))
        let japanese = "山田様\n\nありがとうございます。" + String(repeating: "配送状況を確認しております", count: 8) + "。"
        #expect(kinds(japanese, ReplyCheckContext()).contains(.longSentence))
        #expect(!kinds(good).contains(.longSentence))
    }

    @Test func missingGreetingOrThanksWarns() {
        let noGreeting = good.replacingOccurrences(of: "Dear Anna,\n\n", with: "")
        #expect(kinds(noGreeting).contains(.missingGreeting))
        let noThanks = good.replacingOccurrences(of: "Thank you for your message, and we", with: "We")
        #expect(kinds(noThanks).contains(.missingThanks))
        #expect(!kinds(noThanks).contains(.missingGreeting))
        let german = "Hallo Anna,\n\nvielen Dank für Ihre Nachricht."
        #expect(kinds(german, ReplyCheckContext(customerLanguage: "de")).isEmpty)
        let japanese = "山田様\n\nお問い合わせいただき、ありがとうございます。"
        #expect(kinds(japanese, ReplyCheckContext(customerLanguage: "ja")).isEmpty)
    }

    @Test func complaintWithOneSolutionWarns() throws {
        let one = good.replacingOccurrences(of: "we will send a new parcel or refund you, as you prefer", with: "we will refund you")
        let finding = try #require(ReplyChecks.check(one, context: complaint).first { $0.kind == .tooFewSolutions })
        #expect(finding.message.contains("1 solution"))
        #expect(!kinds(one, ReplyCheckContext(customerLanguage: "en", stage: .afterSale, isComplaint: false)).contains(.tooFewSolutions))
        let partialOnly = good.replacingOccurrences(of: "we will send a new parcel or refund you, as you prefer", with: "we offer a partial refund")
        #expect(kinds(partialOnly).contains(.tooFewSolutions))
        let french = "Bonjour Anna,\n\nMerci. Nous vous envoyons un nouveau colis ou nous vous remboursons."
        #expect(!kinds(french, ReplyCheckContext(customerLanguage: "fr", isComplaint: true)).contains(.tooFewSolutions))
    }

    @Test func replyInAnotherLanguageWarns() {
        let german = ReplyCheckContext(customerLanguage: "de-DE", customerLastMessage: "Danke")
        #expect(kinds(good, german).contains(.languageMismatch))
        #expect(!kinds(good, ReplyCheckContext(customerLanguage: "en-GB")).contains(.languageMismatch))
        #expect(!kinds(good, ReplyCheckContext(customerLanguage: nil)).contains(.languageMismatch))
    }

    @Test func questionAnsweredWithoutOrderOrTrackingWarns() {
        let vague = """
            Dear Anna,

            Thank you for your message. Your parcel is on its way and should arrive soon.
            If not, we will send a new one or refund you.

            Kind regards,
            Li Wei
            """
        #expect(kinds(vague).contains(.questionWithoutReference))
        // The tracking number written with spaces still counts.
        #expect(!kinds(vague + "\nTracking: RB123456785GB").contains(.questionWithoutReference))
        #expect(!kinds(vague + "\nOrder 3021234567-7654321").contains(.questionWithoutReference))
        var noQuestion = complaint
        noQuestion.customerLastMessage = "My parcel is late."
        #expect(!kinds(vague, noQuestion).contains(.questionWithoutReference))
    }

    @Test func findingsComeBlockingFirstThenByPosition() {
        let reply = "SORRY FOR THE DELAY WITH YOUR ORDER TODAY\n\nSee {tracking_url} (Your name)"
        let findings = ReplyChecks.check(reply, context: complaint)
        #expect(findings.first?.isBlocking == true)
        #expect(findings.prefix { $0.isBlocking }.map(\.kind) == [.unfilledPlaceholder, .leftoverMarker])
        #expect(findings.warnings.allSatisfy { !$0.isBlocking })
        #expect(!findings.warnings.isEmpty)
    }

    @Test("a reference that says the evidence is attached warns only when nothing is attached")
    func attachmentPromised() {
        let reply = "Dear Anna,\n\nEvidence EV-2F9A: weigh record of 2026-11-20 (SHA-256 2f9a41c07be3).\nEr ist dieser Nachricht beigefügt.\n\nBest regards,\nLi Wei"
        let off = ReplyChecks.check(reply, context: ReplyCheckContext(attachesEvidence: false)).filter { $0.kind == .attachmentPromised }
        #expect(off.count == 1)
        #expect(off.first?.location.line == 4 && off.first?.location.column == 1)
        #expect(off.first?.isBlocking == false)
        #expect(ReplyChecks.check(reply, context: ReplyCheckContext(attachesEvidence: true)).allSatisfy { $0.kind != .attachmentPromised })
        #expect(ReplyChecks.check(reply, context: ReplyCheckContext()).allSatisfy { $0.kind != .attachmentPromised })
        let noReference = reply.replacingOccurrences(of: "EV-2F9A", with: "the weigh record")
        #expect(ReplyChecks.check(noReference, context: ReplyCheckContext(attachesEvidence: false)).allSatisfy { $0.kind != .attachmentPromised })
    }
}
