import Testing
import KefuCore

@Suite("Unsubscribe requests in seven languages and more; quoted text does not count")
struct UnsubscribeRequestTests {
    @Test("Asked in the customer's own words", arguments: [
        "Please UNSUBSCRIBE me from these mails.", "Bitte abmelden.", "Je veux me désabonner", "merci de me desinscrire",
        "Quiero darme de baja, gracias", "Vorrei la cancella iscrizione", "请帮我退订", "配信停止をお願いします", "unsubscribed?",
        "Stop sending me offers",
    ])
    func asked(_ text: String) {
        #expect(UnsubscribeRequest.matches(text))
    }

    @Test("Not asked: other words, a quoted notice, the original below the reply", arguments: [
        "Where is my parcel?", "xunsubscribe", "Thanks!\n> Reply unsubscribe to stop these messages.",
        "Danke\n-----Original Message-----\nTo unsubscribe, reply unsubscribe", "", "Ich habe mich angemeldet",
    ])
    func notAsked(_ text: String) {
        #expect(!UnsubscribeRequest.matches(text))
    }
}
