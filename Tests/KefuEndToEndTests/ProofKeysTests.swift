import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// `T` and `E` (and Ctrl-K / Ctrl-G in the composer) through the real binary in tmux: the
/// composer ends up holding the tracking links and the evidence reference.
@Suite("Tracking and evidence keys end to end", .serialized)
struct ProofKeysTests {
    static let order = OrderFixture.orderID
    static let shipped = Fixture.base.addingTimeInterval(-3 * 86_400)

    /// A German ticket whose order has two parcels (UPS newest) and one weigh record; the user's
    /// carrier table moves UPS's page, and the team publishes evidence at a base URL.
    static func fixture() throws -> (OrderFixture, evidenceID: String, sha256: String) {
        var fixture = try OrderFixture(parcels: [
            Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: shipped),
            Parcel(trackingNumber: "1Z5R89390357567127", carrier: "UPS", shippedAt: shipped.addingTimeInterval(86_400), replaces: "RB123456785GB"),
        ])
        try #"{"carriers": [{"id": "ups", "url": "https://track.example/ups?n={n}"}]}"#
            .write(toFile: fixture.scratch.path("config/kefu/carriers.json"), atomically: true, encoding: .utf8)
        try fixture.useConfig("evidence:\n  public_base_url: https://proof.example.com/ev/\n")
        let record = try fixture.file("waage.csv", bytes: 900)
        let id = try fixture.kefu(["evidence", "add", "--order", order, record, "--kind", "weigh-record"], check: true)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let rows = try fixture.evidenceRows()
        return (fixture, id, try #require(rows.first?["sha256"] as? String))
    }

    static func console(_ fixture: OrderFixture) throws -> Tmux {
        try Tmux(command: [KefuBinary.path, "console", "--db", fixture.db], rows: 40, cols: 240, environment: fixture.environment)
    }

    /// The draft the console saved for ticket 1, once it has saved one.
    static func draft(_ fixture: OrderFixture) throws -> String {
        let store = try SQLiteTicketStore(path: fixture.db, policy: TestPolicy.standard)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try store.draft(ticketID: 1), !text.isEmpty { return text }
            usleep(50_000)
        }
        throw E2EError("no draft was saved")
    }

    static func trackingLine(_ number: String, _ carrier: String, _ url: String) -> String {
        "Sendungsnummer: \(number) · Versanddienst: \(carrier) · Sendung verfolgen: \(url)"
    }

    static func evidenceText(id: String, sha256: String) -> String {
        let today = EvidenceReference(id: id, kind: .weighRecord, addedAt: Date(), sha256: sha256, note: nil, url: nil)
            .dateText(timeZone: TimeZone(identifier: "UTC")!)
        return """
            Nachweis \(id): Wiegeprotokoll vom \(today) (SHA-256 \(sha256.prefix(12))).
            Hier können Sie ihn prüfen: https://proof.example.com/ev/\(sha256)
            Was er zeigt: das Gewicht des Pakets beim Verpacken; es passt zu den Artikeln Ihrer Bestellung.
            """
    }

    @Test("Thread: T offers both parcels (user-overridden UPS page), Ctrl-G adds the evidence reference")
    func trackingFromTheThreadThenEvidenceInTheComposer() throws {
        let (fixture, id, sha) = try Self.fixture()
        let tmux = try Self.console(fixture)
        try tmux.waitFor(text: "Queue · needs reply · 1/1")
        try tmux.press("Enter")
        // The thread lists the evidence: id, kind, date, short hash.
        let thread = try tmux.waitFor(text: "Evidence \(id) · weigh record · ")
        #expect(thread.contains(String(sha.prefix(12))))

        try tmux.press("T")
        let picker = try tmux.waitFor(text: "Insert tracking")
        #expect(picker.contains("All 2 parcels"))
        #expect(picker.contains("1Z5R89390357567127 · UPS"))
        try tmux.press("Enter")
        try tmux.waitFor(text: "Inserted tracking: All 2 parcels")
        let composed = try tmux.waitFor(text: "Sendung verfolgen: https://track.example/ups?n=1Z5R89390357567127")
        #expect(composed.contains("Reply to Anna Müller"))
        #expect(composed.contains("Sendungsnummer: RB123456785GB · Versanddienst: Royal Mail"))

        try tmux.press("C-g")
        try tmux.waitFor(text: "Inserted evidence: \(id)")
        try tmux.waitFor(text: "Nachweis \(id): Wiegeprotokoll vom")
        try tmux.waitFor(text: "Hier können Sie ihn prüfen: https://proof.example.com/ev/\(sha)")
        try tmux.press("Escape")

        let expected = [
            Self.trackingLine("1Z5R89390357567127", "UPS", "https://track.example/ups?n=1Z5R89390357567127"),
            Self.trackingLine("RB123456785GB", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB"),
            Self.evidenceText(id: id, sha256: sha),
            "",
        ].joined(separator: "\n")
        #expect(try Self.draft(fixture) == expected)
        // The id in the text is what a later email step resolves to attach the file.
        #expect(EvidenceReference.ids(in: expected) == [id])
    }

    @Test("Queue: E opens the composer with the reference; Ctrl-K picks one parcel")
    func evidenceFromTheQueueThenOneParcel() throws {
        let (fixture, id, sha) = try Self.fixture()
        let tmux = try Self.console(fixture)
        try tmux.waitFor(text: "Queue · needs reply · 1/1")
        try tmux.waitFor(text: "Evidence \(id)")  // the thread pane follows the selection
        try tmux.press("E")
        try tmux.waitFor(text: "Reply to Anna Müller")
        try tmux.waitFor(text: "Nachweis \(id): Wiegeprotokoll vom")

        try tmux.press("C-k")
        try tmux.waitFor(text: "Insert tracking")
        try tmux.press("Down", "Down")  // past "All 2 parcels" and the UPS parcel: Royal Mail
        try tmux.press("Enter")
        try tmux.waitFor(text: "Inserted tracking: RB123456785GB · Royal Mail")
        try tmux.press("Escape")
        let expected = Self.evidenceText(id: id, sha256: sha) + "\n"
            + Self.trackingLine("RB123456785GB", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB") + "\n"
        #expect(try Self.draft(fixture) == expected)
    }
}
