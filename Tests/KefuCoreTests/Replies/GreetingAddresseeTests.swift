import Testing
@testable import KefuCore

/// Issue 18: a reply that greets someone else ("Dear 渡辺 健," on Mason Lee's ticket) must not go
/// out, and the check offers the right name; a greeting without a name, or to the customer by
/// first name, family name or with accents dropped, is fine.
@Suite struct GreetingAddresseeTests {
    private func findings(_ reply: String, customer: String, language: String = "en") -> [ReplyFinding] {
        ReplyChecks.check(reply, context: ReplyCheckContext(customerLanguage: language, customerName: customer))
            .filter { $0.kind == .wrongCustomerName }
    }

    @Test func aGreetingToAnotherCustomerBlocksWithTheRightNameOffered() throws {
        let reply = "Dear 渡辺 健,\n\nThank you for your message.\n\nKind regards,\nLi Wei"
        let finding = try #require(findings(reply, customer: "Mason Lee").first)
        #expect(finding.isBlocking)
        #expect(finding.message.contains("渡辺 健") && finding.message.contains("Mason Lee"))
        #expect(finding.fix.contains("Dear Mason Lee,"))
        #expect(finding.suggestion == "Mason Lee")
        #expect(finding.location.line == 1 && finding.location.column == 6)
        #expect(finding.location.excerpt == "渡辺 健")
    }

    @Test func theCustomersOwnNameInAnyFormPasses() {
        #expect(findings("Dear Mason Lee,\n\nThanks!", customer: "Mason Lee").isEmpty)
        #expect(findings("Hi Mason,\n\nThanks!", customer: "Mason Lee").isEmpty)
        #expect(findings("Dear Mr Lee,\n\nThanks!", customer: "Mason Lee").isEmpty)
        #expect(findings("Hola, Lucia:\n\nGracias.", customer: "Lucía Gómez", language: "es").isEmpty)
        #expect(findings("Sehr geehrte Frau Müller,\n\nvielen Dank.", customer: "Anna Müller", language: "de").isEmpty)
        #expect(findings("渡辺 健様\n\nありがとうございます。", customer: "渡辺 健", language: "ja").isEmpty)
        #expect(findings("渡辺様\n\nありがとうございます。", customer: "渡辺 健", language: "ja").isEmpty)
        #expect(findings("王小明先生，您好！\n\n谢谢您的来信。", customer: "王小明 (Kevin Wang)", language: "zh").isEmpty)
        #expect(findings("Dear Kevin,\n\nThank you.", customer: "王小明 (Kevin Wang)").isEmpty)
        #expect(findings("Здравствуйте, Анна!\n\nСпасибо.", customer: "Анна Смирнова", language: "ru").isEmpty)
        // A romanised name cannot be checked against a name in another script: no block.
        #expect(findings("Dear Hanako,\n\nThank you.", customer: "佐藤 花子").isEmpty)
        #expect(findings("Dear Anna,\n\nThank you.", customer: "Анна Смирнова").isEmpty)
    }

    @Test func greetingsWithoutANameAreNeverAMistake() {
        for reply in ["Hello,\n\nThanks.", "Dear customer,\n\nThanks.", "Sehr geehrte Damen und Herren,\n\nDanke.",
                      "Hi, thanks a lot for the photos!", "Hello, I checked your order today.", "Dear Sir or Madam,\n\nThanks.",
                      "Thank you for your message.", "お客様\n\nありがとうございます。"] {
            #expect(findings(reply, customer: "Mason Lee").isEmpty, "\(reply)")
        }
    }

    @Test func wrongNamesAreCaughtInEveryScript() {
        #expect(!findings("Здравствуйте, Ольга!\n\nСпасибо.", customer: "Анна Смирнова", language: "ru").isEmpty)
        #expect(!findings("김민수 고객님, 안녕하세요.\n\n감사합니다.", customer: "이지은", language: "ko").isEmpty)
        #expect(!findings("佐藤 花子様\n\nありがとうございます。", customer: "渡辺 健", language: "ja").isEmpty)
        #expect(!findings("Hola, Lucía:\n\nGracias.", customer: "José Martínez", language: "es").isEmpty)
        #expect(!findings("Dear Mason Lee,\n\nThanks.", customer: "Emily Carter").isEmpty)
    }

    @Test func withoutTheCustomersNameTheCheckStaysSilent() {
        let reply = "Dear 渡辺 健,\n\nThank you."
        #expect(!ReplyChecks.check(reply, context: ReplyCheckContext(customerLanguage: "en")).contains { $0.kind == .wrongCustomerName })
    }
}
