import Foundation
import Testing

/// A customer's mail with broken MIME structure is imported, not quarantined: its text is
/// read as well as possible and the thread says how (`kefu show`, text and JSON).
@Suite("Broken mail read leniently end to end")
struct BrokenMailEndToEndTests {
    @Test("A multipart without a boundary parameter is imported with its text and a reading note in the thread")
    func noBoundary() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let mbox = scratch.path("in.mbox")
        try """
            From anna@example.de Mon Dec  7 10:00:00 2026
            From: Anna <anna@example.de>
            Subject: Wo ist mein Paket
            Message-ID: <nb1@example.de>
            Content-Type: multipart/mixed

            --abc
            Content-Type: text/plain; charset=utf-8

            Hallo, wo ist mein Paket?
            --abc--

            """.write(toFile: mbox, atomically: true, encoding: .utf8)
        let imported = try KefuBinary.run(["import", "mbox", mbox, "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        let quarantine = try KefuBinary.run(["quarantine", "list", "--db", db])
        #expect(quarantine.output.contains("Nothing in quarantine"), "\(quarantine.output)")
        let show = try KefuBinary.run(["show", "1", "--db", db])
        #expect(show.output.contains("Hallo, wo ist mein Paket?"), "\(show.output)")
        #expect(show.output.contains("ⓘ Read leniently: multipart/mixed without a boundary parameter"), "\(show.output)")
        let json = try KefuBinary.run(["show", "1", "--json", "--db", db])
        #expect(json.output.contains("\"reading_notes\""), "\(json.output)")
        #expect(json.output.contains("multipart/mixed without a boundary parameter"))
    }
}
