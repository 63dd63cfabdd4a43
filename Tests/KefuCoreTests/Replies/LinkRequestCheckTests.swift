import Testing
@testable import KefuCore

/// Marketplace policy in the reply check: no asking the buyer to log in, verify an account or
/// pay through a link, in the template languages.
@Suite struct LinkRequestCheckTests {
    private func blocked(_ paragraph: String) -> Bool {
        let reply = "Dear Anna,\n\nThank you for your message.\n\n\(paragraph)\n\nKind regards,\nLi Wei"
        return ReplyChecks.check(reply).contains { $0.kind == .linkAsksForLogin && $0.isBlocking }
    }

    @Test func requestsWithALinkAreRefusedInEveryTemplateLanguage() {
        #expect(blocked("Please log in at https://www.amazon.com/your-account to confirm the address."))
        #expect(blocked("Please verify your account here: https://shop.example/verify"))
        #expect(blocked("You can pay now with this link: https://pay.shop.example/order/114"))
        #expect(blocked("Bitte melden Sie sich an: https://www.amazon.de/gp/css/homepage.html"))
        #expect(blocked("Merci de vérifier votre compte sur https://www.amazon.fr/"))
        #expect(blocked("Por favor, inicie sesión en https://www.amazon.es/ para confirmar."))
        #expect(blocked("La preghiamo di verificare il tuo account qui: https://www.amazon.it/"))
    }

    @Test func theSameWordsWithoutALinkAndLinksWithoutTheWordsPass() {
        // The scam-warning template tells buyers exactly this, with no link: it must pass.
        #expect(!blocked("Amazon never asks you to verify your account through a link in an email."))
        #expect(!blocked("You can follow the parcel here: https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"))
    }

    @Test func theFindingSaysWhatAndHowToFixIt() throws {
        let reply = "Dear Anna,\n\nThank you.\n\nPlease log in at https://www.amazon.com/ to see it.\n\nKind regards,\nLi"
        let finding = try #require(ReplyChecks.check(reply).first { $0.kind == .linkAsksForLogin })
        #expect(finding.location.line == 5)
        #expect(finding.message.contains("log in"))
        #expect(finding.fix.contains("marketplace's website or app"))
    }
}
