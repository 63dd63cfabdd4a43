import Testing
@testable import KefuMail

/// Quarantine reasons are printed by `kefu quarantine list` and logged: they say what is wrong
/// without repeating the customer's words.
struct ReasonPrivacyTests {
    @Test func aMessageWithoutHeadersIsDescribedWithoutItsText() {
        let secret = "Meine Kreditkarte 4111 1111 1111 1111 und Adresse Hauptstr. 5"
        #expect {
            _ = try MailParser().parse(Array("\(secret)\nmore\n".utf8))
        } throws: { error in
            let text = "\(error)"
            return text.contains("no header fields") && text.contains("\(secret.utf8.count) bytes") && !text.contains("Kreditkarte")
        }
    }

    @Test func aFromWithoutAnAddressIsDescribedWithoutItsText() {
        #expect {
            _ = try MailParser().parse(Array("From: \"Anna Müller\" <>\nSubject: x\n\nbody\n".utf8))
        } throws: { error in
            let text = "\(error)"
            return text.contains("holds no address") && !text.contains("Müller")
        }
    }
}
