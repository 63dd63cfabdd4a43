import Testing
@testable import KefuCore

@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("en", "Hello, where is my order? I paid three weeks ago and the tracking has not changed."),
        ("de", "Hallo, wo ist meine Bestellung? Ich habe vor drei Wochen bezahlt und das Paket ist noch nicht da."),
        ("fr", "Bonjour, où est ma commande ? J'ai payé il y a trois semaines et le colis n'est toujours pas arrivé."),
        ("es", "Hola, ¿dónde está mi pedido? Lo pagué hace tres semanas y todavía no ha llegado."),
        ("it", "Buongiorno, dov'è il mio ordine? L'ho pagato tre settimane fa e il pacco non è ancora arrivato."),
        ("pt", "Olá, onde está a minha encomenda? Paguei há três semanas e o pacote ainda não chegou."),
        ("nl", "Hallo, waar is mijn bestelling? Ik heb drie weken geleden betaald en het pakket is er nog niet."),
        ("pl", "Dzień dobry, gdzie jest moje zamówienie? Zapłaciłem trzy tygodnie temu i paczka jeszcze nie dotarła."),
        ("sv", "Hej, var är min beställning? Jag betalade för tre veckor sedan och paketet har inte kommit än."),
        ("tr", "Merhaba, siparişim nerede? Üç hafta önce ödeme yaptım ama kargo hâlâ gelmedi."),
        ("ru", "Здравствуйте, где мой заказ? Я оплатил его три недели назад, а посылки всё нет."),
        ("uk", "Вітаю, де моє замовлення? Я оплатив його три тижні тому, але посилки досі немає."),
        ("ja", "こんにちは。注文した商品がまだ届いていません。追跡番号を教えてください。"),
        ("zh", "你好，我的订单到哪里了？我三个星期前就付款了。"),
        ("ko", "안녕하세요, 제 주문은 어디에 있나요? 3주 전에 결제했습니다."),
        ("ar", "مرحبا، أين طلبي؟ لقد دفعت قبل ثلاثة أسابيع ولم يصل الطرد بعد."),
    ])
    func detectsTheCustomersLanguage(expected: String, sentence: String) {
        #expect(LanguageDetector.detect(sentence) == expected)
    }

    @Test func shortThanksAreEnough() {
        #expect(LanguageDetector.detect("Vielen Dank für die schnelle Hilfe!") == "de")
        #expect(LanguageDetector.detect("Merci beaucoup pour votre aide !") == "fr")
    }

    @Test func unsureTextGivesNil() {
        #expect(LanguageDetector.detect("") == nil)
        #expect(LanguageDetector.detect("RB123456785GB 302-1234567-7654321") == nil)
        #expect(LanguageDetector.detect("OK") == nil)
        #expect(LanguageDetector.detect("👍👍") == nil)
    }

    @Test func japaneseWithKanjiIsNotChinese() {
        #expect(LanguageDetector.detect("商品を注文しました。") == "ja")
        #expect(LanguageDetector.detect("我已经付款了") == "zh")
    }
}
