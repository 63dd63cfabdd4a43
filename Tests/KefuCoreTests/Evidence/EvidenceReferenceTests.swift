import Foundation
import Testing
import KefuCore

/// An evidence reference in a reply: evidence → where to check it → what it means.
struct EvidenceReferenceTests {
    let sha = "2f9a41c07be3d1e0aa55c4e7b1f0d9c8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2"
    let utc = TimeZone(identifier: "UTC")!

    func record(kind: EvidenceKind = .weighRecord, note: String? = nil) -> EvidenceRecord {
        EvidenceRecord(id: "EV-2F9A", sha256: sha, orderID: "302-1", kind: kind, note: note, addedBy: "Li Wei",
                       addedAt: RFC3339.parse("2026-11-20T23:30:00Z")!, originalName: "w.jpg", size: 1200)
    }

    @Test func englishWithAPublicLink() {
        let settings = EvidenceSettings(publicBaseURL: "https://proof.example.com/ev")
        let text = EvidenceReference(record(), settings: settings).text(languageCode: "en", timeZone: utc)
        #expect(text == """
            Evidence EV-2F9A: weigh record of 2026-11-20 (SHA-256 2f9a41c07be3).
            Where to check it: https://proof.example.com/ev/\(sha)
            What it shows: the parcel's weight when it was packed, which matches the items of your order.
            """)
    }

    @Test func withoutALinkItSaysTheFileIsAttachedAndTheNoteSaysWhatItMeans() {
        let text = EvidenceReference(record(kind: .photo, note: "Box intact, \u{1B}]0;x\u{07}seal unbroken"), settings: EvidenceSettings())
            .text(languageCode: "de-DE", timeZone: utc)
        #expect(text.hasPrefix("Nachweis EV-2F9A: Foto vom 2026-11-20 (SHA-256 2f9a41c07be3).\nEr ist dieser Nachricht beigefügt.\nWas er zeigt: Box intact,"))
        #expect(text.hasSuffix("seal unbroken."))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func frenchSpacingAndEnglishFallback() {
        let french = EvidenceReference(record(kind: .proofOfDelivery), settings: EvidenceSettings()).text(languageCode: "fr", timeZone: utc)
        #expect(french.hasPrefix("Preuve EV-2F9A : preuve de livraison du 2026-11-20"))
        #expect(french.contains("Ce qu'elle montre : l'attestation du transporteur"))
        let japanese = EvidenceReference(record(), settings: EvidenceSettings()).text(languageCode: "ja", timeZone: utc)
        #expect(japanese.hasPrefix("Evidence EV-2F9A: weigh record"))
        // The date is the day in the agent's zone.
        let shanghai = EvidenceReference(record(), settings: EvidenceSettings()).text(languageCode: nil, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(shanghai.contains("of 2026-11-21"))
    }

    @Test func aBaseURLWithPlaceholders() {
        let settings = EvidenceSettings(publicBaseURL: "https://cdn.example/{id}?h={sha256}")
        #expect(settings.publicURL(id: "EV-2F9A", sha256: "ab") == "https://cdn.example/EV-2F9A?h=ab")
    }

    @Test func idsAreFoundAsWholeWordsForALaterAttachmentStep() {
        let reply = """
            Evidence EV-2F9A: photo. See also (EV-0B1C7) and EV-2F9A again.
            Not these: XEV-1234, EV-12, EV-2F9AQ, ev-abcd.
            """
        #expect(EvidenceReference.ids(in: reply) == ["EV-2F9A", "EV-0B1C7"])
        let written = EvidenceReference(record(), settings: EvidenceSettings()).text(languageCode: "it", timeZone: utc)
        #expect(EvidenceReference.ids(in: written) == ["EV-2F9A"])
    }
}
