import Foundation
import KefuCore
import Testing
@testable import KefuMail

@Suite struct ClassificationTests {
    @Test func amazonRelayGivesMarketplaceOrderAndRelayKey() throws {
        let mail = try MailFixtures.mail("1700000001")
        #expect(mail.classification.channel == .marketplace)
        #expect(mail.classification.marketplace == .amazon)
        #expect(mail.classification.orderID == "302-1234567-7654321")
        #expect(mail.classification.relayAddress == "a1b2c3d4e5@marketplace.amazon.de")
        #expect(mail.conversationKey == "amazon:a1b2c3d4e5@marketplace.amazon.de:302-1234567-7654321")
        #expect(mail.language == "de-DE")
    }

    @Test func ebayRelayFindsTheItemNumber() throws {
        let mail = try MailFixtures.mail("1700000002")
        #expect(mail.classification.marketplace == .ebay)
        #expect(mail.classification.channel == .marketplace)
        #expect(mail.classification.orderID == "284512345678")
    }

    @Test func aliexpressRelay() throws {
        let mail = try MailFixtures.mail("1700000024")
        #expect(mail.classification.marketplace == .aliexpress)
        #expect(mail.classification.orderID == "8123456789012345")
    }

    @Test func ownStoreMailWithShopifyStyleOrderNumber() throws {
        let mail = try MailFixtures.mail("1700000022")
        #expect(mail.classification.channel == .email)
        #expect(mail.classification.marketplace == .shopify)
        #expect(mail.classification.orderID == "1234")
        #expect(mail.conversationKey == "subject:where is order #1234?|lucy@client.example")
    }

    @Test func lookalikeDomainIsNotAmazon() throws {
        let mail = try MailFixtures.mail("1700000023")
        #expect(mail.classification.marketplace != .amazon)
        #expect(mail.classification.channel == .email)
    }

    @Test func relayDomains() {
        #expect(MarketplaceDetector.marketplace(forDomain: "marketplace.amazon.co.uk") == .amazon)
        #expect(MarketplaceDetector.marketplace(forDomain: "marketplace.amazon.co.jp") == .amazon)
        #expect(MarketplaceDetector.marketplace(forDomain: "amazon.com") == nil)
        #expect(MarketplaceDetector.marketplace(forDomain: "members.ebay.de") == .ebay)
        #expect(MarketplaceDetector.marketplace(forDomain: "ebay.com.evil.example") == nil)
        #expect(MarketplaceDetector.marketplace(forDomain: "relay.walmart.com") == .walmart)
        #expect(MarketplaceDetector.marketplace(forDomain: "mail.etsy.com") == .etsy)
        #expect(MarketplaceDetector.marketplace(forDomain: "shopee.com.my") == .shopee)
        #expect(MarketplaceDetector.marketplace(forDomain: "mystore.myshopify.com") == .shopify)
    }

    @Test func orderIDPatterns() {
        #expect(OrderIDFinder.find(in: "re 114-1234567-1234567.", marketplace: .amazon) == "114-1234567-1234567")
        #expect(OrderIDFinder.find(in: "x1114-1234567-1234567", marketplace: .amazon) == nil)
        #expect(OrderIDFinder.find(in: "order 12-34567-89012 item", marketplace: .ebay) == "12-34567-89012")
        // A 12-digit number outside eBay mail is as likely a FedEx tracking number.
        #expect(OrderIDFinder.find(in: "tracking 986578788855", marketplace: .other) == nil)
        #expect(OrderIDFinder.find(in: "Bestellung Nr. 40021 ist da", marketplace: .shopify) == "40021")
        #expect(OrderIDFinder.find(in: "my order is late", marketplace: .shopify) == nil)
    }

    @Test func replyJoinsTheRootsConversation() throws {
        let root = try MailFixtures.mail("1700000017")
        let reply = try MailFixtures.mail("1700000018")
        #expect(reply.references == ["root-0017@client.example", "kefu-answer-1@seller.example"])
        #expect(reply.inReplyTo == ["kefu-answer-1@seller.example"])
        #expect(reply.conversationKey == "ref:root-0017@client.example")
        var threader = MailThreader()
        let first = threader.conversation(for: root)
        #expect(threader.conversation(for: reply) == first)
    }

    @Test func threaderAsksTheStoreForCitedMessages() throws {
        let reply = try MailFixtures.mail("1700000018")
        var threader = MailThreader { id in id == "kefu-answer-1@seller.example" ? "ticket-77" : nil }
        #expect(threader.conversation(for: reply) == "ticket-77")
    }

    @Test func threaderJoinsARootThatArrivesAfterItsReply() throws {
        let root = try MailFixtures.mail("1700000017")
        let reply = try MailFixtures.mail("1700000018")
        var threader = MailThreader()
        let replyConversation = threader.conversation(for: reply)
        #expect(threader.conversation(for: root) == replyConversation)
    }

    @Test func subjectNormalisation() {
        #expect(SubjectNormalizer.strippingReplyPrefixes("AW: Re[2]: RE: Lieferung") == "Lieferung")
        #expect(SubjectNormalizer.strippingReplyPrefixes("Re: Fwd: Lieferung") == "Fwd: Lieferung")
        #expect(SubjectNormalizer.threadingKey("回复：Fwd:  Order   late") == "order late")
        #expect(SubjectNormalizer.strippingReplyPrefixes("Return request") == "Return request")
    }

    @Test func automaticMailIsFlagged() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nAuto-Submitted: auto-replied\n\nOut of office\n"))
        #expect(mail.isAutomatic)
        #expect(try !MailFixtures.mail("1700000017").isAutomatic)
    }
}
