import Testing
@testable import KefuCore

struct TrackingReplySnippetTests {
    let parcels = [
        ParcelLink(number: "RB123456785GB", carrier: "Royal Mail",
                   url: "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"),
        ParcelLink(number: "LX526018152CN", carrier: "China Post", url: "https://t.17track.net/en#nums=LX526018152CN"),
    ]

    @Test func compactFormHasOneLinePerParcelInTheGivenOrder() {
        #expect(TrackingReplySnippet.format(parcels) == """
            RB123456785GB (Royal Mail): https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB
            LX526018152CN (China Post): https://t.17track.net/en#nums=LX526018152CN
            """)
    }

    @Test(arguments: [
        ("en", "Tracking number: RB123456785GB · Carrier: Royal Mail · Track it here: https://r.example/RB123456785GB"),
        ("de", "Sendungsnummer: RB123456785GB · Versanddienst: Royal Mail · Sendung verfolgen: https://r.example/RB123456785GB"),
        ("fr", "Numéro de suivi : RB123456785GB · Transporteur : Royal Mail · Suivre le colis : https://r.example/RB123456785GB"),
        ("es", "Número de seguimiento: RB123456785GB · Transportista: Royal Mail · Seguimiento: https://r.example/RB123456785GB"),
        ("it", "Numero di tracking: RB123456785GB · Corriere: Royal Mail · Traccia la spedizione: https://r.example/RB123456785GB"),
        ("zh", "RB123456785GB (Royal Mail): https://r.example/RB123456785GB"),
    ])
    func labelledFormSpeaksTheReplyLanguage(code: String, expected: String) {
        let parcel = ParcelLink(number: "RB123456785GB", carrier: "Royal Mail", url: "https://r.example/RB123456785GB")
        #expect(TrackingReplySnippet.format([parcel], languageCode: code) == expected)
    }

    @Test func anInvalidNumberIsListedWithoutALink() throws {
        let detector = try ShippedCarrierTable.detector()
        let typo = ParcelLink(detector.detect("RB123456784GB"))
        #expect(TrackingReplySnippet.format([typo]) == "RB123456784GB (Royal Mail)")
        #expect(TrackingReplySnippet.format([typo], language: .en) == "Tracking number: RB123456784GB · Carrier: Royal Mail")
    }
}
